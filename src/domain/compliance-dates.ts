import type { Deadline } from "./commitments.js";

/**
 * Calendar dates for the compliance index, with integer arithmetic and no Date objects or time zones:
 * day numbers (days since 1970-01-01, proleptic Gregorian) to add days to deadlines, and YYYYMMDD keys
 * to compare assessment dates quickly.
 */

const zero = 48;

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function fromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The day number of a YYYY-MM-DD date; NaN when the text is not a real calendar date. */
export function dayNumber(date: string): number {
  const key = dateKey(date);
  return Number.isNaN(key) ? key : fromCivil(Math.floor(key / 10000), Math.floor(key / 100) % 100, key % 100);
}

/** The day number of a date the caller must get right; throws a RangeError naming `what` otherwise. */
export function requireDay(date: string, what: string): number {
  const day = dayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`${what}: "${date}" is not a calendar date (YYYY-MM-DD)`);
  return day;
}

/**
 * A YYYY-MM-DD date as the integer YYYYMMDD (2021-03-01 → 20210301), which orders like the date and is
 * quick to read: the index keeps one per assessment. NaN when the text is not a calendar date.
 */
export function dateKey(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const y1 = date.charCodeAt(0) - zero;
  const y2 = date.charCodeAt(1) - zero;
  const y3 = date.charCodeAt(2) - zero;
  const y4 = date.charCodeAt(3) - zero;
  const m1 = date.charCodeAt(5) - zero;
  const m2 = date.charCodeAt(6) - zero;
  const d1 = date.charCodeAt(8) - zero;
  const d2 = date.charCodeAt(9) - zero;
  // (x >>> 0) > 9 catches both x < 0 and x > 9: a character that is not a digit.
  if (y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || y4 >>> 0 > 9) return Number.NaN;
  if (m1 >>> 0 > 9 || m2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9) return Number.NaN;
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && isLeap(year) ? 29 : (monthDays[month - 1] as number))) return Number.NaN;
  return year * 10000 + month * 100 + day;
}

/** The date key of a date the caller must get right; throws a RangeError naming `what` otherwise. */
export function requireKey(date: string, what: string): number {
  const key = dateKey(date);
  if (Number.isNaN(key)) throw new RangeError(`${what}: "${date}" is not a calendar date (YYYY-MM-DD)`);
  return key;
}

/** The YYYY-MM-DD date of a day number (H. Hinnant's civil_from_days). */
export function dateOfDay(dayNumberValue: number): string {
  const z = dayNumberValue + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/**
 * A deadline reduced to day numbers once, so the due date as of any day is a little arithmetic.
 * `unresolved`: a relative deadline whose anchor is not a commitment with an absolute deadline.
 */
export type DueRule =
  | { kind: "none" }
  | { kind: "unresolved" }
  | { kind: "fixed"; day: number; date: string }
  | { kind: "recurring"; firstDay: number; everyDays: number };

/** Reduces a deadline to a due rule; `deadlineOf` finds the deadline a relative one counts from. */
export function dueRule(
  deadline: Deadline,
  deadlineOf: (commitmentId: string) => Deadline | undefined = () => undefined,
): DueRule {
  switch (deadline.kind) {
    case "none":
      return { kind: "none" };
    case "absolute":
      return { kind: "fixed", day: requireDay(deadline.date, "deadline date"), date: deadline.date };
    case "recurring":
      return {
        kind: "recurring",
        firstDay: requireDay(deadline.firstDate, "recurring deadline firstDate"),
        everyDays: deadline.everyDays,
      };
    case "relative": {
      const anchor = deadline.afterCommitmentId ? deadlineOf(deadline.afterCommitmentId) : undefined;
      if (anchor?.kind !== "absolute") return { kind: "unresolved" };
      const day = requireDay(anchor.date, "anchor deadline date") + deadline.offsetDays;
      return { kind: "fixed", day, date: dateOfDay(day) };
    }
  }
}

/**
 * The due date (day number) that applies on a day: the fixed date; for a recurring deadline the latest
 * occurrence on or before the day (the first one while it has not come yet); undefined when none.
 */
export function dueDayOn(rule: DueRule, day: number): number | undefined {
  switch (rule.kind) {
    case "fixed":
      return rule.day;
    case "recurring":
      return day < rule.firstDay
        ? rule.firstDay
        : rule.firstDay + Math.floor((day - rule.firstDay) / rule.everyDays) * rule.everyDays;
    default:
      return undefined;
  }
}

/**
 * The date a commitment is due by as of a date (see `complianceMethod`, point 6); undefined when it has
 * no deadline or the deadline cannot be resolved. `deadlineOf` looks up the deadline of the commitment a
 * relative deadline counts from.
 */
export function dueDate(
  deadline: Deadline,
  asOf: string,
  deadlineOf?: (commitmentId: string) => Deadline | undefined,
): string | undefined {
  const day = dueDayOn(dueRule(deadline, deadlineOf), requireDay(asOf, "asOf"));
  return day === undefined ? undefined : dateOfDay(day);
}
