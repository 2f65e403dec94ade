import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { recordEvents } from "../store/schema.js";
import { sendAs, type TestAccount, testAccount } from "../test-support/accounts.js";
import { FeedFollower } from "../test-support/changes-feed.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { freshId } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

describeEachDatabase("changes feed over HTTP", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let administrator: TestAccount;
  beforeAll(async () => {
    database = await open();
    administrator = await testAccount(database.db, "administrator");
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await sendAs(administrator, method, `${base}${path}`, body);
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
  };
  /** Whether a reader has every committed event (the database has no other writer). */
  const allCommitted = async (seen: unknown[]) => seen.length >= (await database.db.$count(recordEvents));
  const party = (id: string, processId: string) => ({
    id,
    processId,
    kind: "state",
    shortName: id,
    names: [{ text: id, lang: "en" }],
  });

  it("gives every create, update and removal once, in the order they were made", async () => {
    const processId = freshId("proc");
    await send("POST", "/api/processes", { id: processId, name: "P", slug: processId, sources: [] });
    const [a, b, c] = [freshId("a"), freshId("b"), freshId("c")];
    for (const id of [a, b, c]) await send("POST", "/api/parties", party(id, processId));
    await send("PATCH", `/api/parties/${b}`, { shortName: "B, renamed" });
    await send("DELETE", `/api/parties/${c}`);

    const reader = new FeedFollower(base, 2, administrator.headers);
    await reader.until(allCommitted);
    const mine = reader.seen.filter((e) => e.recordId === processId || e.entity === "parties");
    expect(mine.map((e) => [e.entity, e.recordId, e.kind])).toEqual([
      ["processes", processId, "created"],
      ["parties", a, "created"],
      ["parties", b, "created"],
      ["parties", c, "created"],
      ["parties", b, "updated"],
      ["parties", c, "deleted"],
    ]);
    expect(mine[4]?.record).toMatchObject({ id: b, shortName: "B, renamed", updatedBy: "token:tests" });
    // A removal carries the record as it was, so a mirror knows what it removes.
    expect(mine[5]?.record).toMatchObject({ id: c, shortName: c });
    for (const event of mine) {
      expect(event.actor).toBe("token:tests");
      expect(Date.parse(event.at)).not.toBeNaN();
    }
    expect(new Set(reader.seen.map((e) => e.cursor)).size).toBe(reader.seen.length);

    // Caught up: nothing new, the same cursor back; the next change comes next.
    const caughtUp = reader.cursor;
    const empty = await reader.page();
    expect(empty).toEqual({ items: [], nextCursor: caughtUp, hasMore: false });
    await send("PATCH", `/api/parties/${a}`, { shortName: "A2" });
    const next = await reader.until(allCommitted);
    expect(next.map((e) => [e.recordId, e.kind])).toEqual([[a, "updated"]]);
  });

  it("pages completely: any page size, resumed from any item's cursor, gives the same changes", async () => {
    const processId = freshId("proc");
    await send("POST", "/api/processes", { id: processId, name: "P", slug: processId, sources: [] });
    for (let i = 0; i < 23; i++) await send("POST", "/api/parties", party(freshId("p"), processId));
    const whole = await new FeedFollower(base, 500, administrator.headers).until(allCommitted);
    const cursorsOf = (events: { cursor: string }[]) => events.map((e) => e.cursor);
    for (const limit of [1, 3, 10]) {
      const paged = await new FeedFollower(base, limit, administrator.headers).until(allCommitted);
      expect(cursorsOf(paged)).toEqual(cursorsOf(whole));
    }
    const resumed = new FeedFollower(base, 4, administrator.headers);
    resumed.cursor = whole[10]?.cursor;
    expect(cursorsOf(await resumed.until((seen) => seen.length >= whole.length - 11))).toEqual(
      cursorsOf(whole.slice(11)),
    );
  });

  it("answers a bad cursor or limit with 400 in the one error shape, never a database error", async () => {
    const forged = [
      "x",
      "!!!",
      "%00",
      "A".repeat(300),
      Buffer.from("c1:1:").toString("base64url"),
      Buffer.from("c1:99999999999999999999999:1").toString("base64url"),
      Buffer.from("c1:1:99999999999").toString("base64url"),
      Buffer.from("c1:1:1;DROP TABLE record_events").toString("base64url"),
      Buffer.from('["2024-01-01","x"]').toString("base64url"),
    ];
    for (const since of forged) {
      const response = await fetch(`${base}/api/changes?since=${since}`);
      expect(response.status, since).toBe(400);
      const body = await response.json();
      expect(body, since).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(Object.keys(body.error).every((k) => ["code", "message", "details"].includes(k))).toBe(true);
    }
    const detailed = await (await fetch(`${base}/api/changes?since=x`)).json();
    expect(detailed.error).toMatchObject({ code: "validation_failed", details: [{ path: "since" }] });
    for (const limit of ["0", "501", "-1", "abc", "1.5"])
      expect((await fetch(`${base}/api/changes?limit=${limit}`)).status, limit).toBe(400);
  });

  it("is in the OpenAPI document with its guarantee", async () => {
    const spec = await (await fetch(`${base}/api/openapi.json`)).json();
    const route = spec.paths["/api/changes"].get;
    expect(route.description).toMatch(/never skipping one and never seeing one twice/);
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(["200", "400"]));
  });
});
