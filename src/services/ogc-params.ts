import { IsoDate, IsoDateTime } from "../domain/common.js";
import { decodeCursor, encodeCursor } from "../store/cursor.js";
import { ValidationError } from "../store/errors.js";
import {
  type FeatureCollectionId,
  type FeatureFilter,
  type Keyset,
  type LonLatBox,
  sortColumnOf,
} from "../store/feature-queries.js";

/**
 * The query parameters of OGC API – Features Part 1 (bbox, datetime, the paging cursor), parsed
 * strictly: anything the standard does not allow is a 400 naming the parameter, never a 500 and
 * never a silently widened query.
 */

export const defaultLimit = 10;
export const maxLimit = 1000;

const invalid = (parameter: string, message: string) =>
  new ValidationError(`The ${parameter} parameter is not valid.`, [{ path: parameter, message }]);

/** A decimal number as the standard writes them (no hex, no Infinity, no blanks). */
const decimal = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/**
 * "minLon,minLat,maxLon,maxLat" in CRS84, or six numbers with heights (ignored: features are 2D).
 * minLon > maxLon crosses the antimeridian, as the standard allows; minLat > maxLat is refused.
 */
export function parseBbox(text: string | undefined): LonLatBox | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(",");
  if (parts.length !== 4 && parts.length !== 6)
    throw invalid("bbox", "four numbers (minLon,minLat,maxLon,maxLat) or six with heights");
  if (!parts.every((p) => decimal.test(p))) throw invalid("bbox", "every value must be a decimal number");
  const n = parts.map(Number);
  const [minLon, minLat, maxLon, maxLat] = (parts.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as number[];
  const box = { minLon, minLat, maxLon, maxLat } as LonLatBox;
  if ([minLon, maxLon].some((x) => !(x !== undefined && x >= -180 && x <= 180)))
    throw invalid("bbox", "longitudes run from -180 to 180 (CRS84: longitude first)");
  if ([minLat, maxLat].some((y) => !(y !== undefined && y >= -90 && y <= 90)))
    throw invalid("bbox", "latitudes run from -90 to 90 (CRS84: latitude second)");
  if (box.minLat > box.maxLat) throw invalid("bbox", "the lower latitude is above the upper one");
  return box;
}

/**
 * One end of a datetime value as a UTC calendar day (records are dated to the day). Instants before
 * 0001-01-01 or after 9999-12-31 UTC are clamped: they still bound the same records.
 */
function dayOf(text: string): string {
  if (IsoDate.safeParse(text).success) return text;
  // RFC 3339 allows a lower-case t and z; the parser wants them upper-case.
  const upper = text.toUpperCase();
  if (!IsoDateTime.safeParse(upper).success)
    throw invalid("datetime", `"${text.slice(0, 40)}" is not an RFC 3339 date-time (or a date)`);
  const day = new Date(upper).toISOString();
  if (day.startsWith("-") || day.startsWith("0000")) return "0001-01-01";
  if (day.startsWith("+")) return "9999-12-31";
  return day.slice(0, 10);
}

const isOpen = (end: string) => end === ".." || end === "";

/** An instant, or an interval "start/end" whose ends may be open ("..", or empty as in 1.0.1). */
export function parseDatetime(text: string | undefined): FeatureFilter["dates"] {
  if (text === undefined) return undefined;
  const parts = text.split("/");
  if (parts.length === 1) {
    if (isOpen(text))
      throw invalid("datetime", "an instant cannot be open; use an interval such as ../2023-01-01");
    const day = dayOf(text);
    return { from: day, to: day };
  }
  if (parts.length !== 2) throw invalid("datetime", "an instant, or an interval start/end");
  const [start, end] = parts as [string, string];
  const from = isOpen(start) ? undefined : dayOf(start);
  const to = isOpen(end) ? undefined : dayOf(end);
  if (from && to && from > to) throw invalid("datetime", "the interval ends before it starts");
  if (!isOpen(start) && !isOpen(end) && new Date(start.toUpperCase()) > new Date(end.toUpperCase()))
    throw invalid("datetime", "the interval ends before it starts");
  return { from, to };
}

/** Larger limits are served as the maximum: the standard says so rather than an error. */
export const effectiveLimit = (limit: number | undefined) => Math.min(limit ?? defaultLimit, maxLimit);

/** An opaque cursor: the direction ("n" after, "p" before) and the row's sort value and id. */
export function encodeKeyset(keyset: Keyset): string {
  return `${keyset.direction === "next" ? "n" : "p"}${encodeCursor(keyset.sortValue, keyset.id)}`;
}

export function decodeKeyset(
  cursor: string | undefined,
  collection: FeatureCollectionId,
): Keyset | undefined {
  if (cursor === undefined) return undefined;
  const direction = cursor.startsWith("n") ? "next" : cursor.startsWith("p") ? "prev" : undefined;
  if (!direction)
    throw new ValidationError("The cursor is not one this server issued.", [
      { path: "cursor", message: "unknown direction" },
    ]);
  const [sortValue, id] = decodeCursor(cursor.slice(1), sortColumnOf(collection));
  return { direction, sortValue, id };
}
