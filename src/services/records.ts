import type { z } from "zod";
import { appendOnlyEntities, createSchema, type EntityName, patchSchema } from "../domain/entities.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { type ListQuery, type NewRecord, repositories, type StoredRecord } from "../store/repository.js";
import { prepareRecords } from "./rules.js";

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

export async function createRecord<E extends EntityName>(
  db: Db,
  name: E,
  body: unknown,
  actor: Actor,
): Promise<StoredRecord<E>> {
  const record = parseOrThrow(createSchema(name), body, `${name} record`) as NewRecord<E>;
  const [prepared] = await prepareRecords(db, name, [record]);
  return repositories[name].create(db, prepared as NewRecord<E>, actor.id);
}

export async function updateRecord<E extends EntityName>(
  db: Db,
  name: E,
  id: string,
  body: unknown,
  actor: Actor,
): Promise<StoredRecord<E>> {
  const patch = parseOrThrow(patchSchema(name), body, `change to the ${name} record`);
  // Append-only records move through review (draft → published) but their content never changes.
  const contentFields = Object.keys(patch).filter((key) => key !== "reviewState");
  if (appendOnlyEntities.has(name) && contentFields.length > 0)
    throw new ValidationError(`${name} are never edited: record a new one that supersedes this one.`, [
      ...contentFields.map((path) => ({ path, message: "append-only: only reviewState may change" })),
    ]);
  if (Object.keys(patch).length === 0)
    throw new ValidationError("The change names no field to update.", [{ path: "", message: "empty" }]);
  return repositories[name].update(db, id, patch as never, actor.id);
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

export function listRecords<E extends EntityName>(db: Db, name: E, query: ListQuery) {
  return repositories[name].list(db, query);
}
