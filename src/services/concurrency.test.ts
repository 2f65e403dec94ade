import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { ConflictError, ValidationError } from "../store/errors.js";
import { openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { commitmentBody, freshId, partyBody, placeBody } from "../test-support/fixtures.js";
import { seedFromFolder } from "./demo-data.js";
import { createRecord, deleteRecord, systemActor, updateRecord } from "./records.js";

/**
 * The invariants that concurrent writers could break if they were only checked before writing:
 * each race is run many times on a real PostgreSQL server (a pool of connections, so the writes
 * really overlap), and the database is then read for any state the rules forbid.
 */
const actor = systemActor("racer");
const rounds = 10;
const fresh = freshId;

/** Settles every write; a refusal (400/409) is an expected outcome, anything else fails the test. */
async function race(writes: Promise<unknown>[]) {
  const results = await Promise.allSettled(writes);
  for (const result of results)
    if (
      result.status === "rejected" &&
      !(result.reason instanceof ValidationError || result.reason instanceof ConflictError)
    )
      throw result.reason;
  return results.filter((r) => r.status === "fulfilled").length;
}

const available = postgresAvailable();
describe.skipIf(!available)(
  `invariants under concurrent writers [PostgreSQL]${available ? "" : " — SKIPPED: no PostgreSQL"}`,
  () => {
    let database: Database;
    beforeAll(async () => {
      database = await openPostgresForTest();
      await seedFromFolder(database.db);
    });
    afterAll(() => database.close());
    const db = () => database.db;
    const rows = async <T>(query: ReturnType<typeof sql>) =>
      ((await db().execute(query)) as unknown as { rows: T[] }).rows;

    const commitment = (obligors: string[]) =>
      createRecord(db(), "commitments", commitmentBody(obligors), actor);
    const assessment = (commitmentId: string, partyId: string, extra: Record<string, unknown> = {}) =>
      createRecord(
        db(),
        "assessments",
        { commitmentId, partyId, asOf: "2023-01-01", level: 1, rationale: "r", assessor: "t", ...extra },
        actor,
      );

    it("accepts exactly one of 20 concurrent corrections of one assessment, round after round", async () => {
      const target = await commitment(["armenia"]);
      let latest = await assessment(target.id, "armenia");
      for (let round = 0; round < rounds; round++) {
        const corrections = Array.from({ length: 20 }, (_, i) =>
          assessment(target.id, "armenia", { supersedesId: latest.id, level: i % 4, asOf: "2023-02-01" }),
        );
        expect(await race(corrections)).toBe(1);
        const [next] = await rows<{ id: string }>(
          sql`SELECT id FROM assessments WHERE supersedes_id = ${latest.id}`,
        );
        latest = { ...latest, id: next?.id as string };
      }
      const forks = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM assessments WHERE supersedes_id IS NOT NULL GROUP BY supersedes_id HAVING count(*) > 1`,
      );
      expect(forks).toEqual([]);
    });

    it("never leaves an assessment of a party that a concurrent edit removed from the obligors", async () => {
      for (let round = 0; round < rounds; round++) {
        const target = await commitment(["armenia", "azerbaijan"]);
        await race([
          updateRecord(db(), "commitments", target.id, { obligorPartyIds: ["azerbaijan"] }, actor),
          assessment(target.id, "armenia"),
          assessment(target.id, "armenia", { level: 2 }),
        ]);
        const stray = await rows<{ id: string }>(sql`
        SELECT a.id FROM assessments a JOIN commitments c ON c.id = a.commitment_id
        WHERE c.id = ${target.id} AND NOT (c.obligor_party_ids ? a.party_id)`);
        expect(stray).toEqual([]);
      }
    });

    it("never lets two concurrent parent changes close a circle of places", async () => {
      for (let round = 0; round < rounds; round++) {
        const [a, b] = [fresh("pa"), fresh("pb")];
        for (const id of [a, b]) await createRecord(db(), "places", placeBody(id), actor);
        expect(
          await race([
            updateRecord(db(), "places", a, { parentPlaceId: b }, actor),
            updateRecord(db(), "places", b, { parentPlaceId: a }, actor),
          ]),
        ).toBe(1);
      }
    });

    it("never leaves a record naming a party that a concurrent removal tombstoned", async () => {
      for (let round = 0; round < rounds; round++) {
        const party = await createRecord(db(), "parties", partyBody(), actor);
        await race([
          deleteRecord(db(), "parties", party.id, actor),
          commitment([party.id]),
          commitment([party.id]),
        ]);
        const dangling = await rows<{ id: string }>(sql`
        SELECT c.id FROM commitments c JOIN parties p ON c.obligor_party_ids ? p.id
        WHERE p.id = ${party.id} AND p.deleted_at IS NOT NULL AND c.deleted_at IS NULL`);
        expect(dangling).toEqual([]);
      }
    });
  },
);
