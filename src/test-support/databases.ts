import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject } from "vitest";
import { type Database, openDatabase } from "../store/database.js";
import { migrate } from "../store/migrate.js";

/** A migrated in-memory PGlite; a few seconds each, so test files open one and share it. */
export async function openPgliteForTest(): Promise<Database> {
  const database = await openDatabase({ dataDir: "memory://" });
  await migrate(database.db);
  return database;
}

export const postgresAvailable = () => inject("postgresUrl") !== null;

/**
 * A fresh database on the run's PostgreSQL server, dropped on close; migrated unless `migrated: false`
 * (for tests that write rows under an old schema before migrating).
 */
export async function openPostgresForTest({ migrated = true } = {}): Promise<Database> {
  const serverUrl = inject("postgresUrl");
  if (!serverUrl) throw new Error(inject("postgresSkipReason"));
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  if (migrated) await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export type DatabaseKind = "pglite" | "postgres";

/**
 * Runs one suite against PGlite and, where a server is at hand, PostgreSQL: the store's contract
 * holds on both. Where PostgreSQL is missing the suite is skipped with its reason in the title.
 */
export function describeEachDatabase(
  title: string,
  suite: (open: () => Promise<Database>, kind: DatabaseKind) => void,
) {
  describe(`${title} [PGlite]`, () => suite(openPgliteForTest, "pglite"));
  const available = postgresAvailable();
  describe.skipIf(!available)(
    `${title} [PostgreSQL]${available ? "" : ` — SKIPPED: ${inject("postgresSkipReason")}`}`,
    () => suite(openPostgresForTest, "postgres"),
  );
}
