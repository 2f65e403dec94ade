import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { EvidenceKind, EvidenceLinkRequest, EvidenceLinkView } from "../domain/documents.js";
import { kindTarget } from "../domain/policy.js";
import type { Db } from "../store/database.js";
import { linksOfRecords, recordLabelsOf } from "../store/document-queries.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { repositories } from "../store/repository.js";
import { evidenceLinks } from "../store/schema.js";
import { authorize, requireSignedIn, runUseCase, writerName } from "./context.js";
import { linkView } from "./document-reads.js";

/**
 * Citing a document, or a passage of it, as evidence for a record (issue #10, item 6). Whoever may
 * take documents in (monitors, mediators, administrators) may cite them; a party answers a record
 * with a reply, not by citing. The passage is kept as offsets into the original text, which never
 * changes, and its words are copied at the time of citing.
 */
export async function linkEvidence(
  db: Db,
  actor: Actor,
  request: EvidenceLinkRequest,
): Promise<EvidenceLinkView> {
  requireSignedIn(actor);
  authorize(actor, "create", kindTarget("documents"));
  return runUseCase(db, actor, async ({ tx }) => {
    const document = await repositories.documents.get(tx, request.documentId, actor);
    if (!document) throw new NotFoundError("documents", request.documentId);
    const target = await repositories[request.recordKind].get(tx, request.recordId, actor);
    if (!target) throw new NotFoundError(request.recordKind, request.recordId);
    const quote = passageOf(document.text, request);
    const id = randomUUID();
    await tx.insert(evidenceLinks).values({
      id,
      documentId: document.id,
      recordKind: request.recordKind,
      recordId: request.recordId,
      passageStart: request.passageStart ?? null,
      passageEnd: request.passageEnd ?? null,
      quote,
      note: request.note ?? "",
      createdBy: writerName(actor),
    });
    const [row] = await linksOfRecords(tx, actor, request.recordKind, [request.recordId]).then((rows) =>
      rows.filter((link) => link.id === id),
    );
    const labels = await recordLabelsOf(tx, request.recordKind, [request.recordId]);
    return linkView(actor, row as NonNullable<typeof row>, labels.get(request.recordId) ?? null);
  });
}

function passageOf(text: string, request: EvidenceLinkRequest): string {
  if (request.passageStart === undefined || request.passageEnd === undefined) return "";
  if (request.passageEnd > text.length)
    throw new ValidationError("The passage runs past the end of the document's text.", [
      { path: "passageEnd", message: `the text has ${text.length} characters` },
    ]);
  return text.slice(request.passageStart, request.passageEnd);
}

export async function readEvidenceFor(
  db: Db,
  actor: Actor,
  recordKind: EvidenceKind,
  recordId: string,
): Promise<EvidenceLinkView[]> {
  // The record itself must be readable: a draft's citations are as hidden as the draft.
  const target = await repositories[recordKind].get(db, recordId, actor);
  if (!target) throw new NotFoundError(recordKind, recordId);
  const rows = await linksOfRecords(db, actor, recordKind, [recordId]);
  const labels = await recordLabelsOf(db, recordKind, [recordId]);
  return rows.map((row) => linkView(actor, row, labels.get(recordId) ?? null));
}

/** Removes a citation (kept, marked removed, with who removed it). */
export async function removeEvidenceLink(db: Db, actor: Actor, id: string): Promise<void> {
  requireSignedIn(actor);
  authorize(actor, "create", kindTarget("documents"));
  await runUseCase(db, actor, async ({ tx }) => {
    const removed = await tx
      .update(evidenceLinks)
      .set({ deletedAt: sql`now()`, deletedBy: writerName(actor) })
      .where(and(eq(evidenceLinks.id, id), isNull(evidenceLinks.deletedAt)))
      .returning({ id: evidenceLinks.id });
    if (removed.length === 0) throw new NotFoundError("evidence-links", id);
  });
}
