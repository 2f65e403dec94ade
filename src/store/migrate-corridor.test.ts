import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { openDatabase } from "./database.js";
import { migrate, readMigrationFiles } from "./migrate.js";
import { repositories } from "./repository.js";

/**
 * Migration 0011 moves the meaning of "inbound" from each observation to its place's directions; run
 * on rows written under the old shape, on PGlite (PostgreSQL 18) and PostgreSQL.
 */

const openers = [
  ["PGlite", () => openDatabase({ dataDir: "memory://" }), true],
  ["PostgreSQL", () => openPostgresForTest({ migrated: false }), postgresAvailable()],
] as const;

for (const [kind, open, available] of openers)
  describe.skipIf(!available)(`migration 0011 [${kind}]`, () => {
    it("gives places the directions their observations counted in, and loses no recorded meaning", async () => {
      const database = await open();
      try {
        const files = readMigrationFiles();
        const upTo = files.findIndex((file) => file.name.startsWith("0011_"));
        await migrate(database.db, files.slice(0, upTo));
        const { db } = database;
        await db.execute(
          sql`INSERT INTO processes (id, name, slug, created_by, updated_by) VALUES ('p', 'P', 'p', 't', 't')`,
        );
        for (const place of ["corridor", "bridge", "quiet"])
          await db.execute(
            sql`INSERT INTO places (id, process_id, kind, names, created_by, updated_by)
                VALUES (${place}, 'p', 'corridor', '[{"text":"x","lang":"en","usedBy":[]}]', 't', 't')`,
          );
        const observation = (
          id: string,
          place: string,
          on: string,
          meaning: string,
          counts: unknown[],
          note = "",
        ) =>
          db.execute(sql`INSERT INTO access_observations
            (id, process_id, place_id, observed_on, status, inbound_meaning, counts, note, created_by, updated_by)
            VALUES (${id}, 'p', ${place}, ${on}, 'open', ${meaning}, ${JSON.stringify(counts)}::jsonb, ${note}, 't', 't')`);
        const inbound = { direction: "inbound", category: "civilian", persons: 10 };
        await observation("o1", "corridor", "2023-01-01", "towards Armenia", [inbound], "Early.");
        await observation("o2", "corridor", "2023-02-01", "towards Stepanakert", [
          inbound,
          { direction: "outbound", category: "humanitarian" },
        ]);
        await observation("o3", "bridge", "2023-01-01", "", [{ ...inbound, direction: "outbound" }]);
        await observation("o4", "quiet", "2023-01-01", "towards Goris", []);

        await migrate(database.db, files);

        const places = new Map(
          (await repositories.places.getMany(db, ["corridor", "bridge", "quiet"])).map((p) => [p.id, p]),
        );
        expect(places.get("corridor")?.directions).toEqual([
          { key: "inbound", names: [{ text: "towards Stepanakert", lang: "en", usedBy: [] }] },
          {
            key: "outbound",
            names: [{ text: "the opposite way to: towards Stepanakert", lang: "en", usedBy: [] }],
          },
        ]);
        expect(places.get("bridge")?.directions.map((d) => d.names[0]?.text)).toEqual([
          "inbound (its meaning was not recorded)",
          "outbound (its meaning was not recorded)",
        ]);
        expect(places.get("quiet")?.directions).toEqual([]);
        const observations = new Map(
          (await repositories.accessObservations.getMany(db, ["o1", "o2", "o3", "o4"])).map((o) => [o.id, o]),
        );
        // o1 meant the other way: its note keeps what it said.
        expect(observations.get("o1")?.note).toBe('Early.\nRecorded with "inbound" meaning: towards Armenia');
        expect(observations.get("o2")?.note).toBe("");
        expect(observations.get("o4")?.note).toBe('Recorded with "inbound" meaning: towards Goris');
        // A count that gave no number said nothing, and goes.
        expect(observations.get("o2")?.counts).toEqual([inbound]);
        expect(observations.get("o3")?.counts).toEqual([{ ...inbound, direction: "outbound" }]);
      } finally {
        await database.close();
      }
    });
  });
