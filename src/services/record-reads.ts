import type { Actor } from "../domain/actor.js";
import type { EntityName } from "../domain/entities.js";
import {
  allowedActions,
  type PolicyKind,
  type PolicyRecord,
  type RecordAction,
  recordTarget,
} from "../domain/policy.js";
import { lastSubmitter, type ReviewMove } from "../domain/review-workflow.js";
import type { Db } from "../store/database.js";
import { NotFoundError } from "../store/errors.js";
import { type ListQuery, type Page, repositories, type StoredRecord } from "../store/repository.js";

/**
 * The read side of the permission policy (issue #9): records read as an actor, never beyond what it
 * may read (the store filters, store/readable.ts), each carrying the actions that actor may take on it.
 */

export type WithActions<T> = T & { allowedActions: RecordAction[] };

/** What the policy reads of a stored record or summary: its envelope, and its own fields alongside. */
export function policyRecordOf(record: Record<string, unknown>): PolicyRecord {
  const history = Array.isArray(record.reviewHistory) ? (record.reviewHistory as ReviewMove[]) : [];
  return {
    ...record,
    reviewState: record.reviewState as PolicyRecord["reviewState"],
    submittedByAccountId: lastSubmitter(history) ?? null,
  };
}

/** The record-level actions `actor` may take on `record` (read, update, publish, reply…). */
export function recordActionsFor(actor: Actor, kind: PolicyKind, record: object): RecordAction[] {
  return allowedActions(
    actor,
    recordTarget(kind, policyRecordOf(record as Record<string, unknown>)),
  ) as RecordAction[];
}

export function withActions<T extends object>(actor: Actor, kind: PolicyKind, record: T): WithActions<T> {
  return { ...record, allowedActions: recordActionsFor(actor, kind, record) };
}

export const allWithActions = <T extends object>(actor: Actor, kind: PolicyKind, records: readonly T[]) =>
  records.map((record) => withActions(actor, kind, record));

/**
 * One record as `actor` may read it. A record it may not read answers 404 like a missing one: a 403
 * would confirm to the public that an unpublished record with that id exists.
 */
export async function readRecord<E extends EntityName>(
  db: Db,
  actor: Actor,
  name: E,
  id: string,
): Promise<StoredRecord<E>> {
  const record = await repositories[name].get(db, id, actor);
  if (!record) throw new NotFoundError(name, id);
  return record;
}

/** `readRecord` with the caller's allowed actions: what a detail route answers. */
export async function readRecordWithActions<E extends EntityName>(
  db: Db,
  actor: Actor,
  name: E,
  id: string,
): Promise<WithActions<StoredRecord<E>>> {
  return withActions(actor, name, await readRecord(db, actor, name, id));
}

/** A page of summaries the actor may read, each with its allowed actions: what list routes answer. */
export async function readSummaries<E extends EntityName>(
  db: Db,
  actor: Actor,
  name: E,
  query: Omit<ListQuery, "readAs">,
): Promise<Page<WithActions<object>>> {
  const page = await repositories[name].listSummaries(db, { ...query, readAs: actor });
  return { items: allWithActions(actor, name, page.items), nextCursor: page.nextCursor };
}
