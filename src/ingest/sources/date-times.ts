/**
 * Date-times as sources write them (RFC 822 in RSS, ISO 8601 in Atom and meta tags, "March 27,
 * 2023" in sloppier places) to ISO 8601, keeping the source's own offset: a statement published
 * at 01:30 in Yerevan (+04:00) belongs to that day, which UTC would move to the day before.
 */

/** Time zone abbreviations RFC 822 allows (and GMT's aliases), in minutes east of UTC. */
const namedZones: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const isoDateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoLocal = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:[.,]\d+)?$/;
const numericOffset = /(?:\d|\s)([+-])(\d{2}):?(\d{2})$/;
const namedOffset = /(?:\d|\s)([a-z]{1,3})$/i;

/** The offset written at the end of a date-time, in minutes; undefined when none is written. */
function writtenOffset(raw: string): number | undefined {
  const numeric = numericOffset.exec(raw);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  const named = namedOffset.exec(raw);
  return named ? namedZones[(named[1] as string).toLowerCase()] : undefined;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The instant as an ISO date-time in the given offset, e.g. "2023-03-27T14:05:00+04:00". */
export function formatWithOffset(instant: Date, offsetMinutes: number): string {
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  const date = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const offset = offsetMinutes === 0 ? "Z" : `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
  return `${date}T${time}${offset}`;
}

const plausible = (instant: Date) =>
  !Number.isNaN(instant.getTime()) && instant.getUTCFullYear() >= 1900 && instant.getUTCFullYear() <= 2200;

/**
 * A date-time that must carry an offset (feed items): the written offset is kept; a date-time
 * written without one is taken as UTC, as the feed formats require one. `parsed` is the instant a
 * library already read from `raw`, when there is one.
 */
export function toIsoDateTime(raw: string | undefined, parsed?: Date | null): string | undefined {
  const text = raw?.trim() ?? "";
  const instant = parsed ?? (text ? new Date(text) : undefined);
  if (!instant || !plausible(instant)) return undefined;
  return formatWithOffset(instant, writtenOffset(text) ?? 0);
}

/**
 * A date or date-time from a page's or file's metadata, as written: "2023-03-27" stays a date,
 * "2023-03-27T14:05" stays a local date-time, and a written offset is kept. Undefined when the
 * text is not a date at all.
 */
export function toIsoDateOrDateTime(raw: string | undefined): string | undefined {
  const text = raw?.trim() ?? "";
  if (!text) return undefined;
  const dateOnly = isoDateOnly.exec(text);
  if (dateOnly) return plausible(new Date(`${text}T00:00:00Z`)) ? text : undefined;
  const local = isoLocal.exec(text);
  if (local) return `${local[1]}T${local[2]}${local[3] ?? ":00"}`;
  const instant = new Date(text);
  if (!plausible(instant)) return undefined;
  const offset = writtenOffset(text);
  if (offset !== undefined) return formatWithOffset(instant, offset);
  // Parsed as local time: its local fields are the ones written.
  const date = `${pad(instant.getFullYear(), 4)}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
  const hasTime = /\d:\d{2}/.test(text);
  if (!hasTime) return date;
  return `${date}T${pad(instant.getHours())}:${pad(instant.getMinutes())}:${pad(instant.getSeconds())}`;
}
