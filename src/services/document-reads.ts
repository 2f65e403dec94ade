import type { z } from "zod";
import type { Actor } from "../domain/actor.js";
import {
  type DocumentContext,
  type EvidenceLinkView,
  evidenceKinds,
  type IntakeListItem,
} from "../domain/documents.js";
import { kindTarget } from "../domain/policy.js";
import { originalToCleanedOffset } from "../ingest/sources/cleaning.js";
import type { TextEdit } from "../ingest/sources/contracts.js";
import type { Db } from "../store/database.js";
import {
  clusterMembers,
  intakesList,
  linksOfDocument,
  originalSizeOf,
  recordLabelsOf,
  sightingsOf,
} from "../store/document-queries.js";
import { repositories } from "../store/repository.js";
import { authorize, requireSignedIn } from "./context.js";
import { readExtraction } from "./extraction-review.js";
import { readRecordWithActions } from "./record-reads.js";

type LinkRow = Awaited<ReturnType<typeof linksOfDocument>>[number];

/** An evidence link as shown: the passage's offsets in the cleaned text too, and whether the caller may remove it. */
export function linkView(actor: Actor, row: LinkRow, recordTitle: string | null = null): EvidenceLinkView {
  const edits = row.cleaningEdits as TextEdit[];
  const cleaned = (offset: number | null) =>
    offset === null ? null : originalToCleanedOffset(edits, offset);
  const { cleaningEdits: _, ...rest } = row;
  return {
    ...rest,
    recordKind: row.recordKind as EvidenceLinkView["recordKind"],
    recordTitle,
    cleanedStart: cleaned(row.passageStart),
    cleanedEnd: cleaned(row.passageEnd),
    mayRemove: actor.kind === "account" && actor.role !== "party_representative",
  };
}

/**
 * A document as GET /api/documents/{id} answers it: the record (404 when the caller may not read it)
 * with its original's size and address, its sightings, the cluster members the caller may read, and
 * the records that cite it.
 */
export async function readDocumentDetail(db: Db, actor: Actor, id: string) {
  const record = await readRecordWithActions(db, actor, "documents", id);
  const [byteLength, sightings, links] = await Promise.all([
    originalSizeOf(db, id),
    sightingsOf(db, id),
    linksOfDocument(db, actor, id),
  ]);
  const cluster = record.duplicateClusterId
    ? {
        id: record.duplicateClusterId,
        members: await clusterMembers(db, actor, record.duplicateClusterId, id),
      }
    : null;
  const { mentions, dates, quotes, claims, mayReview } = await readExtraction(db, actor, id);
  const context: z.input<typeof DocumentContext> = {
    mentions,
    dates,
    quotes,
    claims,
    mayReviewExtraction: mayReview,
    original:
      byteLength === undefined
        ? null
        : {
            byteLength,
            contentType: record.contentType ?? null,
            encoding: record.encoding ?? null,
            href: `/api/documents/${encodeURIComponent(id)}/original`,
          },
    sightings: sightings.map((row) => ({
      ...row,
      via: row.via as z.infer<typeof DocumentContext>["sightings"][number]["via"],
      outcome: row.outcome as "created" | "sighting",
    })),
    cluster,
    evidence: await citingRecords(db, actor, links),
  };
  return { ...record, ...context };
}

/**
 * The records citing a document, each with its title, and only those the caller may read: a draft
 * incident citing a published statement stays hidden from the public.
 */
async function citingRecords(db: Db, actor: Actor, links: LinkRow[]): Promise<EvidenceLinkView[]> {
  const views: EvidenceLinkView[] = [];
  for (const kind of evidenceKinds) {
    const ofKind = links.filter((link) => link.recordKind === kind);
    if (ofKind.length === 0) continue;
    const readable = new Set(
      (
        await repositories[kind].getMany(db, [...new Set(ofKind.map((link) => link.recordId))], {
          readAs: actor,
        })
      ).map((record) => record.id),
    );
    const labels = await recordLabelsOf(db, kind, [...readable]);
    for (const link of ofKind)
      if (readable.has(link.recordId)) views.push(linkView(actor, link, labels.get(link.recordId) ?? null));
  }
  return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The intake record (what came in, what failed and why): for those who take documents in. */
export async function readIntakes(
  db: Db,
  actor: Actor,
  filters: Parameters<typeof intakesList>[1],
): Promise<IntakeListItem[]> {
  requireSignedIn(actor);
  if (actor.kind === "account" && actor.role === "party_representative")
    authorize(actor, "create", kindTarget("documents"));
  const rows = await intakesList(db, filters);
  return rows.map((row) => ({ ...row, via: row.via as IntakeListItem["via"] }));
}
