import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { verificationStatuses } from "../domain/common.js";
import { acledEventTypes, monitoringIncidentTypes } from "../domain/incident-types.js";
import type { ReadableFilter } from "../domain/policy.js";
import type { Db } from "./database.js";
import { type IncidentFilters, incidentConditions } from "./incident-queries.js";
import { readableCondition } from "./readable.js";
import { places as p, incidents as t } from "./schema.js";

/**
 * The map's selection (domain/incident-points.ts) in two statements: the database builds the whole
 * JSON answer of parallel arrays, so a few hundred thousand rows never become JavaScript objects on
 * the server; and a short list of the newest incidents without a position, by title.
 */

export const pointDictionaries = {
  monitoringType: [...monitoringIncidentTypes],
  acledEventType: [...acledEventTypes],
  verificationStatus: [...verificationStatuses],
};

/** `ARRAY['a','b']::text[]`: the vocabularies are our own constants, quoted for SQL all the same. */
const textArray = (values: readonly string[]) =>
  sql.raw(`ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(",")}]::text[]`);

/** Position in a vocabulary, from 0; -1 for a value outside it or none. */
const code = (values: readonly string[], column: SQL | typeof t.monitoringType) =>
  sql`coalesce(array_position(${textArray(values)}, ${column}) - 1, -1)`;

/** The incident's own position, else its place's (a place is where a monitor put it, if less exactly). */
const hasOwnPosition = sql`${t.longitude} IS NOT NULL`;
const lon = sql`coalesce(${t.longitude}, ${p.longitude})`;
const lat = sql`coalesce(${t.latitude}, ${p.latitude})`;
/** The incident's place, when the caller may read it: a draft place lends no position to the public. */
function placeJoin(filters: IncidentFilters) {
  const readable = filters.readable && readableCondition(filters.readable, p);
  return sql`LEFT JOIN ${p} ON ${p.id} = ${t.placeId} AND ${p.deletedAt} IS NULL${readable ? sql` AND ${readable}` : sql``}`;
}

/** The JSON text of `IncidentPoints`; `unlocatedFirst` is what `unlocatedIncidents` read. */
export async function incidentPointsJson(
  db: Db,
  filters: IncidentFilters,
  limit: number,
  unlocatedFirst: UnlocatedIncident[],
): Promise<string> {
  const columns = sql`${t.id} AS id, ${lon} AS lon, ${lat} AS lat,
    (${t.startDate} - date '1970-01-01') AS day,
    ${code(pointDictionaries.monitoringType, t.monitoringType)} AS mt,
    ${code(pointDictionaries.acledEventType, sql`${t.acledEventType}`)} AS et,
    ${code(pointDictionaries.verificationStatus, sql`${t.verificationStatus}`)} AS vs,
    CASE WHEN ${hasOwnPosition} OR ${p.longitude} IS NULL THEN ${t.geoPrecision}
      ELSE greatest(${t.geoPrecision}, ${p.geoPrecision}) END AS gp,
    coalesce(${t.ucdpWherePrecision}, 0) AS wp,
    CASE WHEN ${hasOwnPosition} OR ${p.longitude} IS NULL THEN 0 ELSE 1 END AS fp`;
  const where = and(...incidentConditions(filters));
  // Counted first: a selection within the limit (the usual case) is aggregated as it comes, without
  // sorting it; only a larger one is sorted, to keep the newest. Sorting and cutting cost a third more.
  const counted = await db.execute(sql`SELECT count(*)::int AS "matched" FROM ${t} WHERE ${where}`);
  const matched = (counted as unknown as { rows: { matched: number }[] }).rows[0]?.matched ?? 0;
  const rows =
    matched > limit
      ? sql`(SELECT ${columns} FROM ${t} ${placeJoin(filters)} WHERE ${where}
          ORDER BY ${t.startDate} DESC, ${t.id} DESC LIMIT ${limit})`
      : sql`(SELECT ${columns} FROM ${t} ${placeJoin(filters)} WHERE ${where})`;
  const array = (name: string) => sql`coalesce(json_agg(${sql.identifier(name)}), '[]')`;
  const result = await db.execute(sql`SELECT json_build_object(
      'count', count(*),
      'matched', ${matched}::int,
      'truncated', ${matched > limit}::boolean,
      'dictionaries', ${JSON.stringify(pointDictionaries)}::json,
      'id', ${array("id")}, 'lon', ${array("lon")}, 'lat', ${array("lat")}, 'day', ${array("day")},
      'monitoringType', ${array("mt")}, 'acledEventType', ${array("et")},
      'verificationStatus', ${array("vs")}, 'geoPrecision', ${array("gp")},
      'wherePrecision', ${array("wp")}, 'fromPlace', ${array("fp")},
      'unlocated', json_build_object('count', count(*) FILTER (WHERE lon IS NULL),
        'first', ${JSON.stringify(unlocatedFirst)}::json)
    )::text AS body FROM ${rows} AS s`);
  return (result as unknown as { rows: { body: string }[] }).rows[0]?.body ?? "";
}

export interface UnlocatedIncident {
  id: string;
  title: string;
  startDate: string;
}

/** The newest incidents of the selection that neither they nor their place put anywhere. */
export async function unlocatedIncidents(
  db: Db,
  filters: IncidentFilters,
  limit: number,
): Promise<UnlocatedIncident[]> {
  const result = await db.execute(sql`SELECT ${t.id} AS "id", ${t.title} AS "title",
      to_char(${t.startDate}, 'YYYY-MM-DD') AS "startDate"
    FROM ${t} ${placeJoin(filters)}
    WHERE ${and(...incidentConditions(filters), sql`${lon} IS NULL`)}
    ORDER BY ${t.startDate} DESC, ${t.id} DESC LIMIT ${limit}`);
  return (result as unknown as { rows: UnlocatedIncident[] }).rows;
}

export interface IncidentTitleRow {
  id: string;
  title: string;
  startDate: string;
  startPrecision: string;
  locationName: string | null;
  placeId: string | null;
  fatalities: number | null;
}

/** The few fields a popup or a cluster's list shows, for incidents the map already holds by id. */
export async function incidentTitles(
  db: Db,
  processId: string,
  ids: string[],
  readable: ReadableFilter,
): Promise<IncidentTitleRow[]> {
  const readableRows = readableCondition(readable, t);
  const rows = await db
    .select({
      id: t.id,
      title: t.title,
      startDate: sql<string>`to_char(${t.startDate}, 'YYYY-MM-DD')`,
      startPrecision: t.startPrecision,
      locationName: t.locationName,
      placeId: t.placeId,
      fatalities: sql<number | null>`(${t.fatalities}->>'best')::int`,
    })
    .from(t)
    .where(
      and(
        eq(t.processId, processId),
        inArray(t.id, ids),
        isNull(t.deletedAt),
        ...(readableRows ? [readableRows] : []),
      ),
    );
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
