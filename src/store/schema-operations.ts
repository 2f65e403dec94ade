import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { processes } from "./schema.js";

/**
 * The tables that hold no records of the domain: the change history, the licence settings and the
 * import runs. Re-exported from schema.ts, which drizzle-kit reads.
 */

/** PostgreSQL's 64-bit transaction id (no wraparound), read as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

/**
 * The change history: one explicit domain event per change, written in the same transaction
 * as the change itself, never inferred afterwards from requests.
 */
export const recordEvents = pgTable(
  "record_events",
  {
    seq: integer().primaryKey().generatedAlwaysAsIdentity(),
    // The writing transaction's id, never set by hand: readers order events by (xid, seq) and read
    // only below the visibility horizon, because seq is handed out at insert, not at commit
    // (docs/ARCHITECTURE.md, "Change events in commit order").
    xid: xid8().notNull().default(sql`pg_current_xact_id()`),
    entity: text().notNull(),
    recordId: text().notNull(),
    kind: text().$type<"created" | "updated" | "deleted">().notNull(),
    actor: text().notNull(),
    at: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    before: jsonb(),
    after: jsonb(),
  },
  // (xid, seq): the changes feed's order; (entity, xid): "has anything of this kind changed since
  // that snapshot?" for the compliance cache; (entity, record_id): a record's own history.
  (t) => [index().on(t.entity, t.recordId), index().on(t.xid, t.seq), index().on(t.entity, t.xid)],
);

/**
 * An administrator's choice per licence: whether public outputs (exports, feeds, OGC API) include
 * rows under it, only count them, or leave them out. No row: the licence's default applies.
 */
export const licenceSettings = pgTable(
  "licence_settings",
  {
    licenceId: text().primaryKey(),
    publicUse: text().$type<"include" | "count_only" | "exclude">().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedBy: text().notNull(),
  },
  (t) => [check("licence_settings_public_use", sql`${t.publicUse} IN ('include', 'count_only', 'exclude')`)],
);

/**
 * One import of an event-data file (or an ACLED deletions file): written when it starts, updated with
 * its progress every few seconds and with its outcome at the end, so the web app and the API can show
 * what an import did and is doing. Rejections are kept up to a bound; `rejected` counts them all.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: text().primaryKey(),
    processId: text()
      .notNull()
      .references(() => processes.id),
    dataset: text().notNull(),
    /** "incidents" for an event file, "deletions" for an ACLED deletions file. */
    kind: text().$type<"incidents" | "deletions">().notNull().default("incidents"),
    fileName: text().notNull(),
    fileSha256: text(),
    fileBytes: bigint({ mode: "number" }),
    layout: text(),
    encoding: text(),
    state: text().$type<"queued" | "running" | "done" | "failed" | "refused">().notNull(),
    queuedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true, mode: "string" }),
    finishedAt: timestamp({ withTimezone: true, mode: "string" }),
    actor: text().notNull(),
    dryRun: boolean().notNull().default(false),
    strict: boolean().notNull().default(false),
    rowsRead: integer().notNull().default(0),
    bytesRead: bigint({ mode: "number" }).notNull().default(0),
    created: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    /** Rows naming an incident that was deleted: an import does not bring a tombstoned incident back. */
    keptDeleted: integer().notNull().default(0),
    /** Incidents tombstoned by a deletions file. */
    deleted: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    rejections: jsonb().$type<{ line: number; reason: string }[]>().notNull().default([]),
    errorMessage: text(),
    /** The server process carrying the run out as a background job, and when it last said so. */
    worker: text(),
    heartbeatAt: timestamp({ withTimezone: true, mode: "string" }),
  },
  (t) => [
    index().on(t.processId, t.queuedAt),
    check("import_runs_state", sql`${t.state} IN ('queued', 'running', 'done', 'failed', 'refused')`),
  ],
);
