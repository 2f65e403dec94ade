import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../test-support/databases.js";
import type { Database } from "./database.js";
import { MigrationError, migrate, readMigrationFiles, splitStatements } from "./migrate.js";

const tableExists = async (database: Database, name: string) => {
  const result = (await database.db.execute(sql`SELECT to_regclass(${name}) AS t`)) as unknown as {
    rows: { t: string | null }[];
  };
  return result.rows[0]?.t !== null;
};

it("splits a migration at its breakpoints and remembers line numbers", () => {
  const statements = splitStatements(
    "CREATE TABLE a (x int);\n--> statement-breakpoint\n\nCREATE TABLE b (\n  y int\n);",
  );
  expect(statements.map((s) => s.line)).toEqual([1, 4]);
});

describeEachDatabase("migrations", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it("are applied once: a second run applies nothing", async () => {
    expect(await migrate(database.db)).toEqual([]);
    expect(await tableExists(database, "incidents")).toBe(true);
  });

  it("leave the database as it was when one fails, naming the file and line", async () => {
    const broken = {
      name: "9999_broken.sql",
      sql: "CREATE TABLE half_done (x int);\n--> statement-breakpoint\nALTER TABLE half_done\n  ADD COLUMN y no_such_type;",
    };
    const error = await migrate(database.db, [...readMigrationFiles(), broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(/9999_broken\.sql failed at line 4/);
    expect(await tableExists(database, "half_done")).toBe(false);
  });

  it("refuse a migration changed after it was applied", async () => {
    const [first, ...rest] = readMigrationFiles();
    const changed = { name: first?.name ?? "", sql: `${first?.sql}\n-- edited` };
    await expect(migrate(database.db, [changed, ...rest])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });
});

it("moves the provisions an incident was alleged to breach into alleged breaches (0004)", async () => {
  const { openDatabase } = await import("./database.js");
  const database = await openDatabase({ dataDir: "memory://" });
  try {
    const files = readMigrationFiles();
    const upTo = files.findIndex((file) => file.name.startsWith("0004_"));
    await migrate(database.db, files.slice(0, upTo));
    await database.db.execute(
      sql`INSERT INTO processes (id, name, slug, created_by, updated_by) VALUES ('p', 'P', 'p', 't', 't')`,
    );
    await database.db.execute(sql`
      INSERT INTO incidents (id, process_id, title, monitoring_type, start_date, created_by, updated_by,
        alleged_breach_provision_ids)
      VALUES ('i1', 'p', 'T', 'blockade', '2023-01-01', 't', 't', '["a:p6", "a:p7"]'),
             ('i2', 'p', 'T', 'blockade', '2023-01-01', 't', 't', '[]')`);
    await migrate(database.db, files);
    const rows = (await database.db.execute(
      sql`SELECT id, alleged_breaches FROM incidents ORDER BY id`,
    )) as unknown as { rows: { id: string; alleged_breaches: unknown }[] };
    expect(rows.rows).toEqual([
      {
        id: "i1",
        alleged_breaches: [
          { provisionId: "a:p6", status: "alleged", sources: [] },
          { provisionId: "a:p7", status: "alleged", sources: [] },
        ],
      },
      { id: "i2", alleged_breaches: [] },
    ]);
  } finally {
    await database.close();
  }
});
