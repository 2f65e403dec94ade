import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/changes.js";
import { decodeChangeCursor } from "../store/changes.js";
import type { Database, Db } from "../store/database.js";
import { ConflictError } from "../store/errors.js";
import { inTransaction, repositories } from "../store/repository.js";
import { recordEvents } from "../store/schema.js";
import { type TestAccount, testAccount } from "../test-support/accounts.js";
import { FeedFollower } from "../test-support/changes-feed.js";
import { openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { deferred } from "../test-support/deferred.js";
import { freshId } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

/**
 * The changes feed while transactions overlap on a real PostgreSQL server: event numbers are handed
 * out at insert, commits happen in another order, and a reader must still get every committed
 * change once. (PGlite runs one transaction at a time, so nothing overlaps there.)
 */
const available = postgresAvailable();
const party = (id: string, processId: string) => ({
  id,
  processId,
  kind: "state" as const,
  shortName: id,
  names: [{ text: id, lang: "en", usedBy: [] }],
  description: "",
  memberPartyIds: [],
  sources: [],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seqOf = (event: ChangeEvent) => decodeChangeCursor(event.cursor).seq;

describe.skipIf(!available)(
  `changes feed under concurrent writers [PostgreSQL]${available ? "" : " — SKIPPED: no PostgreSQL"}`,
  () => {
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    const processId = freshId("proc");
    let administrator: TestAccount;
    beforeAll(async () => {
      database = await openPostgresForTest();
      // Writes need an account; the feed is followed as staff, who see drafts (the HTTP writes are drafts).
      administrator = await testAccount(database.db, "administrator");
      app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
      base = await app.listen({ port: 0, host: "127.0.0.1" });
      await repositories.processes.create(
        database.db,
        { id: processId, name: "P", slug: processId, description: "", isDemonstration: false, sources: [] },
        "tester",
      );
    });
    afterAll(async () => {
      await app.close();
      await database.close();
    });
    const db = () => database.db;
    const rows = async <T>(query: ReturnType<typeof sql>) =>
      ((await db().execute(query)) as unknown as { rows: T[] }).rows;
    const allCommitted = async (seen: unknown[]) => seen.length >= (await db().$count(recordEvents));

    it("does not pass an open transaction's event, and delivers it once it commits", async () => {
      const reader = new FeedFollower(base, 3, administrator.headers);
      await reader.until(allCommitted);
      const heldId = freshId("held");
      const heldWritten = deferred();
      const gate = deferred();
      const held = db().transaction(async (tx) => {
        await repositories.parties.create(tx as unknown as Db, party(heldId, processId), "slow");
        heldWritten.resolve();
        await gate.promise;
      });
      await heldWritten.promise;
      const laterIds = Array.from({ length: 5 }, () => freshId("later"));
      for (const id of laterIds) {
        const response = await fetch(`${base}/api/parties`, {
          method: "POST",
          headers: { ...administrator.headers, "content-type": "application/json" },
          body: JSON.stringify(party(id, processId)),
        });
        expect(response.status).toBe(201);
      }
      // The later writes are committed; the held one is not. The reader must wait at the held one.
      for (let poll = 0; poll < 5; poll++) {
        expect(await reader.catchUp()).toEqual([]);
        await sleep(40);
      }
      gate.resolve();
      await held;
      const delivered = await reader.until(allCommitted);
      expect(delivered.map((e) => e.recordId)).toEqual([heldId, ...laterIds]);
      // The scenario is the real one: numbering alone would have put the held event behind the
      // later ones' numbers, where a reader remembering "the last number I saw" never looks again.
      const [heldEvent, ...later] = delivered;
      expect(later.every((e) => seqOf(e) > seqOf(heldEvent as ChangeEvent))).toBe(true);
    });

    it("gives a reader following from the start exactly the committed changes, each once, and a mirror that matches", async () => {
      const shared = ["s1", "s2", "s3"].map((s) => freshId(s));
      await repositories.parties.insertMany(
        db(),
        shared.map((id) => party(id, processId)),
        "tester",
      );
      const rolledBack: string[] = [];
      let conflicts = 0;
      const writer = async (w: number) => {
        for (let i = 0; i < 12; i++) {
          const own = freshId(`w${w}`);
          const abort = i % 5 === 4;
          if (abort) rolledBack.push(own);
          await inTransaction(db(), async (tx) => {
            await repositories.parties.create(tx, party(own, processId), `writer-${w}`);
            // Held open a while: later transactions take later numbers and commit first.
            await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.03})`);
            const target = shared[(w + i) % shared.length] as string;
            await repositories.parties.update(
              tx,
              target,
              { shortName: `${target}@w${w}.${i}` },
              `writer-${w}`,
            );
            if (i % 3 === 2) await repositories.parties.remove(tx, own, `writer-${w}`);
            if (abort) throw new Error("rolled back on purpose");
          }).catch((error: Error) => {
            // A 409 after retries is a refusal like any other: nothing of it was committed.
            if (error instanceof ConflictError) conflicts++;
            else if (!abort) throw error;
          });
        }
      };
      const reader = new FeedFollower(base, 7, administrator.headers);
      let writing = true;
      const reading = (async () => {
        while (writing) {
          await reader.catchUp();
          await sleep(Math.random() * 15);
        }
        await reader.until(allCommitted);
      })();
      await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
      writing = false;
      await reading;

      const committed = await rows<{ seq: number }>(sql`SELECT seq FROM record_events ORDER BY seq`);
      const seen = reader.seen.map(seqOf);
      expect(seen.length).toBe(new Set(seen).size);
      expect([...seen].sort((a, b) => a - b)).toEqual(committed.map((r) => r.seq));
      expect(reader.seen.some((e) => rolledBack.includes(e.recordId))).toBe(false);
      expect(conflicts).toBeLessThan(8 * 12);

      // Replaying the feed in its order ends on what the database holds, record by record.
      const mirror = new Map<string, Record<string, unknown> | "deleted">();
      for (const event of reader.seen)
        if (event.entity === "parties")
          mirror.set(event.recordId, event.kind === "deleted" ? "deleted" : event.record);
      const live = await rows<{ id: string; short_name: string }>(
        sql`SELECT id, short_name FROM parties WHERE process_id = ${processId} AND deleted_at IS NULL`,
      );
      const mirrored = [...mirror].filter(([, record]) => record !== "deleted");
      expect(
        new Map(mirrored.map(([id, record]) => [id, (record as { shortName: string }).shortName])),
      ).toEqual(new Map(live.map((row) => [row.id, row.short_name])));
    });
  },
);
