import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../store/database.js";
import { openPgliteForTest, openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { deferred } from "../test-support/deferred.js";
import { freshId } from "../test-support/fixtures.js";
import { scoringData } from "./compliance.js";
import { createRecord, systemActor } from "./records.js";

/**
 * The compliance cache must never answer from data older than what has committed. Its old mark, the
 * highest event number, failed exactly as below: a transaction that took a lower number committed
 * after a reader had cached at the higher one, and the mark never moved again.
 */
const actor = systemActor("cache-test");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function scoringProcess(db: Db) {
  const processId = freshId("proc");
  await createRecord(db, "processes", { id: processId, name: "P", slug: processId, sources: [] }, actor);
  const parties = [freshId("pa"), freshId("pb")];
  for (const id of parties)
    await createRecord(
      db,
      "parties",
      { id, processId, kind: "state", shortName: id, names: [{ text: id, lang: "en" }] },
      actor,
    );
  const commitment = await createRecord(
    db,
    "commitments",
    { processId, title: "C", obligorPartyIds: parties, action: "Do" },
    actor,
  );
  const assess = (tx: Db, partyId: string, level: number) =>
    createRecord(
      tx,
      "assessments",
      { commitmentId: commitment.id, partyId, asOf: "2023-01-01", level, rationale: "r", assessor: "t" },
      actor,
    );
  return { processId, parties, assess };
}

async function committedAssessments(db: Db, processId: string) {
  const result = (await db.execute(sql`
    SELECT a.id FROM assessments a JOIN commitments c ON c.id = a.commitment_id
    WHERE c.process_id = ${processId} AND a.deleted_at IS NULL ORDER BY a.id`)) as unknown as {
    rows: { id: string }[];
  };
  return result.rows.map((row) => row.id);
}

const cachedIds = async (db: Db, processId: string) =>
  (await scoringData(db, processId)).assessments.map((a) => a.id).sort();

const available = postgresAvailable();
describe.skipIf(!available)(
  `compliance cache under concurrent writers [PostgreSQL]${available ? "" : " — SKIPPED: no PostgreSQL"}`,
  () => {
    let database: Database;
    beforeAll(async () => {
      database = await openPostgresForTest();
    });
    afterAll(() => database.close());
    const db = () => database.db;

    it("sees a change that committed after a later-numbered one it had already cached", async () => {
      const { processId, parties, assess } = await scoringProcess(db());
      expect(await cachedIds(db(), processId)).toEqual([]);
      const heldWritten = deferred();
      const gate = deferred();
      let heldId = "";
      const held = db().transaction(async (tx) => {
        heldId = (await assess(tx as unknown as Db, parties[0] as string, 1)).id;
        heldWritten.resolve();
        await gate.promise;
      });
      await heldWritten.promise;
      const later = await assess(db(), parties[1] as string, 2);
      // Cached now: the later assessment (the higher event number), not the held one.
      expect(await cachedIds(db(), processId)).toEqual([later.id]);
      gate.resolve();
      await held;
      expect(await cachedIds(db(), processId)).toEqual([heldId, later.id].sort());
    });

    it("is never stale after many concurrent writers, whatever order they commit in", async () => {
      const { processId, parties, assess } = await scoringProcess(db());
      let stale = 0;
      const writer = async (w: number) => {
        for (let i = 0; i < 6; i++) {
          const id = await db().transaction(async (tx) => {
            const created = await assess(tx as unknown as Db, parties[(w + i) % 2] as string, (w + i) % 4);
            await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.04})`);
            return created.id;
          });
          // Committed: from now on every read must include it.
          if (!(await cachedIds(db(), processId)).includes(id)) stale++;
        }
      };
      let writing = true;
      const reader = (async () => {
        while (writing) {
          await scoringData(db(), processId);
          await sleep(Math.random() * 5);
        }
      })();
      await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
      writing = false;
      await reader;
      const committed = await committedAssessments(db(), processId);
      expect(stale).toBe(0);
      expect(committed).toHaveLength(36);
      expect(await cachedIds(db(), processId)).toEqual(committed);
    });

    it("reuses the cached index while only other kinds of record change", async () => {
      const { processId, assess, parties } = await scoringProcess(db());
      await assess(db(), parties[0] as string, 3);
      const first = await scoringData(db(), processId);
      await createRecord(
        db(),
        "processes",
        { id: freshId("other"), name: "O", slug: "o", sources: [] },
        actor,
      );
      expect(await scoringData(db(), processId)).toBe(first);
    });
  },
);

describe("compliance cache [PGlite]", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPgliteForTest();
  });
  afterAll(() => database.close());

  it("keeps the index while nothing relevant changes and rebuilds it after a change", async () => {
    const { processId, assess, parties } = await scoringProcess(database.db);
    const first = await scoringData(database.db, processId);
    expect(await scoringData(database.db, processId)).toBe(first);
    const added = await assess(database.db, parties[1] as string, 2);
    expect(await cachedIds(database.db, processId)).toEqual([added.id]);
  });
});
