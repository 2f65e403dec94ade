import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ReadableFilter } from "../domain/policy.js";
import type { Db } from "./database.js";
import { inBox } from "./incident-queries.js";
import { readableCondition } from "./readable.js";
import { incidents, places } from "./schema.js";

/**
 * The reads behind the public map outputs (OGC API – Features, the Atom feed): only records the caller
 * may read (for the public: published and disputed; readable.ts), positioned, filtered by box and dates
 * in SQL so a page never loads more than it answers.
 */

export const featureCollectionIds = ["incidents", "places", "crossing-points"] as const;
export type FeatureCollectionId = (typeof featureCollectionIds)[number];

/** minLon > maxLon is a box across the antimeridian (OGC API – Features allows it). */
export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface FeatureFilter {
  bbox?: LonLatBox;
  /** Inclusive calendar dates; an end left out is open. */
  dates?: { from?: string; to?: string };
}

/** Where a page starts: after the last row of the previous page, or before the first of the next. */
export interface Keyset {
  direction: "next" | "prev";
  sortValue: string;
  id: string;
}

const crossingKinds = ["corridor", "checkpoint"];

/** Only the rows the caller may read; `true` when it may read them all. */
const readableRows = (readable: ReadableFilter, table: typeof incidents | typeof places): SQL =>
  readableCondition(readable, table) ?? sql`true`;

/** One collection's table, order and the conditions that make a row a feature for this caller. */
function collectionQuery(collection: FeatureCollectionId, readable: ReadableFilter = { all: true }) {
  if (collection === "incidents") {
    const t = incidents;
    return {
      t,
      sort: t.startDate as AnyPgColumn,
      descending: true,
      base: [
        isNull(t.deletedAt),
        readableRows(readable, t),
        // GDELT's machine-coded signals are leads for a monitor, not incidents to put on a map.
        ne(t.verificationStatus, "machine_coded"),
        // No position, no feature: a pin at 0,0 would be a false statement about where it happened.
        isNotNull(t.latitude),
        isNotNull(t.longitude),
      ],
    };
  }
  const t = places;
  return {
    t,
    sort: t.id as AnyPgColumn,
    descending: false,
    base: [
      isNull(t.deletedAt),
      readableRows(readable, t),
      isNotNull(t.latitude),
      isNotNull(t.longitude),
      ...(collection === "crossing-points" ? [inArray(t.kind, crossingKinds)] : []),
    ],
  };
}

function filterConditions(collection: FeatureCollectionId, filter: FeatureFilter): SQL[] {
  const { t } = collectionQuery(collection);
  const conditions: SQL[] = [];
  const box = filter.bbox;
  if (box && collection === "incidents") {
    // The GiST index on incidents' positions; a box across the antimeridian is two boxes.
    conditions.push(
      box.minLon <= box.maxLon
        ? inBox(box.minLon, box.minLat, box.maxLon, box.maxLat)
        : (or(
            inBox(box.minLon, box.minLat, 180, box.maxLat),
            inBox(-180, box.minLat, box.maxLon, box.maxLat),
          ) as SQL),
    );
  } else if (box) {
    conditions.push(gte(t.latitude, box.minLat), lte(t.latitude, box.maxLat));
    conditions.push(
      box.minLon <= box.maxLon
        ? (and(gte(t.longitude, box.minLon), lte(t.longitude, box.maxLon)) as SQL)
        : (or(gte(t.longitude, box.minLon), lte(t.longitude, box.maxLon)) as SQL),
    );
  }
  const dates = filter.dates;
  if (dates && (dates.from || dates.to)) {
    if (collection !== "incidents") {
      // The standard: only features whose time intersects the filter; places have no time at all.
      conditions.push(sql`false`);
    } else {
      // An incident spans startDate to endDate; an ongoing one has no end yet, one without an end a day.
      if (dates.to) conditions.push(lte(incidents.startDate, dates.to));
      if (dates.from)
        conditions.push(
          or(
            eq(incidents.ongoing, true),
            sql`coalesce(${incidents.endDate}, ${incidents.startDate}) >= ${dates.from}`,
          ) as SQL,
        );
    }
  }
  return conditions;
}

const licenceIn = (served: readonly string[]): SQL =>
  served.length > 0 ? inArray(incidents.licence, [...served]) : sql`false`;

const incidentColumns = {
  id: incidents.id,
  processId: incidents.processId,
  title: incidents.title,
  monitoringType: incidents.monitoringType,
  disorderType: incidents.disorderType,
  acledEventType: incidents.acledEventType,
  acledSubEventType: incidents.acledSubEventType,
  civilianTargeting: incidents.civilianTargeting,
  startDate: incidents.startDate,
  startPrecision: incidents.startPrecision,
  endDate: incidents.endDate,
  ongoing: incidents.ongoing,
  placeId: incidents.placeId,
  country: incidents.country,
  admin1: incidents.admin1,
  admin2: incidents.admin2,
  locationName: incidents.locationName,
  latitude: incidents.latitude,
  longitude: incidents.longitude,
  geoPrecision: incidents.geoPrecision,
  fatalities: incidents.fatalities,
  verificationStatus: incidents.verificationStatus,
  licence: incidents.licence,
  updatedAt: incidents.updatedAt,
};

const placeColumns = {
  id: places.id,
  processId: places.processId,
  kind: places.kind,
  names: places.names,
  latitude: places.latitude,
  longitude: places.longitude,
  geoPrecision: places.geoPrecision,
  parentPlaceId: places.parentPlaceId,
  updatedAt: places.updatedAt,
};

export type IncidentFeatureRow = {
  [K in keyof typeof incidentColumns]: (typeof incidentColumns)[K]["_"]["data"] | null;
};
export type PlaceFeatureRow = {
  [K in keyof typeof placeColumns]: (typeof placeColumns)[K]["_"]["data"] | null;
};
export type FeatureRow =
  | ({ collection: "incidents" } & IncidentFeatureRow)
  | ({ collection: "places" | "crossing-points" } & PlaceFeatureRow);

/**
 * One page in keyset order (incidents newest first, places by id). `servedLicences` limits incidents
 * to the licences public outputs may show. Answers `limit + 1` rows at most: the extra one says
 * whether another page follows; a "prev" page comes back in display order too.
 */
export async function featurePage(
  db: Db,
  collection: FeatureCollectionId,
  filter: FeatureFilter,
  options: { servedLicences: readonly string[]; limit: number; keyset?: Keyset; readable: ReadableFilter },
): Promise<FeatureRow[]> {
  const q = collectionQuery(collection, options.readable);
  const conditions = [...q.base, ...filterConditions(collection, filter)];
  if (collection === "incidents") conditions.push(licenceIn(options.servedLicences));
  const keyset = options.keyset;
  // Reading backwards (a "prev" page) flips the order, then the rows are turned round again.
  const backwards = keyset?.direction === "prev";
  const descending = q.descending !== backwards;
  if (keyset) {
    const beyond = descending ? lt : gt;
    conditions.push(
      q.sort === q.t.id
        ? beyond(q.t.id, keyset.id)
        : (or(
            beyond(q.sort, keyset.sortValue),
            and(eq(q.sort, keyset.sortValue), beyond(q.t.id, keyset.id)),
          ) as SQL),
    );
  }
  const order = descending ? [desc(q.sort), desc(q.t.id)] : [asc(q.sort), asc(q.t.id)];
  const columns = collection === "incidents" ? incidentColumns : placeColumns;
  const rows = (await db
    .select(columns)
    .from(q.t)
    .where(and(...conditions))
    .orderBy(...(q.sort === q.t.id ? [order[1] as SQL] : order))
    .limit(options.limit + 1)) as Record<string, unknown>[];
  const tagged = rows.map((row) => ({ collection, ...row }) as FeatureRow);
  return backwards ? tagged.reverse() : tagged;
}

/** The sort value a cursor carries for a row of this collection. */
export const sortValueOf = (row: FeatureRow): string =>
  row.collection === "incidents" ? String(row.startDate) : String(row.id);
export const sortColumnOf = (collection: FeatureCollectionId): AnyPgColumn =>
  collectionQuery(collection).sort;

/** A feature the caller may read, by id, whatever its licence: the caller decides whether it may be shown. */
export async function featureById(
  db: Db,
  collection: FeatureCollectionId,
  id: string,
  readable: ReadableFilter,
): Promise<FeatureRow | undefined> {
  const q = collectionQuery(collection, readable);
  const conditions = [...q.base, eq(q.t.id, id)];
  const columns = collection === "incidents" ? incidentColumns : placeColumns;
  const rows = (await db
    .select(columns)
    .from(q.t)
    .where(and(...conditions))) as Record<string, unknown>[];
  return rows[0] ? ({ collection, ...rows[0] } as FeatureRow) : undefined;
}

/**
 * How many features match, per licence (places: one group, licence null). One grouped count gives
 * both the served total and the count-only rows that public outputs must count but not show.
 */
/**
 * Counts per licence, reading at most `countCap` rows: a page request must not count a million rows.
 * Past the cap the counts are lower bounds (`complete: false`); callers then leave totals out.
 */
export const countCap = 100_000;

export async function countByLicence(
  db: Db,
  collection: FeatureCollectionId,
  filter: FeatureFilter,
  readable: ReadableFilter,
  cap = countCap,
): Promise<{ counts: { licence: string | null; count: number }[]; complete: boolean }> {
  const q = collectionQuery(collection, readable);
  const where = and(...q.base, ...filterConditions(collection, filter));
  const licence = collection === "incidents" ? incidents.licence : sql<string | null>`NULL::text`;
  const bounded = db
    .select({ licence: sql<string | null>`${licence}`.as("licence") })
    .from(q.t)
    .where(where)
    .limit(cap + 1)
    .as("bounded");
  const rows = await db
    .select({ licence: bounded.licence, n: sql<number>`count(*)::int` })
    .from(bounded)
    .groupBy(bounded.licence);
  const counts = rows.map((row) => ({ licence: row.licence, count: Number(row.n) }));
  const total = counts.reduce((sum, row) => sum + row.count, 0);
  if (collection !== "incidents" && counts.length === 0) counts.push({ licence: null, count: 0 });
  return { counts, complete: total <= cap };
}

export interface FeatureExtent {
  bbox?: [number, number, number, number];
  /** First and last calendar day; `end` null while an incident is ongoing. */
  interval?: { start: string; end: string | null };
}

/** The box and time span of the features a collection serves. */
export async function featureExtent(
  db: Db,
  collection: FeatureCollectionId,
  servedLicences: readonly string[],
  readable: ReadableFilter,
): Promise<FeatureExtent> {
  const q = collectionQuery(collection, readable);
  const conditions = [...q.base];
  if (collection === "incidents") conditions.push(licenceIn(servedLicences));
  const isIncidents = collection === "incidents";
  const rows = (await db
    .select({
      minLon: sql<number | null>`min(${q.t.longitude})`,
      minLat: sql<number | null>`min(${q.t.latitude})`,
      maxLon: sql<number | null>`max(${q.t.longitude})`,
      maxLat: sql<number | null>`max(${q.t.latitude})`,
      start: isIncidents ? sql<string | null>`min(${incidents.startDate})::text` : sql<null>`null`,
      end: isIncidents
        ? sql<string | null>`max(coalesce(${incidents.endDate}, ${incidents.startDate}))::text`
        : sql<null>`null`,
      ongoing: isIncidents
        ? sql<boolean>`coalesce(bool_or(${incidents.ongoing}), false)`
        : sql<boolean>`false`,
    })
    .from(q.t)
    .where(and(...conditions))) as {
    minLon: number | null;
    minLat: number | null;
    maxLon: number | null;
    maxLat: number | null;
    start: string | null;
    end: string | null;
    ongoing: boolean;
  }[];
  const row = rows[0];
  if (!row || row.minLon === null) return {};
  const extent: FeatureExtent = {
    bbox: [Number(row.minLon), Number(row.minLat), Number(row.maxLon), Number(row.maxLat)],
  };
  if (row.start) extent.interval = { start: row.start, end: row.ongoing ? null : row.end };
  return extent;
}

/** Published incidents for a feed (with or without a position), most recently changed first. */
export async function latestPublishedIncidents(
  db: Db,
  options: { processId?: string; servedLicences: readonly string[]; limit: number; readable: ReadableFilter },
) {
  return db
    .select({
      id: incidents.id,
      processId: incidents.processId,
      title: incidents.title,
      monitoringType: incidents.monitoringType,
      startDate: incidents.startDate,
      endDate: incidents.endDate,
      ongoing: incidents.ongoing,
      locationName: incidents.locationName,
      country: incidents.country,
      // A bounded excerpt: an entry never carries a whole 20,000-character description.
      description: sql<string>`left(${incidents.description}, 4001)`,
      licence: incidents.licence,
      createdAt: incidents.createdAt,
      updatedAt: incidents.updatedAt,
    })
    .from(incidents)
    .where(and(...feedConditions(options.processId, options.readable), licenceIn(options.servedLicences)))
    .orderBy(desc(incidents.updatedAt), desc(incidents.id))
    .limit(options.limit);
}

const feedConditions = (processId: string | undefined, readable: ReadableFilter): SQL[] => [
  isNull(incidents.deletedAt),
  readableRows(readable, incidents),
  ne(incidents.verificationStatus, "machine_coded"),
  ...(processId ? [eq(incidents.processId, processId)] : []),
];

/** Readable incidents per licence, for a feed's counts and its choice of licences to serve. */
export async function publishedIncidentCounts(db: Db, readable: ReadableFilter, processId?: string) {
  const rows = await db
    .select({ licence: incidents.licence, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(and(...feedConditions(processId, readable)))
    .groupBy(incidents.licence);
  return rows.map((row) => ({ licence: row.licence as string | null, count: Number(row.n) }));
}
