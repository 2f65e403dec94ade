import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../test-support/databases.js";
import { decodeChangeCursor, encodeChangeCursor, feedStart, readChanges } from "./changes.js";
import type { Database, Db } from "./database.js";
import { ValidationError } from "./errors.js";
import { inTransaction, repositories } from "./repository.js";

const names = [{ text: "A", lang: "en", usedBy: [] }];
const party = (id: string) => ({
  id,
  processId: "cp",
  kind: "state" as const,
  shortName: id,
  names,
  description: "",
  memberPartyIds: [],
  sources: [],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventCount = async (db: Db) =>
  (
    (await db.execute(sql`SELECT count(*)::int AS n FROM record_events`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]?.n ?? 0;

/**
 * Every change from the start, page by page, as a mirror would read them. The horizon is the whole
 * server's: a transaction open in another test file's database holds it back for a moment, so a
 * reader outside a transaction polls until it has every committed event (or the deadline passes).
 */
async function readAll(db: Db, limit = 7, options: { waitForAll?: boolean } = {}) {
  const all: Awaited<ReturnType<typeof readChanges>>["changes"] = [];
  const deadline = Date.now() + 30_000;
  let since = feedStart;
  for (;;) {
    const page = await readChanges(db, since, limit);
    all.push(...page.changes);
    since = page.changes.at(-1)?.position ?? since;
    if (page.hasMore) continue;
    if (options.waitForAll === false || all.length >= (await eventCount(db)) || Date.now() > deadline)
      return all;
    await sleep(20);
  }
}

describeEachDatabase("change positions in the store", (open, kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await repositories.processes.create(
      database.db,
      { id: "cp", name: "P", slug: "cp", description: "", isDemonstration: false, sources: [] },
      "tester",
    );
  });
  afterAll(() => database.close());
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

  it("gives a batch's events one transaction id, in the order of the batch", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `batch-${String(i).padStart(2, "0")}`).reverse();
    await repositories.parties.insertMany(database.db, ids.map(party), "importer", { chunkSize: 5 });
    const events = await rows<{ xid: string; record_id: string }>(
      sql`SELECT xid::text AS xid, record_id FROM record_events WHERE record_id LIKE 'batch-%' ORDER BY seq`,
    );
    expect(new Set(events.map((e) => e.xid)).size).toBe(1);
    expect(events.map((e) => e.record_id)).toEqual(ids);
    const fed = (await readAll(database.db)).filter((c) => c.recordId.startsWith("batch-"));
    expect(fed.map((c) => c.recordId)).toEqual(ids);
  });

  it("never shows a reader its own transaction's uncommitted events", async () => {
    const before = (await readAll(database.db)).length;
    await database.db
      .transaction(async (tx) => {
        await repositories.parties.create(tx as unknown as Db, party("own-uncommitted"), "tester");
        const inside = await readAll(tx as unknown as Db, 7, { waitForAll: false });
        expect(inside.map((c) => c.recordId)).not.toContain("own-uncommitted");
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
    expect(await readAll(database.db)).toHaveLength(before);
  });

  it("stops a page early when the records are large, and still makes progress", async () => {
    // Random text, so the stored (compressed) size is close to the text's: four do not fit one page.
    const big = [1, 2, 3, 4].map((n) => ({
      ...party(`big-${n}`),
      description: randomBytes(675_000).toString("base64"),
    }));
    await repositories.parties.insertMany(database.db, big, "tester");
    const pages: string[][] = [];
    let since = feedStart;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const page = await readChanges(database.db, since, 500);
      if (page.changes.length > 0) pages.push(page.changes.map((c) => c.recordId));
      const found = page.changes.find((c) => c.recordId.startsWith("big-"));
      if (found) expect(found.record.description).toBe(big.find((b) => b.id === found.recordId)?.description);
      since = page.changes.at(-1)?.position ?? since;
      if (pages.flat().includes("big-4")) break;
      if (!page.hasMore) await sleep(20);
    }
    const bigPages = pages.filter((ids) => ids.some((id) => id.startsWith("big-")));
    expect(bigPages.length).toBeGreaterThan(1);
    expect(bigPages.flat().filter((id) => id.startsWith("big-"))).toEqual(big.map((b) => b.id));
  });

  it("orders transaction ids as numbers, not as text", async () => {
    // Written by hand with old ids (the only time a test sets xid): 9 must come before 10.
    await database.db.execute(sql`
      INSERT INTO record_events (xid, entity, record_id, kind, actor, after)
      VALUES ('10', 'parties', 'order-10', 'created', 't', '{}'), ('9', 'parties', 'order-9', 'created', 't', '{}')`);
    const ordered = (await readAll(database.db, 1)).map((c) => c.recordId);
    expect(ordered.slice(0, 2)).toEqual(["order-9", "order-10"]);
  });

  it("round-trips its cursor and refuses forged ones before any SQL", () => {
    const position = { xid: 2n ** 64n - 1n, seq: 2 ** 31 - 1 };
    expect(decodeChangeCursor(encodeChangeCursor(position))).toEqual(position);
    const forged = [
      "",
      "!!!",
      Buffer.from("c1:1").toString("base64url"),
      Buffer.from("c1:-1:2").toString("base64url"),
      Buffer.from(`c1:${2n ** 64n}:1`).toString("base64url"),
      Buffer.from("c1:1:2147483648").toString("base64url"),
      Buffer.from("c1:1:2\u0000").toString("base64url"),
      Buffer.from('["a","b"]').toString("base64url"),
      "A".repeat(101),
    ];
    for (const cursor of forged) expect(() => decodeChangeCursor(cursor), cursor).toThrow(ValidationError);
  });

  it("reads the largest position a cursor can name without a database error", async () => {
    const page = await readChanges(database.db, { xid: 2n ** 64n - 1n, seq: 2 ** 31 - 1 }, 10);
    expect(page).toEqual({ changes: [], hasMore: false });
  });

  it.runIf(kind === "postgres")(
    "orders a record's changes as they were made when an older transaction changes it last",
    async () => {
      await repositories.parties.insertMany(database.db, [party("shared"), party("other")], "tester");
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let attempts = 0;
      // The older transaction takes its id first (writing "other"), then changes "shared" after a
      // younger one has changed and committed it: it must be run again, not sorted before it.
      const older = inTransaction(database.db, async (tx) => {
        attempts++;
        await repositories.parties.update(tx, "other", { shortName: `other-${attempts}` }, "older");
        if (attempts === 1) await gate;
        return repositories.parties.update(tx, "shared", { shortName: "by-older" }, "older");
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await repositories.parties.update(database.db, "shared", { shortName: "by-younger" }, "younger");
      release();
      await older;
      expect(attempts).toBe(2);
      const shared = (await readAll(database.db)).filter((c) => c.recordId === "shared");
      expect(shared.map((c) => c.record.shortName)).toEqual(["shared", "by-younger", "by-older"]);
      expect((await repositories.parties.get(database.db, "shared"))?.shortName).toBe("by-older");
    },
  );
});
