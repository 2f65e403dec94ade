import { and, eq, gte, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { DocumentExtraction, ExtractionDecision, ExtractionItemView } from "../domain/extraction.js";
import { can, kindTarget } from "../domain/policy.js";
import { standingColumns } from "../ingest/extraction/items.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { inSequence } from "../store/in-sequence.js";
import { repositories } from "../store/repository.js";
import { extractionItems } from "../store/schema.js";
import { authorize, requireSignedIn, runUseCase, writerName } from "./context.js";
import { extractAndStore, itemsOfDocuments, loadExtractionContext } from "./extraction.js";

type ItemRow = typeof extractionItems.$inferSelect;

/**
 * Reviewing what extraction suggested (issue #11, item 2): the document's items with the records they
 * name, and each decision — accept, reject, correct, reopen — recorded with who and when. Those who may
 * take documents in review them; the public sees only what a reviewer accepted or corrected.
 */
export const mayReviewExtraction = (actor: Actor) => can(actor, "create", kindTarget("documents")).allowed;

export async function readExtraction(db: Db, actor: Actor, documentId: string): Promise<DocumentExtraction> {
  const document = await repositories.documents.get(db, documentId, actor);
  if (!document) throw new NotFoundError("documents", documentId);
  const mayReview = mayReviewExtraction(actor);
  const rows = (await itemsOfDocuments(db, [documentId])).filter(
    (row) => mayReview || row.status === "accepted" || row.status === "corrected",
  );
  const names = await namesOf(db, actor, rows);
  const views = rows
    .sort((a, b) => a.spanStart - b.spanStart || a.spanEnd - b.spanEnd)
    .map((row) => itemView(row, names));
  return {
    mentions: views.filter((view) => view.kind === "mention"),
    dates: views.filter((view) => view.kind === "date"),
    quotes: views.filter((view) => view.kind === "quote"),
    claims: views.filter((view) => view.kind === "claim"),
    mayReview,
  };
}

const standingValue = (row: ItemRow) => (row.decided ?? row.suggestion) as Record<string, unknown>;

function itemView(row: ItemRow, names: Map<string, string>): ExtractionItemView {
  const value = standingValue(row);
  const named = (id: unknown, text?: unknown) =>
    typeof id === "string"
      ? { id, name: names.get(id) ?? id }
      : typeof text === "string"
        ? { id: null, name: text }
        : null;
  const actor = (field: unknown) => {
    const actorValue = field as { text?: string; recordId?: string | null } | null;
    return actorValue ? named(actorValue.recordId, actorValue.text) : null;
  };
  const base = {
    id: row.id,
    kind: row.kind,
    spanStart: row.spanStart,
    spanEnd: row.spanEnd,
    text: row.text,
    confidence: row.confidence,
    rule: row.rule,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    value,
  };
  if (row.kind === "mention")
    return { ...base, mentionKind: String(value.mentionKind), record: named(value.recordId) };
  if (row.kind === "quote") return { ...base, speaker: actor(value.speaker) };
  if (row.kind === "claim")
    return {
      ...base,
      claimType: value.claimType as ExtractionItemView["claimType"],
      claimant: actor(value.claimant),
      target: actor(value.target),
      bearsOn: ((value.bearsOn as { kind: string; id: string; score: number }[] | undefined) ?? []).map(
        (link) => ({
          ...link,
          title: names.get(link.id) ?? link.id,
        }),
      ),
    };
  return {
    ...base,
    resolved: (value.resolved as { start: string; end: string } | null) ?? null,
    approximate: value.approximate === true,
  };
}

/**
 * Every record id the items name, resolved to a name the caller may read (a draft person's name stays
 * hidden from the public), a place by all its names: Shushi / Shusha.
 */
async function namesOf(db: Db, actor: Actor, rows: ItemRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  const add = (id: unknown) => typeof id === "string" && ids.add(id);
  for (const row of rows) {
    const value = standingValue(row);
    add(value.recordId);
    for (const field of ["speaker", "claimant", "target"])
      add((value[field] as { recordId?: unknown } | null)?.recordId);
    for (const link of (value.bearsOn as { id: string }[] | undefined) ?? []) add(link.id);
  }
  const list = [...ids];
  const names = new Map<string, string>();
  if (list.length === 0) return names;
  const readAs = { readAs: actor };
  const [partyRows, personRows, placeRows, commitmentRows, provisionRows, incidentRows] = await inSequence([
    () => repositories.parties.getMany(db, list, readAs),
    () => repositories.persons.getMany(db, list, readAs),
    () => repositories.places.getMany(db, list, readAs),
    () => repositories.commitments.getMany(db, list, readAs),
    () => repositories.provisions.getMany(db, list, readAs),
    () => repositories.incidents.getMany(db, list, readAs),
  ]);
  for (const row of partyRows) names.set(row.id, row.shortName);
  for (const row of personRows) names.set(row.id, row.names[0]?.text ?? row.id);
  for (const row of placeRows)
    names.set(row.id, [...new Set(row.names.map((name) => name.text))].slice(0, 3).join(" / "));
  for (const row of commitmentRows) names.set(row.id, row.title);
  for (const row of provisionRows) names.set(row.id, row.heading || row.path);
  for (const row of incidentRows) names.set(row.id, row.title);
  return names;
}

/** Applies one decision to one item, in one transaction with the item locked. */
export async function decideExtractionItem(
  db: Db,
  actor: Actor,
  itemId: string,
  decision: ExtractionDecision,
) {
  requireSignedIn(actor);
  authorize(actor, "create", kindTarget("documents"));
  return runUseCase(db, actor, async ({ tx }) => {
    const [row] = await tx.select().from(extractionItems).where(eq(extractionItems.id, itemId)).for("update");
    if (!row) throw new NotFoundError("extraction-items", itemId);
    const document = await repositories.documents.get(tx, row.documentId, actor);
    if (!document) throw new NotFoundError("extraction-items", itemId);
    const decided = decidedValue(row, decision);
    const context = await loadExtractionContext(tx, document.processId);
    const status = {
      accept: "accepted",
      reject: "rejected",
      correct: "corrected",
      reopen: "suggested",
    } as const;
    const reopened = decision.action === "reopen";
    const by = writerName(actor);
    const [updated] = await tx
      .update(extractionItems)
      .set({
        status: status[decision.action],
        decided: reopened ? null : decided,
        decidedBy: reopened ? null : by,
        decidedAt: reopened ? null : sql`now()`,
        history: sql`${extractionItems.history} || ${JSON.stringify([
          { by, at: new Date().toISOString(), action: decision.action, value: decision.correction },
        ])}::jsonb`,
        ...standingColumns(
          row.kind,
          decision.action === "reject" ? null : (decided ?? row.suggestion),
          context.partyOf,
        ),
      })
      .where(eq(extractionItems.id, itemId))
      .returning();
    return itemView(updated as ItemRow, await namesOf(tx, actor, [updated as ItemRow]));
  });
}

function decidedValue(row: ItemRow, decision: ExtractionDecision): Record<string, unknown> | null {
  if (decision.action === "reopen") return null;
  if (decision.action !== "correct") return row.suggestion;
  if (!decision.correction || Object.keys(decision.correction).length === 0)
    throw new ValidationError("A correction says what changes.", [
      { path: "correction", message: "required" },
    ]);
  return { ...row.suggestion, ...decision.correction };
}

/** Accepts a document's open suggestions at or above a confidence, in one statement. */
export async function acceptConfident(db: Db, actor: Actor, documentId: string, minimum: number) {
  requireSignedIn(actor);
  authorize(actor, "create", kindTarget("documents"));
  return runUseCase(db, actor, async ({ tx }) => {
    const document = await repositories.documents.get(tx, documentId, actor);
    if (!document) throw new NotFoundError("documents", documentId);
    const by = writerName(actor);
    const accepted = await tx
      .update(extractionItems)
      .set({
        status: "accepted",
        decided: sql`${extractionItems.suggestion}`,
        decidedBy: by,
        decidedAt: sql`now()`,
        history: sql`${extractionItems.history} || ${JSON.stringify([
          { by, at: new Date().toISOString(), action: "accept" },
        ])}::jsonb`,
      })
      .where(
        and(
          eq(extractionItems.documentId, documentId),
          eq(extractionItems.status, "suggested"),
          gte(extractionItems.confidence, minimum),
        ),
      )
      .returning({ id: extractionItems.id });
    return accepted.length;
  });
}

/** Reads the document again with the current rules and registry; decisions already made stay. */
export async function rerunExtraction(db: Db, actor: Actor, documentId: string) {
  requireSignedIn(actor);
  authorize(actor, "create", kindTarget("documents"));
  return runUseCase(db, actor, async ({ tx }) => {
    const document = await repositories.documents.get(tx, documentId, actor);
    if (!document) throw new NotFoundError("documents", documentId);
    return extractAndStore(tx, [document]);
  });
}
