import type { Actor } from "../domain/actor.js";
import { type ReadableFilter, readableFilter } from "../domain/policy.js";
import type { Db } from "../store/database.js";
import { NotFoundError } from "../store/errors.js";
import {
  countByLicence,
  type FeatureCollectionId,
  type FeatureFilter,
  type FeatureRow,
  featureById,
  featureCollectionIds,
  featureExtent,
  featurePage,
  sortValueOf,
} from "../store/feature-queries.js";
import { type ExportedReply, publishedRepliesTo } from "../store/reply-exports.js";
import { type LicencePolicy, loadLicencePolicy } from "./licence-policy.js";
import { decodeKeyset, effectiveLimit, encodeKeyset, parseBbox, parseDatetime } from "./ogc-params.js";

/**
 * OGC API – Features Part 1: Core over the public map data: incidents, places, and the crossing
 * points among them (corridors and checkpoints). Documents are built here; the routes only parse
 * the request and answer. Every link is absolute, from the address the client used.
 */

export const crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const gregorian = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
export const conformanceClasses = [
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
];

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

const json = "application/json";
const geojson = "application/geo+json";

const collectionInfo: Record<FeatureCollectionId, { title: string; description: string }> = {
  incidents: {
    title: "Incidents",
    description:
      "Published incidents with a position of their own, newest first. Incidents known only to a region without coordinates, and machine-coded event signals, are not items.",
  },
  places: {
    title: "Places",
    description: "Published places with coordinates: towns, districts, sites, crossings.",
  },
  "crossing-points": {
    title: "Crossing points",
    description: "Published corridors and checkpoints with coordinates.",
  },
};

/**
 * What the caller may read of a collection: the public, published and disputed records; staff, all;
 * a representative, also its party's claims. Places and crossing points are places.
 */
const readableOf = (actor: Actor, collection: FeatureCollectionId = "places"): ReadableFilter =>
  readableFilter(actor, collection === "incidents" ? "incidents" : "places");

export const isCollectionId = (id: string): id is FeatureCollectionId =>
  (featureCollectionIds as readonly string[]).includes(id);

function requireCollection(id: string): FeatureCollectionId {
  if (!isCollectionId(id)) throw new NotFoundError("collection", id);
  return id;
}

export function landingPage(base: string) {
  return {
    title: "Peacetrack OGC API – Features",
    description: "Incidents, places and crossing points of the monitored peace processes, as GeoJSON.",
    links: [
      { href: `${base}/ogc`, rel: "self", type: json, title: "This document" },
      {
        href: `${base}/api/openapi.json`,
        rel: "service-desc",
        type: "application/vnd.oai.openapi+json;version=3.1",
        title: "The API definition (OpenAPI 3.1)",
      },
      { href: `${base}/api/docs`, rel: "service-doc", type: "text/html", title: "The API documentation" },
      { href: `${base}/ogc/conformance`, rel: "conformance", type: json, title: "Conformance classes" },
      { href: `${base}/ogc/collections`, rel: "data", type: json, title: "The feature collections" },
    ],
  };
}

/** What public outputs may do with the rows found, per licence: served, only counted, or left out. */
/**
 * The whole collection's counts per licence, for the withheld rows every page reports: kept for 30 s per
 * database, since reading up to 100,000 rows on every bbox page would cost more than the page itself.
 */
const wholeCounts = new WeakMap<Db, Map<string, { at: number; value: Promise<Counted> }>>();
type Counted = Awaited<ReturnType<typeof countByLicence>>;
const wholeCountsTtlMs = 30_000;

function wholeCollectionCounts(
  db: Db,
  collection: FeatureCollectionId,
  readable: ReadableFilter,
): Promise<Counted> {
  let byCollection = wholeCounts.get(db);
  if (!byCollection) {
    byCollection = new Map();
    wholeCounts.set(db, byCollection);
  }
  // Kept per filter: the public's counts must never be a representative's or staff's.
  const key = `${collection} ${JSON.stringify(readable)}`;
  const cached = byCollection.get(key);
  if (cached && Date.now() - cached.at < wholeCountsTtlMs) return cached.value;
  const value = countByLicence(db, collection, {}, readable);
  byCollection.set(key, { at: Date.now(), value });
  value.catch(() => byCollection.delete(key));
  return value;
}

function applyRule(
  counts: { licence: string | null; count: number }[],
  rule: LicencePolicy,
  complete = true,
) {
  const served: string[] = [];
  const withheld: { licence: string; count: number; atLeast?: true }[] = [];
  let matched = 0;
  for (const { licence, count } of counts) {
    if (licence === null) {
      matched += count;
      continue;
    }
    const use = rule.publicRowRule(licence);
    if (use === "include") {
      served.push(licence);
      matched += count;
    } else if (use === "count_only")
      withheld.push({ licence, count, ...(complete ? {} : { atLeast: true as const }) });
  }
  // Attribution for every licence whose rows are shown or counted; excluded ones are not mentioned.
  const credited = [...served, ...withheld.map((w) => w.licence)];
  return { served, withheld, matched, credited };
}

function licenceLinks(rule: LicencePolicy, licenceIds: string[]): Link[] {
  return rule
    .licences(licenceIds)
    .filter((l) => l.url)
    .map((l) => ({ href: l.url as string, rel: "license", type: "text/html", title: l.name }));
}

const isoInterval = (interval: { start: string; end: string | null }): [string, string | null] => [
  `${interval.start}T00:00:00Z`,
  interval.end ? `${interval.end}T23:59:59Z` : null,
];

async function collectionDocument(
  db: Db,
  readable: ReadableFilter,
  base: string,
  id: FeatureCollectionId,
  rule: LicencePolicy,
) {
  const { counts, complete } = await countByLicence(db, id, {}, readable);
  const { served, withheld, credited } = applyRule(counts, rule, complete);
  const extent = await featureExtent(db, id, served, readable);
  const attribution = rule.attributionLines(credited);
  const notes = withheld.map(
    (w) =>
      `${w.atLeast ? "At least " : ""}${w.count} further incident(s) under "${rule.licences([w.licence])[0]?.name ?? w.licence}" are counted here but not served.`,
  );
  const description = [
    collectionInfo[id].description,
    ...notes,
    ...attribution.map((a) => `Source: ${a}`),
  ].join(" ");
  return {
    id,
    title: collectionInfo[id].title,
    description,
    itemType: "feature" as const,
    crs: [crs84],
    extent: {
      ...(extent.bbox ? { spatial: { bbox: [extent.bbox], crs: crs84 } } : {}),
      ...(extent.interval ? { temporal: { interval: [isoInterval(extent.interval)], trs: gregorian } } : {}),
    },
    links: [
      { href: `${base}/ogc/collections/${id}`, rel: "self", type: json, title: "This collection" },
      { href: `${base}/ogc/collections/${id}/items`, rel: "items", type: geojson, title: "Its features" },
      ...licenceLinks(rule, credited),
    ],
    ...(withheld.length ? { withheld } : {}),
    ...(attribution.length ? { attribution } : {}),
  };
}

export async function collectionsDocument(db: Db, actor: Actor, base: string) {
  const rule = await loadLicencePolicy(db);
  const collections = [];
  const readable = readableOf(actor);
  for (const id of featureCollectionIds)
    collections.push(await collectionDocument(db, readable, base, id, rule));
  return {
    links: [{ href: `${base}/ogc/collections`, rel: "self", type: json, title: "This document" }],
    collections,
  };
}

export async function oneCollection(db: Db, actor: Actor, base: string, id: string) {
  const collection = requireCollection(id);
  return collectionDocument(db, readableOf(actor), base, collection, await loadLicencePolicy(db));
}

/** PostgreSQL's text form of a timestamptz ("2026-11-22 12:23:55.053+00") as ISO 8601. */
const isoTimestamp = (value: unknown) =>
  new Date(
    String(value)
      .replace(" ", "T")
      .replace(/([+-]\d\d)$/, "$1:00"),
  ).toISOString();

/** A row as an RFC 7946 Feature: a point in lon/lat order and the record's main short fields. */
function toFeature(base: string, row: FeatureRow, replies: readonly ExportedReply[] = []) {
  const collection = row.collection;
  const itemHref = `${base}/ogc/collections/${collection}/items/${encodeURIComponent(String(row.id))}`;
  const page = row.collection === "incidents" ? "incidents" : "places";
  const links: Link[] = [
    { href: itemHref, rel: "self", type: geojson, title: "This feature" },
    { href: `${base}/ogc/collections/${collection}`, rel: "collection", type: json, title: "Its collection" },
    {
      href: `${base}/${page}/${encodeURIComponent(String(row.id))}`,
      rel: "alternate",
      type: "text/html",
      title: "In the web app",
    },
  ];
  const geometry = {
    type: "Point" as const,
    coordinates: [Number(row.longitude), Number(row.latitude)] as [number, number],
  };
  if (row.collection === "incidents") {
    const f = row.fatalities;
    return {
      type: "Feature" as const,
      id: String(row.id),
      geometry,
      properties: {
        title: String(row.title),
        processId: String(row.processId),
        monitoringType: String(row.monitoringType),
        startDate: String(row.startDate),
        startPrecision: String(row.startPrecision),
        endDate: row.endDate ?? null,
        ongoing: Boolean(row.ongoing),
        placeId: row.placeId ?? null,
        locationName: row.locationName ?? null,
        country: row.country ?? null,
        admin1: row.admin1 ?? null,
        admin2: row.admin2 ?? null,
        geoPrecision: Number(row.geoPrecision),
        fatalities: f ? f.best : null,
        fatalitiesLow: f ? f.low : null,
        fatalitiesHigh: f ? f.high : null,
        civilianTargeting: Boolean(row.civilianTargeting),
        disorderType: row.disorderType ?? null,
        acledEventType: row.acledEventType ?? null,
        acledSubEventType: row.acledSubEventType ?? null,
        verificationStatus: String(row.verificationStatus),
        licence: String(row.licence),
        updatedAt: isoTimestamp(row.updatedAt),
        // The parties' published replies, beside what they answer.
        replies: replies.map(({ recordId: _answered, ...reply }) => reply),
      },
      links,
    };
  }
  const names = row.names ?? [];
  return {
    type: "Feature" as const,
    id: String(row.id),
    geometry,
    properties: {
      name: names[0]?.text ?? "",
      otherNames:
        names
          .slice(1)
          .map((n) => n.text)
          .filter((t, i, a) => a.indexOf(t) === i)
          .join(" / ") || null,
      kind: String(row.kind),
      processId: String(row.processId),
      parentPlaceId: row.parentPlaceId ?? null,
      geoPrecision: Number(row.geoPrecision),
      updatedAt: isoTimestamp(row.updatedAt),
    },
    links,
  };
}

export interface ItemsQuery {
  bbox?: string;
  datetime?: string;
  limit?: number;
  cursor?: string;
}

/** One page of features, with next/prev links that carry a keyset cursor (never an offset). */
export async function itemsPage(db: Db, actor: Actor, base: string, collectionId: string, query: ItemsQuery) {
  const collection = requireCollection(collectionId);
  const readable = readableOf(actor, collection);
  const filter: FeatureFilter = { bbox: parseBbox(query.bbox), dates: parseDatetime(query.datetime) };
  const limit = effectiveLimit(query.limit);
  const keyset = decodeKeyset(query.cursor, collection);
  const rule = await loadLicencePolicy(db);
  const counted = await countByLicence(db, collection, filter, readable);
  const found = applyRule(counted.counts, rule, counted.complete);
  const { served, matched } = found;
  // Count-only rows are counted for the whole collection, never per bbox or datetime: counts per
  // small box would let a client locate every withheld row, which is what the licence forbids.
  const filtered = filter.bbox !== undefined || filter.dates !== undefined;
  const whole = filtered ? await wholeCollectionCounts(db, collection, readable) : counted;
  const { withheld } = filtered ? applyRule(whole.counts, rule, whole.complete) : found;
  const credited = [...new Set([...served, ...withheld.map((w) => w.licence)])];
  const rows = await featurePage(db, collection, filter, {
    servedLicences: served,
    limit,
    keyset,
    readable,
  });
  const more = rows.length > limit;
  // A "prev" page comes back in display order with its extra row, if any, first.
  const items = keyset?.direction === "prev" ? rows.slice(more ? 1 : 0) : rows.slice(0, limit);
  const hasNext = keyset?.direction === "prev" ? true : more;
  const hasPrev = keyset?.direction === "prev" ? more : keyset !== undefined;

  const params = new URLSearchParams();
  if (query.bbox !== undefined) params.set("bbox", query.bbox);
  if (query.datetime !== undefined) params.set("datetime", query.datetime);
  params.set("limit", String(limit));
  const href = (cursor?: string) => {
    const p = new URLSearchParams(params);
    if (cursor) p.set("cursor", cursor);
    return `${base}/ogc/collections/${collection}/items?${p.toString()}`;
  };
  const first = items[0];
  const last = items[items.length - 1];
  const links: Link[] = [
    { href: href(query.cursor), rel: "self", type: geojson, title: "This page" },
    { href: `${base}/ogc/collections/${collection}`, rel: "collection", type: json, title: "The collection" },
  ];
  if (hasNext && last)
    links.push({
      href: href(encodeKeyset({ direction: "next", sortValue: sortValueOf(last), id: String(last.id) })),
      rel: "next",
      type: geojson,
      title: "Next page",
    });
  if (hasPrev && first)
    links.push({
      href: href(encodeKeyset({ direction: "prev", sortValue: sortValueOf(first), id: String(first.id) })),
      rel: "prev",
      type: geojson,
      title: "Previous page",
    });
  links.push(...licenceLinks(rule, credited));
  const attribution = rule.attributionLines(credited);
  const replies =
    collection === "incidents"
      ? await publishedRepliesTo(
          db,
          "incidents",
          items.map((row) => String(row.id)),
        )
      : new Map<string, ExportedReply[]>();
  return {
    type: "FeatureCollection" as const,
    features: items.map((row) => toFeature(base, row, replies.get(String(row.id)))),
    links,
    timeStamp: new Date().toISOString(),
    // Left out when counting would have read more rows than a page may (the standard allows it).
    ...(counted.complete ? { numberMatched: matched } : {}),
    numberReturned: items.length,
    ...(withheld.length ? { withheld } : {}),
    ...(attribution.length ? { attribution } : {}),
  };
}

/** One feature; a row whose licence public outputs may not show is not found, like any other. */
export async function oneItem(db: Db, actor: Actor, base: string, collectionId: string, featureId: string) {
  const collection = requireCollection(collectionId);
  const row = await featureById(db, collection, featureId, readableOf(actor, collection));
  const rule = await loadLicencePolicy(db);
  if (!row || (row.collection === "incidents" && rule.publicRowRule(String(row.licence)) !== "include"))
    throw new NotFoundError(collection, featureId);
  const credited = row.collection === "incidents" ? [String(row.licence)] : [];
  const attribution = rule.attributionLines(credited);
  const replies =
    row.collection === "incidents" ? await publishedRepliesTo(db, "incidents", [String(row.id)]) : new Map();
  const feature = toFeature(base, row, replies.get(String(row.id)));
  return {
    ...feature,
    links: [...feature.links, ...licenceLinks(rule, credited)],
    timeStamp: new Date().toISOString(),
    ...(attribution.length ? { attribution } : {}),
  };
}
