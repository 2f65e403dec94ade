import type { z } from "zod";
import { appendOnlyEntities, createSchema, type EntityName, patchSchema } from "../domain/entities.js";
import { kindTarget, recordTarget } from "../domain/policy.js";
import { isClaimKind, stampPartyClaim } from "../domain/replies.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { type ListQuery, type NewRecord, repositories, type StoredRecord } from "../store/repository.js";
import { authorize, requireSignedIn, runUseCase, type Writer, writerName } from "./context.js";
import { recordReceivedDocuments } from "./document-intake.js";
import { asAccountsDraft } from "./drafts.js";
import { policyRecordOf } from "./record-reads.js";
import { prepareRecords, takeRuleLocks } from "./rules.js";

export { systemActor, type Writer } from "./context.js";

export function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, zodIssues(parsed.error));
  return parsed.data;
}

const reviewRoute = (name: EntityName) =>
  `POST /api/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}/{id}/review`;

/**
 * Creates a record: permission, rules and write in one transaction. An account's record starts as a
 * draft (a body's reviewState other than "draft" is refused: publishing is a review move); a system
 * actor (seed, test set-up) writes the state it gives, published by default, as before accounts.
 */
export async function createRecord<E extends EntityName>(
  db: Db,
  name: E,
  body: unknown,
  actor: Writer,
): Promise<StoredRecord<E>> {
  requireSignedIn(actor);
  const record = parseOrThrow(createSchema(name), body, `${name} record`) as NewRecord<E>;
  if (actor.kind === "account" && record.reviewState !== undefined && record.reviewState !== "draft")
    throw new ValidationError(
      `A new record starts as a draft; it is published through review (${reviewRoute(name)}).`,
      [{ path: "reviewState", message: 'leave it out, or send "draft"' }],
    );
  return runUseCase(db, actor, async ({ tx }) => {
    if (actor.kind === "account")
      authorize(actor, actor.role === "party_representative" ? "submit_claim" : "create", kindTarget(name));
    const draft = asAccountsDraft(name, record, actor);
    await takeRuleLocks(tx, name, draft);
    const [prepared] = await prepareRecords(tx, name, [draft]);
    const created = await repositories[name].create(tx, prepared as NewRecord<E>, writerName(actor));
    if (name === "documents")
      await recordReceivedDocuments(tx, actor, [{ source: pastedSource(created), record: created as never }]);
    return created;
  });
}

/** A document created as a record (no file, no page): what was received is its text. */
const pastedSource = (record: unknown) => {
  const document = record as StoredRecord<"documents">;
  return {
    via: document.receivedVia,
    bytes: new TextEncoder().encode(document.text),
    location: document.url ?? "entered through the API",
    url: document.url,
  };
};

/** The fields the store keeps about a record rather than the record's own content. */
export const envelopeFields = [
  "id",
  "reviewState",
  "createdAt",
  "createdBy",
  "updatedAt",
  "updatedBy",
  "createdByAccountId",
  "claimOfPartyId",
  "reviewHistory",
];

/** The fields a party claim's stamp changes in `merged`: a claim's speaker stays its party on every change. */
function restampedFields(name: EntityName, merged: Record<string, unknown>, partyId: unknown) {
  if (typeof partyId !== "string" || !isClaimKind(name)) return {};
  const { claimOfPartyId: _, ...stamped } = stampPartyClaim(name, merged as never, partyId) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(
    Object.entries(stamped).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(merged[key])),
  );
}

/** The record as the change would leave it: a field sent as null is cleared. */
function applyPatch(previous: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...previous, ...patch };
  for (const field of envelopeFields) delete merged[field];
  for (const [field, value] of Object.entries(patch)) if (value === null) delete merged[field];
  return merged;
}

/**
 * Changes a record. The record is locked, the change applied to it, and the whole result checked by
 * the same schema, invariants and rules as a new record, in the transaction that writes it: an edit
 * can never reach a state that a create would refuse.
 */
export async function updateRecord<E extends EntityName>(
  db: Db,
  name: E,
  id: string,
  body: unknown,
  actor: Writer,
): Promise<StoredRecord<E>> {
  requireSignedIn(actor);
  const patch = parseOrThrow(patchSchema(name), body, `change to the ${name} record`) as Record<
    string,
    unknown
  >;
  if (actor.kind === "account" && patch.reviewState !== undefined)
    throw new ValidationError(
      `The review state changes through review (${reviewRoute(name)}), not by editing.`,
      [{ path: "reviewState", message: "not changed by editing" }],
    );
  // Append-only records move through review (draft → published) but their content never changes.
  const contentFields = Object.keys(patch).filter((key) => key !== "reviewState");
  if (appendOnlyEntities.has(name) && contentFields.length > 0)
    throw new ValidationError(`${name} are never edited: record a new one that supersedes this one.`, [
      ...contentFields.map((path) => ({ path, message: "append-only: only reviewState may change" })),
    ]);
  if (Object.keys(patch).length === 0)
    throw new ValidationError("The change names no field to update.", [{ path: "", message: "empty" }]);
  return runUseCase(db, actor, async ({ tx }) => {
    const repository = repositories[name];
    await takeRuleLocks(tx, name, patch);
    const previous = await repository.getForUpdate(tx, id);
    if (!previous) throw new NotFoundError(name, id);
    authorize(
      actor,
      "update",
      recordTarget(name, policyRecordOf(previous as unknown as Record<string, unknown>)),
    );
    if (contentFields.length === 0) return repository.update(tx, id, patch as never, writerName(actor));
    const merged = applyPatch(previous, patch);
    const stamp = restampedFields(name, merged, previous.claimOfPartyId);
    Object.assign(merged, stamp);
    // The server computes a document's hash: a stored one would no longer match a changed text.
    if (name === "documents" && patch.sha256 === undefined) delete merged.sha256;
    const whole = parseOrThrow(createSchema(name), merged, `${name} record after this change`);
    const [prepared] = await prepareRecords(tx, name, [{ ...whole, id } as NewRecord<E>], { previous });
    const computed = name === "documents" ? pickDerived(prepared as Record<string, unknown>) : {};
    return repository.update(tx, id, { ...patch, ...stamp, ...computed } as never, writerName(actor));
  });
}

/** The document fields the server works out (document-derivation.ts), written with every change. */
const derivedDocumentFields = [
  "sha256",
  "cleanedText",
  "cleaningEdits",
  "language",
  "languageSource",
  "publishedOn",
  "publishedDateSource",
] as const;
const pickDerived = (record: Record<string, unknown>) =>
  Object.fromEntries(derivedDocumentFields.map((field) => [field, record[field] ?? null]));

/** Removes a draft (a tombstone): the permission is checked on the record as locked for the removal. */
export async function deleteRecord(db: Db, name: EntityName, id: string, actor: Writer): Promise<void> {
  requireSignedIn(actor);
  if (appendOnlyEntities.has(name))
    throw new ValidationError(`${name} are never removed: record a new one that supersedes this one.`);
  await runUseCase(db, actor, async ({ tx }) => {
    const previous = await repositories[name].getForUpdate(tx, id);
    if (!previous) throw new NotFoundError(name, id);
    authorize(
      actor,
      "delete",
      recordTarget(name, policyRecordOf(previous as unknown as Record<string, unknown>)),
    );
    await repositories[name].remove(tx, id, writerName(actor));
  });
}

export async function getRecord<E extends EntityName>(db: Db, name: E, id: string): Promise<StoredRecord<E>> {
  const record = await repositories[name].get(db, id);
  if (!record) throw new NotFoundError(name, id);
  return record;
}

/** A page of summaries, as list routes answer. */
export function listRecords<E extends EntityName>(db: Db, name: E, query: ListQuery) {
  return repositories[name].listSummaries(db, query);
}
