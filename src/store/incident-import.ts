import { getTableColumns, getTableName } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { EntityName } from "../domain/entities.js";
import { Incident, type IncidentDataset, incidentDatasets } from "../domain/events.js";
import { type BulkQueries, copyText } from "./bulk-connection.js";
import { entityStore } from "./entity-config.js";
import { EventOrderConflict } from "./record-events.js";
import { incidents } from "./schema.js";

/**
 * The SQL of the incident import (services/import-incidents.ts has the rules around it). A batch is
 * COPYed into a temporary staging table, then written by two statements whatever its size: one that
 * locks the rows about to change and keeps their "before", and one INSERT … SELECT … ON CONFLICT that
 * creates new incidents, updates changed ones (their stored `import_hash` differs) and writes the
 * `record_events` of both. Rows whose digest is unchanged are not written at all.
 */

type IncidentRecord = Record<string, unknown>;

interface Column {
  key: string;
  name: string;
  type: string;
}

const tableColumns = getTableColumns(incidents) as Record<string, PgColumn>;
const columnOf = (key: string): Column => {
  const column = tableColumns[key];
  if (!column) throw new Error(`incidents has no column for the field "${key}"`);
  return { key, name: toSnakeCase(key), type: column.getSQLType() };
};

/** Every field of an incident but its process (one per import): the columns a file's row fills. */
export const contentColumns: readonly Column[] = Object.keys(Incident.shape)
  .filter((key) => key !== "processId")
  .map(columnOf);

/** The staging table: the row's line in the file, its id if new, its dataset id and its digest. */
const stageColumns = ["line", "plain_id", "ext_id", "import_hash", ...contentColumns.map((c) => c.name)];
const stage = "incident_import_stage";
const beforeTable = "incident_import_before";
/** What each staged row found: its incident, and whether that is the "same", "changed" or "deleted". */
const probe = "incident_import_probe";

const encoders: Record<string, (value: unknown) => string> = {
  text: (value) => copyText(String(value)),
  integer: String,
  "double precision": String,
  boolean: (value) => (value ? "t" : "f"),
  date: String,
  "timestamp with time zone": String,
  jsonb: (value) => copyText(JSON.stringify(value)),
};
const encoderOf = (column: Column) => {
  const encode = encoders[column.type];
  if (!encode) throw new Error(`no COPY encoding for ${column.name} (${column.type})`);
  return encode;
};
const contentEncoders = contentColumns.map((column) => ({ key: column.key, encode: encoderOf(column) }));

/**
 * The row's fields as COPY text, in `contentColumns` order. It is also what the import digests: the
 * same row read again encodes to the same text.
 */
export function encodeIncidentContent(record: IncidentRecord): string {
  let text = "";
  for (let index = 0; index < contentEncoders.length; index++) {
    const { key, encode } = contentEncoders[index] as (typeof contentEncoders)[number];
    const value = record[key];
    text += (index === 0 ? "" : "\t") + (value === undefined || value === null ? "\\N" : encode(value));
  }
  return text;
}

export function stagedLine(line: number, plainId: string, externalId: string, hash: string, content: string) {
  return `${line}\t${copyText(plainId)}\t${copyText(externalId)}\t${hash}\t${content}\n`;
}

/** The SQL expression of a dataset's id in an incident; the unique indexes are built on exactly it. */
function externalIdOf(alias: string | undefined, dataset: IncidentDataset) {
  if (!incidentDatasets.includes(dataset)) throw new Error(`unknown dataset "${dataset}"`);
  return `(${alias ? `${alias}.` : ""}external_ids->>'${dataset}')`;
}

const isoTime = (expression: string) =>
  `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The incident as the repository's events hold it (camelCase keys, absent values left out, times in
 * ISO 8601), built in SQL so that a million events never travel to JavaScript and back.
 */
function recordJson(alias: string): string {
  const pairs = [
    ["id", `${alias}.id`],
    ["reviewState", `${alias}.review_state`],
    ["createdAt", isoTime(`${alias}.created_at`)],
    ["createdBy", `${alias}.created_by`],
    ["updatedAt", isoTime(`${alias}.updated_at`)],
    ["updatedBy", `${alias}.updated_by`],
    ["processId", `${alias}.process_id`],
    ...contentColumns.map((c) => [c.key, `${alias}.${c.name}`]),
  ].map(([key, expression]) => `'${key}', ${expression}`);
  // jsonb_build_object takes at most 100 arguments: the pairs are built in groups and concatenated.
  const groups: string[] = [];
  for (let start = 0; start < pairs.length; start += 40)
    groups.push(`jsonb_build_object(${pairs.slice(start, start + 40).join(", ")})`);
  return `jsonb_strip_nulls(${groups.join(" || ")})`;
}

/** Empties (or creates) the staging tables; they are dropped when the transaction ends. */
async function prepareStage(q: BulkQueries) {
  const definitions = [
    "line integer",
    "plain_id text",
    "ext_id text",
    "import_hash text",
    ...contentColumns.map((c) => `${c.name} ${c.type}`),
  ];
  await q.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (${definitions.join(", ")}) ON COMMIT DROP`);
  await q.query(`CREATE TEMP TABLE IF NOT EXISTS ${beforeTable} (id text, before jsonb) ON COMMIT DROP`);
  await q.query(`CREATE TEMP TABLE IF NOT EXISTS ${probe} (ext_id text, id text, state text) ON COMMIT DROP`);
  await q.query(`TRUNCATE ${stage}, ${beforeTable}, ${probe}`);
  // A batch is sorted (one lock order) and its rows returned once; 4 MB, the default, spills to disk.
  await q.query("SET LOCAL work_mem = '64MB'");
}

/** The process exists, locked FOR SHARE until the batch commits (as the repository locks references). */
export async function processExists(q: BulkQueries, processId: string): Promise<boolean> {
  const rows = await q.query("SELECT 1 FROM processes WHERE id = $1 AND deleted_at IS NULL FOR SHARE", [
    processId,
  ]);
  return rows.length > 0;
}

/** Which of `ids` name live records of `entity`, locked FOR SHARE until the batch commits. */
export async function existingIds(q: BulkQueries, entity: EntityName, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const table = getTableName(entityStore[entity].table);
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM "${table}" WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND deleted_at IS NULL FOR SHARE`,
    [JSON.stringify(ids)],
  );
  return new Set(rows.map((row) => row.id));
}

export interface BatchOutcome {
  created: number;
  updated: number;
  /** Rows naming an incident that was deleted: left deleted, not written. */
  keptDeleted: number;
}

/**
 * Writes one batch of staged lines (`stagedLine`), whose dataset ids are unique within the batch (ON
 * CONFLICT cannot touch one row twice in a statement). New incidents get the batch's `plain_id`, or,
 * where another record already has that id, the id with a digest of process, dataset and id appended.
 */
export async function writeIncidentBatch(
  q: BulkQueries,
  batch: { processId: string; dataset: IncidentDataset; actor: string; lines: string; rows: number },
): Promise<BatchOutcome> {
  const { processId, dataset, actor } = batch;
  const ext = (alias?: string) => externalIdOf(alias, dataset);
  await prepareStage(q);
  await q.copyIn(`${stage} (${stageColumns.join(", ")})`, batch.lines);
  // The staged rows' incidents, found one index probe per row: as a join, a planner without fresh
  // statistics of a table that grows by millions during the import picks a scan of all the process's
  // incidents for every batch. Unchanged and deleted ones are left out of the writes below, so a
  // re-import of an unchanged file reads and writes (and locks) nothing in incidents.
  const [found] = await q.query<{ changed: number; same: number; deleted: number }>(
    `WITH probed AS (
       INSERT INTO ${probe} (ext_id, id, state)
       SELECT s.ext_id, m.id, m.state FROM ${stage} s
       CROSS JOIN LATERAL (
         SELECT i.id, CASE WHEN i.deleted_at IS NOT NULL THEN 'deleted'
                           WHEN i.import_hash = s.import_hash THEN 'same' ELSE 'changed' END AS state
         FROM incidents i
         WHERE i.process_id = $1 AND ${ext("i")} = s.ext_id AND ${ext("i")} IS NOT NULL LIMIT 1) m
       RETURNING state
     )
     SELECT count(*) FILTER (WHERE state = 'changed')::int AS changed,
            count(*) FILTER (WHERE state = 'same')::int AS same,
            count(*) FILTER (WHERE state = 'deleted')::int AS deleted
     FROM probed`,
    [processId],
  );
  const { changed = 0, same = 0, deleted = 0 } = found ?? {};
  if (same + deleted === batch.rows) return { created: 0, updated: 0, keptDeleted: deleted };

  // The rows about to change, locked in one order (a concurrent import of the same file waits here or
  // at the insert, in the same order, rather than deadlocking) and kept as the events' "before".
  if (changed > 0)
    await q.query(
      `INSERT INTO ${beforeTable} (id, before)
       SELECT m.id, ${recordJson("m")}
       FROM (SELECT id FROM ${probe} WHERE state = 'changed' ORDER BY ext_id) p
       CROSS JOIN LATERAL (SELECT * FROM incidents i WHERE i.id = p.id FOR UPDATE) m`,
    );

  const columns = contentColumns.map((c) => c.name);
  const [outcome] = await q.query<BatchOutcome>(
    `WITH upserted AS (
       INSERT INTO incidents AS i (id, process_id, created_by, updated_by, import_hash, ${columns.join(", ")})
       SELECT CASE WHEN EXISTS (SELECT 1 FROM incidents o WHERE o.id = s.plain_id
                                  AND (o.process_id <> $1 OR ${ext("o")} IS DISTINCT FROM s.ext_id))
                   THEN left(s.plain_id, 100) || '.' || left(md5($1::text || ':' || $3::text || ':' || s.ext_id), 10)
                   ELSE s.plain_id END,
              $1::text, $2::text, $2::text, s.import_hash, ${columns.map((c) => `s.${c}`).join(", ")}
       FROM ${stage} s
       WHERE NOT EXISTS (SELECT 1 FROM ${probe} p WHERE p.ext_id = s.ext_id AND p.state <> 'changed')
       ORDER BY s.ext_id
       ON CONFLICT (process_id, ${ext()}) WHERE ${ext()} IS NOT NULL
       DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(", ")},
         import_hash = excluded.import_hash, updated_at = now(), updated_by = excluded.updated_by
       WHERE i.import_hash IS DISTINCT FROM excluded.import_hash AND i.deleted_at IS NULL
       RETURNING i.*, (i.xmax = 0) AS inserted
     ), events AS (
       INSERT INTO record_events (entity, record_id, kind, actor, before, after)
       SELECT 'incidents', u.id, CASE WHEN u.inserted THEN 'created' ELSE 'updated' END, $2,
              b.before, ${recordJson("u")}
       FROM upserted u LEFT JOIN ${beforeTable} b ON b.id = u.id
       RETURNING kind
     )
     SELECT count(*) FILTER (WHERE kind = 'created')::int AS created,
            count(*) FILTER (WHERE kind = 'updated')::int AS updated,
            (SELECT min(u.id) FROM upserted u WHERE NOT u.inserted AND ${laterEvent("u")}) AS "outOfOrder"
     FROM events`,
    [processId, actor, dataset],
  );
  const { outOfOrder, created, updated } = outcome as BatchOutcome & { outOfOrder: string | null };
  if (outOfOrder) throw new EventOrderConflict("incidents", outOfOrder);
  return { created, updated, keptDeleted: deleted };
}

/**
 * The changes feed orders events by transaction id (store/record-events.ts): a change may not be
 * written below an event that a younger transaction already committed for the same record. Checked
 * after the rows are locked, in a later statement (so every writer that held them is visible); the
 * batch is then run again, with a new transaction id.
 */
const laterEvent = (alias: string) =>
  `EXISTS (SELECT 1 FROM record_events e WHERE e.entity = 'incidents' AND e.record_id = ${alias}.id
           AND e.xid > pg_current_xact_id())`;

/** Tombstones the process's incidents with these dataset ids, each with its "deleted" event. */
export async function tombstoneIncidents(
  q: BulkQueries,
  batch: { processId: string; dataset: IncidentDataset; actor: string; externalIds: readonly string[] },
): Promise<number> {
  const ext = externalIdOf("i", batch.dataset);
  // Found one index probe per named id and locked in one order, so that the statement after sees
  // every writer that held them.
  const found = await q.query<{ id: string }>(
    `SELECT m.id FROM (SELECT DISTINCT jsonb_array_elements_text($2::jsonb) AS ext_id ORDER BY 1) s
     CROSS JOIN LATERAL (SELECT i.id FROM incidents i WHERE i.process_id = $1 AND ${ext} = s.ext_id
       AND ${ext} IS NOT NULL AND i.deleted_at IS NULL FOR UPDATE) m`,
    [batch.processId, JSON.stringify(batch.externalIds)],
  );
  if (found.length === 0) return 0;
  const [row] = await q.query<{ deleted: number; outOfOrder: string | null }>(
    `WITH gone AS (
       UPDATE incidents i SET deleted_at = now(), deleted_by = $2
       WHERE i.id = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb))) AND i.deleted_at IS NULL
       RETURNING i.*
     ), events AS (
       INSERT INTO record_events (entity, record_id, kind, actor, before)
       SELECT 'incidents', g.id, 'deleted', $2, ${recordJson("g")} FROM gone g
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM events) AS deleted,
            (SELECT min(g.id) FROM gone g WHERE ${laterEvent("g")}) AS "outOfOrder"`,
    [JSON.stringify(found.map((f) => f.id)), batch.actor],
  );
  if (row?.outOfOrder) throw new EventOrderConflict("incidents", row.outOfOrder);
  return row?.deleted ?? 0;
}
