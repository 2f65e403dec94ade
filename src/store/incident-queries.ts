import { and, desc, eq, gte, inArray, isNull, lte, ne, notInArray, or, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, PgDialect } from "drizzle-orm/pg-core";
import { type Actor, anonymous } from "../domain/actor.js";
import type { ReviewState } from "../domain/common.js";
import { incidentExcerptLength, type LonLatBox } from "../domain/incident-list.js";
import { type ReadableFilter, readableFilter } from "../domain/policy.js";
import { publicReviewStates } from "../domain/review-workflow.js";
import type { Db } from "./database.js";
import { readableCondition } from "./readable.js";
import { rowToRecord, type StoredRecord } from "./repository.js";
import { incidents as t } from "./schema.js";

/**
 * The incident list and its exports at a million rows: filters that the indexes of `incidents` answer
 * (schema.ts), keyset pages written as one ROW comparison so a deep page is an index range, and list
 * items built as JSON by the database, so the server forwards text instead of decoding and re-encoding
 * some forty fields per row.
 */

export interface IncidentFilters {
  processId?: string;
  from?: string;
  to?: string;
  monitoringType?: string;
  acledEventType?: string;
  acledSubEventType?: string;
  /** A party id or an actor name, matched exactly against `actors`. */
  actor?: string;
  /** A party that alleges the incident: in `allegedByPartyIds` or as an alleged breach's `allegedByPartyId`. */
  allegedBy?: string;
  /** Only this status. Without it, machine-coded signals (GDELT) are left out. */
  verificationStatus?: string;
  /** Without a status: keep the machine-coded signals too (the map draws them apart). */
  includeSignals?: boolean;
  country?: string;
  admin1?: string;
  placeId?: string;
  bbox?: LonLatBox;
  /** Words, each matched as a prefix of a word in the title, location or description. */
  words?: string[];
  reviewStates?: ReviewState[];
  /**
   * What the caller may read (readable.ts): for the public `review_state IN ('published','disputed')`,
   * a filter beside the index's leading column that keeps every keyset scan an index range.
   */
  readable?: ReadableFilter;
  /** Licences whose rows an output leaves out entirely. */
  excludeLicences?: string[];
}

/** The last row of a page: (start_date, id), the list's order, newest first. */
export type IncidentKeyset = [startDate: string, id: string];

/**
 * The stored vector of title, location and description (migration 0019, GIN index `incidents_search`):
 * their 'simple' words, which the prefix search matches, beside their stems, which search.ts uses.
 */
export const incidentSearchDocument = sql`${t}."search_vector"`;
const position = sql`point(${t.longitude}, ${t.latitude})`;

/** The words as a tsquery: `'lach':* & 'corridor':*`. Words are letters and digits only, so no quoting. */
const prefixQuery = (words: readonly string[]) =>
  words.map((word) => `'${word.toLowerCase()}':*`).join(" & ");

const contains = (
  column: typeof t.actors | typeof t.allegedByPartyIds | typeof t.allegedBreaches,
  value: unknown,
) => sql`${column} @> ${JSON.stringify(value)}::jsonb`;

/** Inside a lon/lat box, written as the `incidents_position` GiST index's expression so it is used. */
export const inBox = (minLon: number, minLat: number, maxLon: number, maxLat: number) =>
  sql`${position} <@ box(point(${minLon}::float8, ${minLat}::float8), point(${maxLon}::float8, ${maxLat}::float8))`;

export function incidentConditions(f: IncidentFilters): SQL[] {
  const where: SQL[] = [isNull(t.deletedAt)];
  if (f.processId) where.push(eq(t.processId, f.processId));
  if (f.from) where.push(gte(t.startDate, f.from));
  if (f.to) where.push(lte(t.startDate, f.to));
  if (f.monitoringType) where.push(eq(t.monitoringType, f.monitoringType));
  if (f.acledEventType) where.push(eq(t.acledEventType, f.acledEventType));
  if (f.acledSubEventType) where.push(eq(t.acledSubEventType, f.acledSubEventType));
  // Signals are leads for a monitor, not incidents: shown only to whoever asks for them by status.
  if (f.verificationStatus) where.push(eq(t.verificationStatus, f.verificationStatus));
  else if (!f.includeSignals) where.push(ne(t.verificationStatus, "machine_coded"));
  if (f.country) where.push(eq(t.country, f.country));
  if (f.admin1) where.push(eq(t.admin1, f.admin1));
  if (f.placeId) where.push(eq(t.placeId, f.placeId));
  if (f.actor)
    where.push(
      or(contains(t.actors, [{ partyId: f.actor }]), contains(t.actors, [{ name: f.actor }])) as SQL,
    );
  if (f.allegedBy)
    where.push(
      or(
        contains(t.allegedByPartyIds, [f.allegedBy]),
        contains(t.allegedBreaches, [{ allegedByPartyId: f.allegedBy }]),
      ) as SQL,
    );
  if (f.bbox) {
    const { minLon, minLat, maxLon, maxLat } = f.bbox;
    where.push(
      minLon <= maxLon
        ? inBox(minLon, minLat, maxLon, maxLat)
        : (or(inBox(minLon, minLat, 180, maxLat), inBox(-180, minLat, maxLon, maxLat)) as SQL),
    );
  }
  if (f.words?.length)
    where.push(sql`${incidentSearchDocument} @@ to_tsquery('simple'::regconfig, ${prefixQuery(f.words)})`);
  if (f.reviewStates) where.push(inArray(t.reviewState, f.reviewStates));
  const readable = f.readable && readableCondition(f.readable, t);
  if (readable) where.push(readable);
  if (f.excludeLicences?.length) where.push(notInArray(t.licence, f.excludeLicences));
  return where;
}

/** Rows after the keyset: one ROW comparison, which the (…, start_date, id) indexes take as a range. */
const afterKeyset = ([startDate, id]: IncidentKeyset) =>
  sql`(${t.startDate}, ${t.id}) < (${startDate}::date, ${id}::text)`;

const newestFirst = [desc(t.startDate), desc(t.id)];
const whereOf = (f: IncidentFilters, after?: IncidentKeyset) =>
  and(...incidentConditions(f), ...(after ? [afterKeyset(after)] : []));

/** Timestamps as the record routes give them (JavaScript's toISOString: milliseconds, Z). */
const isoTime = (column: AnyPgColumn) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One summary per row, as JSON text, in the shape of `IncidentSummary` (domain/incident-list.ts):
 * camelCase keys, dates as ISO text; the nulls of absent values are taken out by `withoutNulls`.
 */
const summaryColumns = sql`${t.id} AS "id", ${t.reviewState} AS "reviewState",
  ${isoTime(t.createdAt)} AS "createdAt", ${t.createdBy} AS "createdBy",
  ${t.createdByAccountId} AS "createdByAccountId", ${t.claimOfPartyId} AS "claimOfPartyId",
  ${t.reviewHistory} AS "reviewHistory",
  ${isoTime(t.updatedAt)} AS "updatedAt", ${t.updatedBy} AS "updatedBy",
  ${t.processId} AS "processId", ${t.title} AS "title", ${t.monitoringType} AS "monitoringType",
  ${t.disorderType} AS "disorderType", ${t.acledEventType} AS "acledEventType",
  ${t.acledSubEventType} AS "acledSubEventType", ${t.interactionCode} AS "interactionCode",
  ${t.civilianTargeting} AS "civilianTargeting", ${t.startDate} AS "startDate",
  ${t.startPrecision} AS "startPrecision", ${t.endDate} AS "endDate", ${t.endPrecision} AS "endPrecision",
  ${t.ongoing} AS "ongoing", ${t.placeId} AS "placeId", ${t.country} AS "country", ${t.isoCode} AS "isoCode",
  ${t.region} AS "region", ${t.admin1} AS "admin1", ${t.admin2} AS "admin2", ${t.admin3} AS "admin3",
  ${t.locationName} AS "locationName", ${t.locationDescription} AS "locationDescription",
  ${t.latitude} AS "latitude", ${t.longitude} AS "longitude", ${t.geoPrecision} AS "geoPrecision",
  ${t.ucdpWherePrecision} AS "ucdpWherePrecision", ${t.actors} AS "actors", ${t.fatalities} AS "fatalities",
  ${t.sourceScale} AS "sourceScale", ${t.tags} AS "tags",
  ${isoTime(t.sourceUpdatedAt)} AS "sourceUpdatedAt", ${t.allegedByPartyIds} AS "allegedByPartyIds",
  ${t.verificationStatus} AS "verificationStatus", ${t.externalIds} AS "externalIds", ${t.licence} AS "licence",
  left(${t.description}, ${sql.raw(String(incidentExcerptLength))}) AS "excerpt",
  char_length(${t.description}) AS "descriptionLength",
  jsonb_array_length(${t.sources}) AS "sourceCount",
  jsonb_array_length(${t.allegedBreaches}) AS "allegedBreachCount"`;

/**
 * The column list rendered to text once: drizzle walks some 150 fragments to render it, which took
 * about a third of a page's whole time in the database. It has no parameters, so the text is the same
 * for every page. Casing as in database.ts.
 */
let renderedColumns: SQL | undefined;
const summaryColumnsText = () =>
  (renderedColumns ??= sql.raw(new PgDialect({ casing: "snake_case" }).sqlToQuery(summaryColumns).sql));

/** The SQL of one list page; the benchmark runs this same statement raw to measure the server's share. */
export function incidentSummarySql(
  f: IncidentFilters,
  after: IncidentKeyset | undefined,
  limit: number,
): SQL {
  // The outer ORDER BY costs a sort of one page, and makes the order a guarantee rather than a habit.
  // `policy` is what the permission policy reads of the row (IncidentPolicyFields), apart, so the
  // server need not parse each whole item to attach the caller's allowed actions.
  return sql`SELECT row_to_json(s)::text AS item, json_build_array(s."reviewState", s."createdByAccountId",
      s."claimOfPartyId", s."reviewHistory", s."actors", s."allegedByPartyIds")::text AS policy FROM (
    SELECT ${summaryColumnsText()} FROM ${t} WHERE ${whereOf(f, after)}
    ORDER BY ${t.startDate} DESC, ${t.id} DESC LIMIT ${limit}
  ) AS s ORDER BY s."startDate" DESC, s."id" DESC`;
}

const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;

/**
 * Removes the top-level `"key":null` members of one row_to_json text (absent values are left out, as
 * the record routes do). json_strip_nulls did this in the database at a third of the query's time, as it
 * parses the text again. Safe on the text: inside a JSON string a quote is always escaped, so `,"` only
 * ever starts a member; the first member is the id, never null; nested values hold no nulls.
 */
const withoutNulls = (item: string) => item.replace(/,"[A-Za-z0-9]+":null(?=[,}])/g, "");

/** What the permission policy reads of a summary: its envelope and the parties it names. */
export interface IncidentPolicyFields {
  reviewState: string;
  createdByAccountId: string | null;
  claimOfPartyId: string | null;
  reviewHistory: unknown[];
  actors: unknown[];
  allegedByPartyIds: string[];
}

const policyFieldsOf = (text: string): IncidentPolicyFields => {
  const [reviewState, createdByAccountId, claimOfPartyId, reviewHistory, actors, allegedByPartyIds] =
    JSON.parse(text) as [string, string | null, string | null, unknown[], unknown[], string[]];
  return { reviewState, createdByAccountId, claimOfPartyId, reviewHistory, actors, allegedByPartyIds };
};

/**
 * A page of summaries as JSON texts, each with the fields the permission policy reads, and the keyset
 * to continue from when there is more.
 */
export async function incidentSummaryPage(
  db: Db,
  f: IncidentFilters,
  after: IncidentKeyset | undefined,
  limit: number,
): Promise<{ items: string[]; policies: IncidentPolicyFields[]; next: IncidentKeyset | null }> {
  const rows = rowsOf<{ item: string; policy: string }>(
    await db.execute(incidentSummarySql(f, after, limit + 1)),
  );
  const page = rows.slice(0, limit);
  const items = page.map((row) => withoutNulls(row.item));
  const last =
    rows.length > limit
      ? (JSON.parse(items[limit - 1] as string) as { startDate: string; id: string })
      : undefined;
  return {
    items,
    policies: page.map((row) => policyFieldsOf(row.policy)),
    next: last ? [last.startDate, last.id] : null,
  };
}

/** Whole records, page by page in list order: for exports that need every field (CSV). */
export async function incidentRecordPage(
  db: Db,
  f: IncidentFilters,
  after: IncidentKeyset | undefined,
  limit: number,
): Promise<StoredRecord<"incidents">[]> {
  const rows = await db
    .select()
    .from(t)
    .where(whereOf(f, after))
    .orderBy(...newestFirst)
    .limit(limit);
  return rows.map((row) => rowToRecord("incidents", row as Record<string, unknown>));
}

export interface FeatureRow {
  id: string;
  startDate: string;
  licence: string;
  /** The RFC 7946 Feature as JSON text; null when the incident has no coordinates. */
  feature: string | null;
}

/** GeoJSON Features built by the database: [longitude, latitude], as RFC 7946 orders them. */
export async function incidentFeaturePage(
  db: Db,
  f: IncidentFilters,
  after: IncidentKeyset | undefined,
  limit: number,
): Promise<FeatureRow[]> {
  const properties = sql`json_strip_nulls(json_build_object(
    'title', ${t.title}, 'processId', ${t.processId}, 'startDate', ${t.startDate},
    'startPrecision', ${t.startPrecision}, 'endDate', ${t.endDate}, 'ongoing', ${t.ongoing},
    'monitoringType', ${t.monitoringType}, 'disorderType', ${t.disorderType},
    'acledEventType', ${t.acledEventType}, 'acledSubEventType', ${t.acledSubEventType},
    'verificationStatus', ${t.verificationStatus}, 'country', ${t.country}, 'admin1', ${t.admin1},
    'admin2', ${t.admin2}, 'locationName', ${t.locationName}, 'geoPrecision', ${t.geoPrecision},
    'fatalities', ${t.fatalities}->'best', 'civilianTargeting', ${t.civilianTargeting},
    'licence', ${t.licence}, 'excerpt', left(${t.description}, ${sql.raw(String(incidentExcerptLength))})))`;
  const feature = sql`CASE WHEN ${t.longitude} IS NULL OR ${t.latitude} IS NULL THEN NULL ELSE json_build_object(
    'type', 'Feature', 'id', ${t.id},
    'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(${t.longitude}, ${t.latitude})),
    'properties', ${properties})::text END`;
  const result =
    await db.execute(sql`SELECT ${t.id} AS "id", to_char(${t.startDate}, 'YYYY-MM-DD') AS "startDate",
    ${t.licence} AS "licence", ${feature} AS "feature"
    FROM ${t} WHERE ${whereOf(f, after)} ORDER BY ${t.startDate} DESC, ${t.id} DESC LIMIT ${limit}`);
  return rowsOf<FeatureRow>(result);
}

/** A process's latest incidents the actor may read, whole (the overview shows them); signals left out. */
export async function latestIncidents(db: Db, processId: string, limit: number, readAs: Actor) {
  return incidentRecordPage(
    db,
    { processId, readable: readableFilter(readAs, "incidents") },
    undefined,
    limit,
  );
}

/** Fold a process's count rows into one per status once there are more than this many. */
const foldAbove = 64;

/**
 * Incidents of a process per verification status, from `incident_counts`, which triggers keep per
 * review state (migrations/0009_incident_counts.sql, 0014): a few rows read, never the incidents
 * themselves. Staff count every state; everyone else the public states only. A representative's own
 * unpublished claims are not among these figures (the counts do not know whose claim a row is): they
 * see them in the list.
 */
export async function incidentCounts(
  db: Db,
  processId: string,
  readAs: Actor = anonymous,
): Promise<Map<string, number>> {
  const counted =
    "all" in readableFilter(readAs, "incidents")
      ? sql``
      : sql`AND review_state IN (${sql.join(
          publicReviewStates.map((state) => sql`${state}`),
          sql`, `,
        )})`;
  const rows = rowsOf<{ status: string; n: string; parts: number }>(
    await db.execute(sql`SELECT verification_status AS status, sum(n)::bigint::text AS n, count(*)::int AS parts
      FROM incident_counts WHERE process_id = ${processId} ${counted} GROUP BY verification_status`),
  );
  if (rows.reduce((sum, row) => sum + Number(row.parts), 0) > foldAbove) await foldCounts(db, processId);
  return new Map(rows.filter((row) => Number(row.n) !== 0).map((row) => [row.status, Number(row.n)]));
}

/**
 * Replaces a process's count rows by their sums, in one statement. Two folds at once stay right: the
 * second waits for the first's deleted rows and then skips them. Best effort: a read-only database
 * (a replica) cannot fold, and the sums it reads are right all the same.
 */
async function foldCounts(db: Db, processId: string) {
  try {
    await db.execute(sql`WITH gone AS (
        DELETE FROM incident_counts WHERE process_id = ${processId} RETURNING verification_status, review_state, n)
      INSERT INTO incident_counts (process_id, verification_status, review_state, n)
      SELECT ${processId}, verification_status, review_state, sum(n) FROM gone
      GROUP BY verification_status, review_state HAVING sum(n) <> 0`);
  } catch {
    // Folding only keeps the next read short; the counts read above are already complete.
  }
}
