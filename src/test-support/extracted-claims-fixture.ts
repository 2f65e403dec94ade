import type { Db } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { extractionItems } from "../store/schema.js";
import { searchFixtureDocuments } from "./search-fixture.js";

/**
 * Extraction items over the search fixture's documents (src/test-support/search-fixture.ts), written
 * straight into `extraction_items` with their standing columns: confirmed claims, quotes and mentions,
 * and a suggestion, a rejection and a draft document's claim that no public view may count.
 */

type Status = "suggested" | "accepted" | "rejected" | "corrected";

interface ItemSpec {
  id: string;
  document: string;
  kind: "mention" | "quote" | "claim";
  passage: string;
  status: Status;
  recordId?: string;
  partyId?: string;
  claimType?: string;
  bearsOnIds?: string[];
}

export const extractedItemSpecs = (p: string): ItemSpec[] => [
  {
    id: `${p}-claim-commits`,
    document: `${p}-en-many`,
    kind: "claim",
    passage: "A checkpoint was installed at the bridge",
    status: "accepted",
    partyId: `${p}-azerbaijan`,
    claimType: "commits",
    bearsOnIds: [`${p}-provision`],
  },
  {
    id: `${p}-claim-threat`,
    document: `${p}-en-many`,
    kind: "claim",
    passage: "the corridor remains closed",
    status: "accepted",
    partyId: `${p}-azerbaijan`,
    claimType: "threatens",
  },
  {
    id: `${p}-claim-corrected`,
    document: `${p}-en-few`,
    kind: "claim",
    passage: "a checkpoint is a sovereign matter",
    status: "corrected",
    partyId: `${p}-azerbaijan`,
    claimType: "threatens",
    bearsOnIds: [`${p}-commitment`],
  },
  {
    id: `${p}-claim-denies`,
    document: `${p}-az`,
    kind: "claim",
    passage: "Danışıqlar davam edir",
    status: "accepted",
    partyId: `${p}-azerbaijan`,
    claimType: "denies",
  },
  {
    id: `${p}-claim-alleges`,
    document: `${p}-en-body`,
    kind: "claim",
    passage: "the negotiating teams discussed the corridor",
    status: "accepted",
    partyId: `${p}-armenia`,
    claimType: "alleges_violation",
    bearsOnIds: [`${p}-provision`],
  },
  {
    id: `${p}-claim-suggested`,
    document: `${p}-en-many`,
    kind: "claim",
    passage: "The checkpoint stops every vehicle",
    status: "suggested",
    partyId: `${p}-azerbaijan`,
    claimType: "denies",
    bearsOnIds: [`${p}-commitment`],
  },
  {
    id: `${p}-claim-rejected`,
    document: `${p}-en-many`,
    kind: "claim",
    passage: "manned day and night",
    status: "rejected",
    partyId: `${p}-azerbaijan`,
    claimType: "demands",
  },
  {
    id: `${p}-claim-draft`,
    document: `${p}-draft`,
    kind: "claim",
    passage: "the word quokkaword appears only here",
    status: "accepted",
    partyId: `${p}-azerbaijan`,
    claimType: "threatens",
  },
  {
    id: `${p}-quote-pashinyan`,
    document: `${p}-en-body`,
    kind: "quote",
    passage: "the negotiating teams discussed the corridor and the humanitarian situation",
    status: "accepted",
    recordId: `${p}-pashinyan`,
    partyId: `${p}-armenia`,
  },
  {
    id: `${p}-mention-stepanakert`,
    document: `${p}-en-many`,
    kind: "mention",
    passage: "bridge",
    status: "accepted",
    recordId: `${p}-stepanakert`,
  },
  {
    id: `${p}-mention-suggested`,
    document: `${p}-en-body`,
    kind: "mention",
    passage: "corridor",
    status: "suggested",
    recordId: `${p}-stepanakert`,
  },
];

export async function seedExtractedClaims(db: Db, p: string): Promise<void> {
  const texts = new Map(searchFixtureDocuments(p).map((d) => [d.id, d.text]));
  const rows = extractedItemSpecs(p).map((spec) => {
    const text = texts.get(spec.document) ?? "";
    const spanStart = text.indexOf(spec.passage);
    if (spanStart < 0) throw new Error(`"${spec.passage}" is not in ${spec.document}`);
    const value = { claimType: spec.claimType, recordId: spec.recordId };
    const decided = spec.status === "suggested" ? null : value;
    return {
      id: spec.id,
      documentId: spec.document,
      kind: spec.kind,
      itemKey: `${spec.kind}:${spec.id}`,
      spanStart,
      spanEnd: spanStart + spec.passage.length,
      text: spec.passage,
      confidence: 0.9,
      rule: "fixture",
      suggestion: value,
      status: spec.status,
      decided,
      decidedBy: decided ? "reviewer" : null,
      decidedAt: decided ? "2023-07-01T00:00:00Z" : null,
      recordId: spec.recordId ?? null,
      partyId: spec.partyId ?? null,
      claimType: spec.claimType ?? null,
      bearsOnIds: spec.bearsOnIds ?? [],
    };
  });
  await db.insert(extractionItems).values(rows);
}

const by = "extracted-claims-fixture";

/** Assessments of the fixture's Azerbaijan's commitment (one corrected) and incidents alleged against it. */
export async function seedRecordOfDeeds(db: Db, p: string): Promise<void> {
  const assessment = (id: string, asOf: string, level: number, supersedesId?: string) => ({
    id,
    commitmentId: `${p}-commitment`,
    partyId: `${p}-azerbaijan`,
    asOf,
    level,
    rationale: "Test assessment.",
    assessor: "monitor",
    ...(supersedesId ? { supersedesId } : {}),
  });
  await repositories.assessments.insertMany(
    db,
    [
      assessment(`${p}-assessment-first`, "2023-01-01", 3),
      assessment(`${p}-assessment-corrected`, "2023-01-01", 2, `${p}-assessment-first`),
      assessment(`${p}-assessment-later`, "2023-05-01", 0),
    ] as never,
    by,
  );
  const incident = (id: string, startDate: string, reviewState: string) => ({
    id,
    processId: p,
    title: `Incident ${id}`,
    monitoringType: "road_blocked",
    startDate,
    reviewState,
    actors: [{ partyId: `${p}-azerbaijan`, role: "alleged_perpetrator" }],
    allegedBreaches: [{ provisionId: `${p}-provision`, allegedByPartyId: `${p}-armenia`, sources: [] }],
  });
  await repositories.incidents.insertMany(
    db,
    [
      incident(`${p}-blockade`, "2023-04-24", "published"),
      incident(`${p}-draft-incident`, "2023-06-02", "draft"),
    ] as never,
    by,
  );
}
