import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { EntityName } from "../domain/entities.js";
import type { Db } from "./database.js";
import { arrayReferences, entityStore, nestedReferences, scalarReferences } from "./entity-config.js";
import { ConflictError, type FieldIssue, ValidationError } from "./errors.js";

type Row = Record<string, unknown>;

/**
 * Checks that every id a batch refers to exists, with one query per referenced kind. The rows found
 * are locked FOR SHARE until the writer commits, so a concurrent removal of one of them waits and then
 * sees the new reference (and refuses), instead of leaving it dangling.
 */
export async function checkReferences(db: Db, self: EntityName, rows: readonly Row[]): Promise<void> {
  const wanted = referencedIds(rows);
  const issues: FieldIssue[] = [];
  for (const [target, byId] of wanted) {
    // A batch may refer to records it creates itself (a commitment depending on another).
    const batchIds = new Set(target === self ? rows.map((row) => row.id as string | undefined) : []);
    const table = entityStore[target].table;
    const found = new Set(
      (
        (await db
          .select({ id: table.id })
          .from(table)
          .where(and(inArray(table.id, [...byId.keys()]), isNull(table.deletedAt)))
          .for("share")) as { id: string }[]
      ).map((r) => r.id),
    );
    for (const [id, paths] of byId) {
      if (found.has(id) || batchIds.has(id)) continue;
      for (const path of paths) issues.push({ path, message: `no ${target} record with id "${id}"` });
    }
  }
  if (issues.length > 0) throw new ValidationError("Some referenced records do not exist.", issues);
}

/** Referenced kind → id → the fields (with the row's index in a batch) that name it. */
function referencedIds(rows: readonly Row[]) {
  const wanted = new Map<EntityName, Map<string, string[]>>();
  const want = (target: EntityName, id: string, path: string) => {
    const byId = wanted.get(target) ?? new Map<string, string[]>();
    byId.set(id, [...(byId.get(id) ?? []), path]);
    wanted.set(target, byId);
  };
  rows.forEach((row, index) => {
    const prefix = rows.length > 1 ? `${index}.` : "";
    for (const [field, value] of Object.entries(row)) {
      if (value === undefined || value === null) continue;
      const nested = nestedReferences[field];
      if (nested && Array.isArray(value)) {
        value.forEach((item: Record<string, unknown>, position) => {
          for (const [inner, target] of Object.entries(nested))
            if (target && typeof item?.[inner] === "string")
              want(target, item[inner] as string, `${prefix}${field}.${position}.${inner}`);
        });
        continue;
      }
      const target = arrayReferences[field] ?? scalarReferences[field];
      if (!target) continue;
      for (const id of Array.isArray(value) ? (value as string[]) : [value as string])
        want(target, id, `${prefix}${field}`);
    }
  });
  return wanted;
}

/** Every (kind, field) that can hold an id of `target`, with the condition that finds `id` in it. */
function referringColumns(target: EntityName) {
  const found: { kind: EntityName; field: string; names: (id: string) => SQL }[] = [];
  for (const kind of Object.keys(entityStore) as EntityName[]) {
    const table = entityStore[kind].table as unknown as Record<string, AnyPgColumn>;
    for (const [field, column] of Object.entries(table)) {
      if (scalarReferences[field] === target) found.push({ kind, field, names: (id) => eq(column, id) });
      if (arrayReferences[field] === target)
        found.push({ kind, field, names: (id) => sql`${column} @> ${JSON.stringify([id])}::jsonb` });
      for (const [inner, innerTarget] of Object.entries(nestedReferences[field] ?? {}))
        if (innerTarget === target)
          found.push({
            kind,
            field: `${field}.${inner}`,
            names: (id) => sql`${column} @> ${JSON.stringify([{ [inner]: id }])}::jsonb`,
          });
    }
  }
  return found;
}

/**
 * Refuses to remove a record that live records still name: a tombstone keeps the row, so the
 * foreign key would not object, and the records naming it would point at nothing.
 */
export async function refuseIfReferenced(db: Db, target: EntityName, id: string): Promise<void> {
  const holders: string[] = [];
  for (const { kind, field, names } of referringColumns(target)) {
    const table = entityStore[kind].table;
    const rows = (await db
      .select({ id: table.id })
      .from(table)
      .where(and(names(id), isNull(table.deletedAt)))
      .limit(3)) as { id: string }[];
    for (const row of rows) holders.push(`${kind} "${row.id}" (${field})`);
  }
  if (holders.length > 0)
    throw new ConflictError(
      `${target} "${id}" is still named by other records; change or remove those first: ${holders.slice(0, 5).join(", ")}.`,
      holders.slice(0, 5).map((holder) => ({ path: "id", message: `named by ${holder}` })),
    );
}
