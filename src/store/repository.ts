import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { type AnyPgColumn, PgTransaction } from "drizzle-orm/pg-core";
import type { Actor } from "../domain/actor.js";
import type { ReviewState } from "../domain/common.js";
import { type EntityData, type EntityName, type EntitySummary, entitySchemas } from "../domain/entities.js";
import type { ReviewMove } from "../domain/review-transitions.js";
import { findUnstorableText } from "../domain/text-safety.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { Db } from "./database.js";
import { entityStore, omittedInSummary } from "./entity-config.js";
import {
  ConflictError,
  isRetryableConflict,
  NotFoundError,
  translateDatabaseError,
  ValidationError,
} from "./errors.js";
import { readableBy } from "./readable.js";
import { appendChangeEvent, EventOrderConflict } from "./record-events.js";
import { checkReferences, refuseIfReferenced } from "./references.js";
import { recordEvents } from "./schema.js";

export { encodeCursor } from "./cursor.js";

export type Envelope = {
  id: string;
  reviewState: ReviewState;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** The account that created it through the API; absent for seeded and imported records. */
  createdByAccountId?: string;
  /** Set when a party representative submitted it: the record is that party's claim. */
  claimOfPartyId?: string;
  reviewHistory?: ReviewMove[];
};
export type StoredRecord<E extends EntityName> = EntityData<E> & Envelope;
export type RecordSummary<E extends EntityName> = EntitySummary<E> & Envelope;
export type NewRecord<E extends EntityName> = EntityData<E> & { id?: string; reviewState?: ReviewState };

export interface ListQuery {
  filters?: Record<string, string | undefined>;
  /** Records whose filter column is any of these values: children of many parents in one read. */
  filtersIn?: Record<string, readonly string[]>;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
  /** Only records in these review states (the public sees published ones only). */
  reviewStates?: ReviewState[];
  /** Only records this actor may read (readable.ts); absent: every record, for the server's own reads. */
  readAs?: Actor;
}

/**
 * Runs `work` in one transaction (a savepoint when `db` is already one). Writers that lock rows in
 * different orders can deadlock; PostgreSQL then aborts one of them, which is run again from the
 * start (a few times) rather than answered as an error.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Db));
    } catch (error) {
      if (!isRetryableConflict(error)) throw error;
      // A savepoint keeps its transaction's id, so only the outermost transaction can cure this one.
      if (error instanceof EventOrderConflict && db instanceof PgTransaction) throw error;
      if (attempt >= attempts)
        throw new ConflictError(
          "Other changes to the same records were being written at the same time; try again.",
        );
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * A change to one existing record: retried as a whole when it is the outermost transaction; inside
 * a caller's transaction, conflicts go up to that caller's retry (see appendChangeEvent).
 */
const changeTransaction = <T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> =>
  db instanceof PgTransaction ? db.transaction((tx) => work(tx as unknown as Db)) : inTransaction(db, work);

/** Last line of defence for every write path: text PostgreSQL cannot store is refused, not mangled. */
function refuseUnstorableText(rows: readonly unknown[]) {
  const issues = findUnstorableText(rows.length === 1 ? rows[0] : rows);
  if (issues.length > 0) throw new ValidationError(`Not saved: ${issues[0]?.message}.`, issues);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Row = Record<string, unknown>;
const timestampFields = new Set(["createdAt", "updatedAt", "receivedAt", "effectiveAt"]);

/** Keys whose null is meaningful (a document without a date); other nulls are absent values. */
function nullableKeys(name: EntityName): Set<string> {
  const shape = entitySchemas[name].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return new Set(Object.keys(shape).filter((key) => shape[key]?.safeParse(null).success));
}
const nullableByEntity = new Map<EntityName, Set<string>>();

/** Columns the database keeps for its own use (full-text vectors): never part of a record or its events. */
const storeOnlyColumns = new Set(["searchVector"]);

export function rowToRecord<E extends EntityName>(name: E, row: Row): StoredRecord<E> {
  let keepNull = nullableByEntity.get(name);
  if (!keepNull) {
    keepNull = nullableKeys(name);
    nullableByEntity.set(name, keepNull);
  }
  const record: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "deletedAt" || key === "deletedBy" || storeOnlyColumns.has(key)) continue;
    if (value === null && !keepNull.has(key)) continue;
    record[key] = timestampFields.has(key) && typeof value === "string" ? toIso(value) : value;
  }
  return record as StoredRecord<E>;
}

/** PostgreSQL writes "2026-11-22 12:23:55.053+00"; JavaScript wants "T" and "+00:00". */
const toIso = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

const maxSetSize = 10_000;

export function createRepository<E extends EntityName>(name: E) {
  const config = entityStore[name];
  const table = config.table as typeof config.table & Record<string, AnyPgColumn>;
  const { column: sortColumn, descending } = config.sort;
  const sortKey = Object.entries(table).find(([, column]) => column === sortColumn)?.[0] ?? "id";
  const readableColumns = {
    reviewState: table.reviewState as AnyPgColumn,
    claimOfPartyId: table.claimOfPartyId as AnyPgColumn | undefined,
  };

  const summaryColumns = (() => {
    const omitted = new Set(omittedInSummary(name));
    const kept = Object.entries(getTableColumns(config.table)).filter(([key]) => !omitted.has(key));
    return { ...Object.fromEntries(kept), ...config.summaryExtras };
  })();

  /** A page of full records; for callers that need every field of a bounded number of records. */
  function list(db: Db, query: ListQuery = {}): Promise<Page<StoredRecord<E>>> {
    return page(db, query, false) as Promise<Page<StoredRecord<E>>>;
  }

  /** A page of summaries: what list routes answer, bounded in size whatever the records hold. */
  function listSummaries(db: Db, query: ListQuery = {}): Promise<Page<RecordSummary<E>>> {
    return page(db, query, true) as Promise<Page<RecordSummary<E>>>;
  }

  async function page(db: Db, query: ListQuery, summary: boolean): Promise<Page<unknown>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const conditions: SQL[] = [isNull(table.deletedAt)];
    for (const [key, value] of Object.entries(query.filters ?? {})) {
      const column = config.filters[key];
      if (column && value !== undefined) conditions.push(eq(column, value));
    }
    for (const [key, values] of Object.entries(query.filtersIn ?? {})) {
      const column = config.filters[key];
      if (column) conditions.push(inArray(column, [...values]));
    }
    if (config.dateRange && query.from) conditions.push(gte(config.dateRange, query.from));
    if (config.dateRange && query.to) conditions.push(lte(config.dateRange, query.to));
    if (query.reviewStates) conditions.push(inArray(table.reviewState as AnyPgColumn, query.reviewStates));
    const readable = query.readAs && readableBy(query.readAs, name, readableColumns);
    if (readable) conditions.push(readable);
    if (query.cursor) conditions.push(afterCursor(decodeCursor(query.cursor, sortColumn)));
    const order = descending ? [desc(sortColumn), desc(table.id)] : [asc(sortColumn), asc(table.id)];
    const rows = (await (summary ? db.select(summaryColumns) : db.select())
      .from(table)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(limit + 1)) as Row[];
    const items = rows.slice(0, limit).map((row) => rowToRecord(name, row));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor(last[sortKey], String(last.id)) : null };
  }

  function afterCursor([sortValue, id]: [string, string]): SQL {
    const beyond = descending ? lt : gt;
    if (sortColumn === table.id) return beyond(table.id, id);
    return or(beyond(sortColumn, sortValue), and(eq(sortColumn, sortValue), beyond(table.id, id))) as SQL;
  }

  /** Every record the query matches, page by page; for reads whose size is bounded by one parent. */
  async function all(db: Db, query: Omit<ListQuery, "cursor" | "limit"> = {}): Promise<StoredRecord<E>[]> {
    const sets = Object.entries(query.filtersIn ?? {});
    if (sets.some(([, values]) => values.length === 0)) return [];
    // A statement takes at most 65,535 parameters: a larger set is read in parts.
    const large = sets.find(([, values]) => values.length > maxSetSize);
    if (large) {
      const [key, values] = large;
      const parts: StoredRecord<E>[][] = [];
      for (let start = 0; start < values.length; start += maxSetSize)
        parts.push(
          await all(db, {
            ...query,
            filtersIn: { ...query.filtersIn, [key]: values.slice(start, start + maxSetSize) },
          }),
        );
      return parts.flat();
    }
    const items: StoredRecord<E>[] = [];
    let cursor: string | undefined;
    do {
      const next = await list(db, { ...query, cursor, limit: 500 });
      items.push(...next.items);
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /** The record, locked until the transaction ends, so rules checked against it stay true. */
  async function getForUpdate(db: Db, id: string): Promise<StoredRecord<E> | undefined> {
    const rows = (await db
      .select()
      .from(table)
      .where(and(eq(table.id, id), isNull(table.deletedAt)))
      .for("update")) as Row[];
    return rows[0] ? rowToRecord(name, rows[0]) : undefined;
  }

  /**
   * One record; with `readAs`, only if that actor may read it: a record it may not read is as absent
   * as one that never existed (the route answers 404, never confirming that it exists).
   */
  async function get(db: Db, id: string, readAs?: Actor): Promise<StoredRecord<E> | undefined> {
    const readable = readAs && readableBy(readAs, name, readableColumns);
    const rows = (await db
      .select()
      .from(table)
      .where(and(eq(table.id, id), isNull(table.deletedAt), ...(readable ? [readable] : [])))) as Row[];
    return rows[0] ? rowToRecord(name, rows[0]) : undefined;
  }

  /** `lock: "share"` keeps the records from changing until the transaction ends (rules read them). */
  async function getMany(
    db: Db,
    ids: readonly string[],
    options: { lock?: "share"; readAs?: Actor } = {},
  ): Promise<StoredRecord<E>[]> {
    if (ids.length === 0) return [];
    const readable = options.readAs && readableBy(options.readAs, name, readableColumns);
    const query = db
      .select()
      .from(table)
      .where(and(inArray(table.id, [...ids]), isNull(table.deletedAt), ...(readable ? [readable] : [])));
    const rows = (await (options.lock ? query.for(options.lock) : query)) as Row[];
    return rows.map((row) => rowToRecord(name, row));
  }

  async function count(db: Db, filters: Record<string, string> = {}, readAs?: Actor): Promise<number> {
    const conditions: SQL[] = [isNull(table.deletedAt)];
    const readable = readAs && readableBy(readAs, name, readableColumns);
    if (readable) conditions.push(readable);
    for (const [key, value] of Object.entries(filters)) {
      const column = config.filters[key];
      if (column) conditions.push(eq(column, value));
    }
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(and(...conditions));
    return Number(rows[0]?.n ?? 0);
  }

  /** Creates one record and its "created" event in one transaction. */
  async function create(db: Db, input: NewRecord<E>, actor: string): Promise<StoredRecord<E>> {
    const [created] = await insertMany(db, [input], actor);
    return created as StoredRecord<E>;
  }

  /**
   * Inserts many records at once: references checked in one query per referenced table, rows
   * written in multi-row statements, events likewise; all or nothing. The events all carry this
   * transaction's id (the column's default) and seq in input order, so the changes feed gives a
   * batch whole and in order. A new id has no earlier event, so creates need no order check.
   */
  async function insertMany(
    db: Db,
    inputs: readonly NewRecord<E>[],
    actor: string,
    options: { chunkSize?: number; onProgress?: (done: number) => void } = {},
  ): Promise<StoredRecord<E>[]> {
    const rows = inputs.map((input) => ({
      ...input,
      id: input.id ?? randomUUID(),
      createdBy: actor,
      updatedBy: actor,
    }));
    const chunkSize = options.chunkSize ?? 500;
    refuseUnstorableText(inputs);
    try {
      return await db.transaction(async (tx) => {
        await checkReferences(tx as unknown as Db, name, rows);
        const created: StoredRecord<E>[] = [];
        for (let start = 0; start < rows.length; start += chunkSize) {
          const chunk = rows.slice(start, start + chunkSize);
          const inserted = (await tx.insert(table).values(chunk).returning()) as Row[];
          const records = inserted.map((row) => rowToRecord(name, row));
          await tx.insert(recordEvents).values(
            records.map((record) => ({
              entity: name,
              recordId: record.id,
              kind: "created" as const,
              actor,
              after: record,
            })),
          );
          created.push(...records);
          options.onProgress?.(created.length);
        }
        return created;
      });
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /** Changes the given fields; the event keeps the record as it was before and after. */
  async function update(
    db: Db,
    id: string,
    patch: Partial<EntityData<E>> & { reviewState?: ReviewState },
    actor: string,
  ): Promise<StoredRecord<E>> {
    refuseUnstorableText([patch]);
    try {
      return await changeTransaction(db, async (tx) => {
        const before = (await tx
          .select()
          .from(table)
          .where(and(eq(table.id, id), isNull(table.deletedAt)))
          .for("update")) as Row[];
        if (!before[0]) throw new NotFoundError(name, id);
        await checkReferences(tx, name, [patch as Row]);
        const changes = { ...patch, updatedBy: actor, updatedAt: sql`now()` };
        const [row] = (await tx.update(table).set(changes).where(eq(table.id, id)).returning()) as Row[];
        const after = rowToRecord(name, row as Row);
        const previous = rowToRecord(name, before[0]);
        await appendChangeEvent(tx, {
          entity: name,
          recordId: id,
          kind: "updated",
          actor,
          before: previous,
          after,
        });
        return after;
      });
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /** Deletion is a tombstone: the row stays, marked, and the event records who removed it. */
  async function remove(db: Db, id: string, actor: string): Promise<void> {
    await changeTransaction(db, async (tx) => {
      const before = (await tx
        .update(table)
        .set({ deletedAt: sql`now()`, deletedBy: actor })
        .where(and(eq(table.id, id), isNull(table.deletedAt)))
        .returning()) as Row[];
      if (!before[0]) throw new NotFoundError(name, id);
      // Checked after the row is locked by the update, so a reference committed meanwhile is seen.
      await refuseIfReferenced(tx, name, id);
      const previous = rowToRecord(name, before[0]);
      await appendChangeEvent(tx, { entity: name, recordId: id, kind: "deleted", actor, before: previous });
    });
  }

  return {
    name,
    list,
    listSummaries,
    all,
    get,
    getForUpdate,
    getMany,
    count,
    create,
    insertMany,
    update,
    remove,
  };
}

export type Repository<E extends EntityName> = ReturnType<typeof createRepository<E>>;

export const repositories = Object.fromEntries(
  (Object.keys(entityStore) as EntityName[]).map((name) => [name, createRepository(name)]),
) as { [E in EntityName]: Repository<E> };
