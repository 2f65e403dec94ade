import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { Id, IsoDate } from "../domain/common.js";
import { unstorableTextReason } from "../domain/text-safety.js";
import { ValidationError } from "./errors.js";

/**
 * A list cursor is the last row's sort value and id, as base64url JSON. The client holds it, so a
 * cursor coming back is untrusted input: its sort value must have the sort column's type before it
 * reaches SQL, or a forged cursor would become a database error.
 */
export function encodeCursor(sortValue: unknown, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString("base64url");
}

const invalidCursor = (why: string) =>
  new ValidationError("The cursor is not one this server issued.", [{ path: "cursor", message: why }]);

/** PostgreSQL's own text form of a timestamptz, as rows carry it, or ISO 8601. */
const timestampPattern = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d(:?\d\d)?)?$/;

function sortValueIssue(column: AnyPgColumn, value: unknown): string | undefined {
  const type = column.getSQLType();
  if (typeof value !== "string") return `the sort value must be a string for a ${type} column`;
  if (type === "date") return IsoDate.safeParse(value).success ? undefined : "the sort value is not a date";
  if (type.startsWith("timestamp")) {
    const parsed = Date.parse(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
    if (!timestampPattern.test(value) || Number.isNaN(parsed) || value.startsWith("0000"))
      return "the sort value is not a timestamp";
    return undefined;
  }
  if (value.length > 2000) return "the sort value is too long";
  return unstorableTextReason(value);
}

export function decodeCursor(cursor: string, sortColumn: AnyPgColumn): [string, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor("not base64url JSON");
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor("not a [sortValue, id] pair");
  const [sortValue, id] = parsed as [unknown, unknown];
  if (!Id.safeParse(id).success) throw invalidCursor("the id part is not a record id");
  const issue = sortValueIssue(sortColumn, sortValue);
  if (issue) throw invalidCursor(issue);
  return [sortValue as string, id as string];
}
