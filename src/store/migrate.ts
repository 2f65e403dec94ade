import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { fromRoot } from "../project-root.js";
import type { Db } from "./database.js";

export const migrationsFolder = fromRoot("src/store/migrations");

export interface MigrationFile {
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    cause: unknown,
  ) {
    const reason = databaseCause(cause).message;
    super(`Migration ${file} failed at line ${line}: ${reason}. The database was left as it was.`);
    this.name = "MigrationError";
  }
}

export function readMigrationFiles(folder = migrationsFolder): MigrationFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(folder, name), "utf8") }));
}

interface Statement {
  text: string;
  line: number;
}

/** Splits a drizzle-kit migration at its breakpoints, remembering the line each statement starts on. */
export function splitStatements(source: string): Statement[] {
  const statements: Statement[] = [];
  let line = 1;
  for (const chunk of source.split("--> statement-breakpoint")) {
    const leading = chunk.length - chunk.trimStart().length;
    const startLine = line + countNewlines(chunk.slice(0, leading));
    if (chunk.trim()) statements.push({ text: chunk.trim(), line: startLine });
    line += countNewlines(chunk);
  }
  return statements;
}

const countNewlines = (text: string) => text.split("\n").length - 1;

/** drizzle wraps the server's error ("Failed query: …"); the server's own is its cause. */
function databaseCause(error: unknown): { message: string; position?: string | number } {
  let current = error as { message?: string; position?: string | number; cause?: unknown } | undefined;
  while (current?.cause && current.position === undefined) current = current.cause as typeof current;
  return { message: current?.message ?? String(error), position: current?.position };
}

/** The line within a statement that PostgreSQL's error position points at. */
function errorLine(statement: Statement, error: unknown): number {
  const position = Number(databaseCause(error).position);
  if (!Number.isFinite(position) || position < 1) return statement.line;
  return statement.line + countNewlines(statement.text.slice(0, position - 1));
}

/**
 * Applies every migration not yet applied, each in its own transaction, so a failing one
 * leaves the database as the previous one left it. An advisory lock keeps two processes
 * starting against one server from migrating at once.
 */
export async function migrate(db: Db, files = readMigrationFiles()): Promise<string[]> {
  await db.execute(
    sql.raw(`CREATE TABLE IF NOT EXISTS peacetrack_migrations (
      name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`),
  );
  const applied: string[] = [];
  for (const file of files) {
    const checksum = createHash("sha256").update(file.sql).digest("hex");
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(4711001)`);
      const existing = (await tx.execute(
        sql`SELECT sha256 FROM peacetrack_migrations WHERE name = ${file.name}`,
      )) as unknown as { rows: { sha256: string }[] };
      const row = existing.rows[0];
      if (row) {
        if (row.sha256 !== checksum)
          throw new Error(
            `Migration ${file.name} was changed after it was applied; write a new migration instead.`,
          );
        return false;
      }
      for (const statement of splitStatements(file.sql)) {
        try {
          await tx.execute(sql.raw(statement.text));
        } catch (error) {
          throw new MigrationError(file.name, errorLine(statement, error), error);
        }
      }
      await tx.execute(
        sql`INSERT INTO peacetrack_migrations (name, sha256) VALUES (${file.name}, ${checksum})`,
      );
      return true;
    });
    if (done) applied.push(file.name);
  }
  return applied;
}
