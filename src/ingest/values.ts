import type { z } from "zod";
import { createSchema, type EntityInput } from "../domain/entities.js";
import { recordInvariants } from "../domain/invariants.js";
import type { FileRow, IncidentFromFile } from "./incident-file.js";

/**
 * Helpers every reader shares: cell values to numbers and dates, and the final check of a made
 * incident against the one schema the API and the seed loader also use.
 */

/** What a reader builds from a row before the schema fills the defaults in. */
export type IncidentCandidate = EntityInput<"incidents">;

/** A problem with one cell: the row is rejected with the column named, and reading goes on. */
export class RowError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(`${column}: ${message}`);
    this.name = "RowError";
  }
}

const quoted = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** A whole number, or undefined for an empty cell. "3.0" is taken (spreadsheets write it). */
export function wholeNumber(column: string, value: string): number | undefined {
  if (value === "") return undefined;
  if (!/^[+-]?\d+(\.0*)?$/.test(value)) throw new RowError(column, `${quoted(value)} is not a whole number`);
  return Number(value);
}

/**
 * A decimal number, or undefined for an empty cell. A single decimal comma is taken too: the
 * semicolon-delimited files come from spreadsheets in locales that write "39,6406".
 */
export function decimal(column: string, value: string): number | undefined {
  if (value === "") return undefined;
  const text = /^[+-]?\d+,\d+$/.test(value) ? value.replace(",", ".") : value;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new RowError(column, `${quoted(value)} is not a number`);
  }
  return Number(text);
}

/** An ISO date from its parts if it is a real calendar date from 0001 to 9999 (no 31 February). */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** "2023-04-23", with an optional time after it (UCDP writes "2023-04-23 00:00:00.000"). */
export function isoDateCell(column: string, value: string): string | undefined {
  if (value === "") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+Z?)?$/.exec(value);
  const date = match && calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date) throw new RowError(column, `${quoted(value)} is not a date`);
  return date;
}

/** Unix seconds to an ISO timestamp; empty stays undefined. */
export function unixSeconds(column: string, value: string): string | undefined {
  const seconds = wholeNumber(column, value);
  if (seconds === undefined) return undefined;
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 1) {
    throw new RowError(column, `${quoted(value)} is not a Unix time`);
  }
  return date.toISOString();
}

/** "a; b;c" to ["a", "b", "c"]: ACLED separates several associated actors and tags this way. */
export const splitList = (value: string): string[] =>
  value === ""
    ? []
    : value
        .split(";")
        .map((part) => part.trim())
        .filter((part) => part !== "");

/** Cut free text to a schema's limit, marking the cut, rather than lose the whole row over it. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** "A — B, C (date)": the short readable title every reader makes. */
export function makeTitle(what: string, places: readonly string[], date: string): string {
  const where = [...new Set(places.filter((p) => p !== ""))].join(", ");
  return clip(`${what}${where ? ` — ${where}` : ""} (${date})`, 500);
}

const incidentSchema = createSchema("incidents");

/**
 * Check a made incident against the create schema and the invariants (an end before the start,
 * a latitude without longitude), as every write path does. A problem becomes a rejection naming
 * the file's column (via `columnOf`), not our field: the person fixing the file knows columns.
 */
export function validateIncident(
  line: number,
  candidate: IncidentCandidate,
  columnOf: (path: readonly PropertyKey[]) => string,
): FileRow {
  const result = incidentSchema.safeParse(candidate);
  if (result.success) {
    const record = result.data as IncidentFromFile;
    const broken = recordInvariants.incidents?.(record) ?? [];
    if (broken.length === 0) return { line, record };
    return { line, reason: broken.map((issue) => `${columnOf([issue.path])}: ${issue.message}`).join("; ") };
  }
  return { line, reason: describeIssues(result.error.issues, candidate, columnOf) };
}

function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  candidate: IncidentCandidate,
  columnOf: (path: readonly PropertyKey[]) => string,
): string {
  return issues
    .map((issue) => {
      const value = valueAt(candidate, issue.path);
      const shown =
        typeof value === "string" || typeof value === "number" ? ` (${quoted(String(value))})` : "";
      return `${columnOf(issue.path)}: ${issue.message}${shown}`;
    })
    .join("; ");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here = root;
  for (const key of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** Turn a cell problem thrown while mapping into a rejection; anything else is a bug and rethrown. */
export function rejectOnRowError(line: number, map: () => FileRow): FileRow {
  try {
    return map();
  } catch (error) {
    if (error instanceof RowError) return { line, reason: error.message };
    throw error;
  }
}
