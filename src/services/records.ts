import type { z } from "zod";
import { appendOnlyEntities, createSchema, type EntityName, patchSchema } from "../domain/entities.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import {
  inTransaction,
  type ListQuery,
  type NewRecord,
  repositories,
  type StoredRecord,
} from "../store/repository.js";
import { prepareRecords, takeRuleLocks } from "./rules.js";

/** Who is acting, as recorded in every created/updated field and every event. */
export interface Actor {
  id: string;
}

export function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, zodIssues(parsed.error));
  return parsed.data;
}

/** Creates a record: its rules and its write in one transaction. */
export async function createRecord<E extends EntityName>(
  db: Db,
  name: E,
  body: unknown,
  actor: Actor,
): Promise<StoredRecord<E>> {
  const record = parseOrThrow(createSchema(name), body, `${name} record`) as NewRecord<E>;
  return inTransaction(db, async (tx) => {
    await takeRuleLocks(tx, name, record);
    const [prepared] = await prepareRecords(tx, name, [record]);
    return repositories[name].create(tx, prepared as NewRecord<E>, actor.id);
  });
}

const envelopeFields = ["id", "reviewState", "createdAt", "createdBy", "updatedAt", "updatedBy"];

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
  actor: Actor,
): Promise<StoredRecord<E>> {
  const patch = parseOrThrow(patchSchema(name), body, `change to the ${name} record`) as Record<
    string,
    unknown
  >;
  // Append-only records move through review (draft → published) but their content never changes.
  const contentFields = Object.keys(patch).filter((key) => key !== "reviewState");
  if (appendOnlyEntities.has(name) && contentFields.length > 0)
    throw new ValidationError(`${name} are never edited: record a new one that supersedes this one.`, [
      ...contentFields.map((path) => ({ path, message: "append-only: only reviewState may change" })),
    ]);
  if (Object.keys(patch).length === 0)
    throw new ValidationError("The change names no field to update.", [{ path: "", message: "empty" }]);
  return inTransaction(db, async (tx) => {
    const repository = repositories[name];
    await takeRuleLocks(tx, name, patch);
    const previous = await repository.getForUpdate(tx, id);
    if (!previous) throw new NotFoundError(name, id);
    if (contentFields.length === 0) return repository.update(tx, id, patch as never, actor.id);
    const merged = applyPatch(previous, patch);
    // The server computes a document's hash: a stored one would no longer match a changed text.
    if (name === "documents" && patch.sha256 === undefined) delete merged.sha256;
    const whole = parseOrThrow(createSchema(name), merged, `${name} record after this change`);
    const [prepared] = await prepareRecords(tx, name, [{ ...whole, id } as NewRecord<E>], { previous });
    const computed = name === "documents" ? { sha256: (prepared as { sha256?: string }).sha256 } : {};
    return repository.update(tx, id, { ...patch, ...computed } as never, actor.id);
  });
}

export async function deleteRecord(db: Db, name: EntityName, id: string, actor: Actor): Promise<void> {
  if (appendOnlyEntities.has(name))
    throw new ValidationError(`${name} are never removed: record a new one that supersedes this one.`);
  await repositories[name].remove(db, id, actor.id);
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
