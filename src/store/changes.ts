import { sql } from "drizzle-orm";
import type { ReadableFilter } from "../domain/policy.js";
import type { Db } from "./database.js";
import { ValidationError } from "./errors.js";
import { readableJson } from "./readable.js";
import type { EventKind } from "./record-events.js";

/**
 * A position in the changes feed: the (transaction id, seq) of the last event a reader has. Events
 * are read in that order and only below the visibility horizon (docs/ARCHITECTURE.md, "Change
 * events in commit order"), so nothing can ever be committed at or before a position once a reader
 * holds it.
 */
export interface ChangePosition {
  xid: bigint;
  seq: number;
}

export const feedStart: ChangePosition = { xid: 0n, seq: 0 };

const maxXid = 2n ** 64n - 1n; // xid8 is unsigned 64-bit
const maxSeq = 2 ** 31 - 1; // seq is an integer identity

export function encodeChangeCursor(position: ChangePosition): string {
  return Buffer.from(`c1:${position.xid}:${position.seq}`).toString("base64url");
}

const badCursor = (why: string) =>
  new ValidationError("The cursor is not one this server issued.", [{ path: "since", message: why }]);

/**
 * The client holds the cursor, so it comes back as untrusted input: it is checked here down to the
 * ranges of its SQL types, so a forged one is a 400, never a database error.
 */
export function decodeChangeCursor(cursor: string): ChangePosition {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) throw badCursor("not base64url");
  const match = /^c1:(\d{1,20}):(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
  if (!match) throw badCursor("not a changes-feed position");
  const xid = BigInt(match[1] as string);
  const seq = Number(match[2]);
  if (xid > maxXid || seq > maxSeq) throw badCursor("the position is out of range");
  return { xid, seq };
}

/**
 * Where a reader may read up to (exclusive): the oldest transaction still running, as this
 * statement's snapshot sees it; every id below it has committed or aborted, and the committed ones'
 * events are all visible to that same snapshot. A reader that runs inside a writing transaction
 * (its own id is not counted as running) must not see that transaction's uncommitted events either.
 */
const horizon = sql`least(pg_snapshot_xmin(pg_current_snapshot()), coalesce(pg_current_xact_id_if_assigned(), pg_snapshot_xmin(pg_current_snapshot())))`;

/** What one page may carry of records' stored size, so records with long texts keep pages bounded. */
export const pageByteBudget = 2 * 1024 * 1024;

export interface StoredChange {
  position: ChangePosition;
  entity: string;
  recordId: string;
  kind: EventKind;
  record: Record<string, unknown>;
  actor: string;
  at: string;
}

export interface ChangesRead {
  changes: StoredChange[];
  /** More committed events were ready beyond this page. */
  hasMore: boolean;
  /**
   * For a filtered reader with nothing more to read: the last committed event, shown or not. The
   * reader has every event it may see up to there, so its cursor may move there.
   */
  readTo?: ChangePosition;
}

type EventRow = {
  xid_text: string;
  seq: number;
  entity: string;
  record_id: string;
  kind: EventKind;
  actor: string;
  at: string;
  record: Record<string, unknown> | null;
  within: boolean;
  tail_xid?: string | null;
  tail_seq?: number | null;
};

/**
 * The kind of change a reader is shown, given whether it may read the record before and after it.
 * A reader that may not read the record on either side sees nothing of the event; one that starts to
 * be able to read it (a draft is published) sees it created, with the record as it now is; one that
 * stops (a record is retracted) sees it deleted, with the record as it last saw it. So a mirror built
 * from the feed holds exactly the records its reader may read.
 */
function shownKind(readable: ReadableFilter) {
  if ("all" in readable) return { kind: sql`kind`, shown: sql`true` };
  const before = readableJson(readable, sql`before`, sql`entity`);
  const after = readableJson(readable, sql`after`, sql`entity`);
  return {
    kind: sql`CASE WHEN ${before} AND ${after} THEN kind
      WHEN ${after} THEN 'created' ELSE 'deleted' END`,
    shown: sql`(${before} OR ${after})`,
  };
}

/**
 * The next committed events after `since` that `readable` lets the reader see (shownKind), in
 * (xid, seq) order: one statement, so the horizon and the rows come from one snapshot. The running
 * total of stored sizes stops a page early when the records are large; rows past the budget are
 * fetched without their record (CASE does not read it).
 */
export async function readChanges(
  db: Db,
  since: ChangePosition,
  limit: number,
  readable: ReadableFilter = { all: true },
): Promise<ChangesRead> {
  const { kind, shown } = shownKind(readable);
  const filtered = !("all" in readable);
  const payload = sql`CASE WHEN ${kind} = 'deleted' THEN before ELSE after END`;
  const after = sql`(xid, seq) > (${since.xid.toString()}::xid8, ${since.seq}::int) AND xid < ${horizon}`;
  // xid is compared and ordered as xid8 and only printed as text (as text, "10" < "9").
  const page = sql`
      SELECT xid, xid::text AS xid_text, seq, entity, record_id, ${kind} AS kind, actor,
             to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
             ${payload} AS record,
             coalesce(sum(pg_column_size(${payload})) OVER (ORDER BY xid, seq), 0)
               - coalesce(pg_column_size(${payload}), 0) < ${pageByteBudget} AS within
      FROM record_events
      WHERE ${after} AND ${shown}
      ORDER BY xid, seq
      LIMIT ${limit + 1}`;
  // A filtered reader also learns the last committed event, shown or not: past a stretch of events it
  // may not see (a large import of drafts), its cursor moves on instead of reading the stretch again.
  const statement = filtered
    ? sql`WITH page AS (${page}),
        tail AS (SELECT xid::text AS tail_xid, seq AS tail_seq FROM record_events
                 WHERE ${after} ORDER BY xid DESC, seq DESC LIMIT 1)
      SELECT page.xid_text, page.seq, page.entity, page.record_id, page.kind, page.actor, page.at,
             CASE WHEN page.within THEN page.record END AS record, page.within, tail.tail_xid, tail.tail_seq
      FROM tail LEFT JOIN page ON true
      ORDER BY page.xid, page.seq`
    : sql`SELECT xid_text, seq, entity, record_id, kind, actor, at,
             CASE WHEN within THEN record END AS record, within
      FROM (${page}) page
      ORDER BY page.xid, page.seq`;
  const result = (await db.execute(statement)) as unknown as { rows: EventRow[] };
  const tail = result.rows[0]?.tail_xid;
  // Without any shown event the one row is the tail's alone.
  const rows = result.rows.filter((row) => row.xid_text !== null);
  const taken = rows.slice(0, limit).filter((row) => row.within);
  const hasMore = rows.length > taken.length;
  return {
    changes: taken.map((row) => ({
      position: { xid: BigInt(row.xid_text), seq: Number(row.seq) },
      entity: row.entity,
      recordId: row.record_id,
      kind: row.kind,
      record: row.record ?? {},
      actor: row.actor,
      at: row.at,
    })),
    hasMore,
    ...(!hasMore && tail ? { readTo: { xid: BigInt(tail), seq: Number(result.rows[0]?.tail_seq) } } : {}),
  };
}
