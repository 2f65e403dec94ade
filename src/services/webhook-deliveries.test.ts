import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFetchAllowList } from "../ingest/sources/address-policy.js";
import { type Database, type Db, openDatabase } from "../store/database.js";
import { insertNotifications } from "../store/notification-queries.js";
import { webhookDeliveries, webhooks } from "../store/schema-notifications.js";
import { testAccount } from "../test-support/accounts.js";
import { openPgliteForTest, openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { systemActor } from "./context.js";
import { createRecord } from "./records.js";
import { deliverDue, startWebhookDeliveries, type WebhookDeliveryOptions } from "./webhook-deliveries.js";
import { createWebhook, listWebhooks, webhookDeliveryLog } from "./webhooks.js";

/** Issue #9, item 5: signed webhooks, retried with backoff, sent once however many servers run. */

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with the next status of `statuses` (then the last). */
async function receiver(statuses: () => number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses();
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What a receiver does (docs/WEBHOOKS.md): recompute the HMAC over "<timestamp>.<body>", compare in constant time. */
function verify(secret: string, received: Received): boolean {
  const timestamp = String(received.headers["x-peacetrack-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${received.body}`).digest("hex")}`;
  const given = String(received.headers["x-peacetrack-signature"]);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const allow = parseFetchAllowList("127.0.0.1");
const fast: WebhookDeliveryOptions = {
  allow,
  backoffMs: () => 0,
  timeoutMs: 2_000,
  publicUrl: "https://pt.example",
};

async function setUp(database: Database) {
  process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
  const processId = freshId("hook-process");
  const partyId = freshId("hook-party");
  const seed = systemActor("test");
  await createRecord(database.db, "processes", { id: processId, name: "Hooks", slug: processId }, seed);
  await createRecord(database.db, "parties", { ...partyBody(partyId), processId, shortName: "North" }, seed);
  const administrator = await testAccount(database.db, "administrator");
  return { partyId, administrator };
}

async function notify(database: Database, partyId: string, count = 1) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await database.db.transaction(async (tx) =>
    insertNotifications(
      tx,
      ids.map((id) => ({
        id,
        partyId,
        event: "published" as const,
        recordKind: "incidents",
        recordId: "inc-1",
        title: "Shelling near the line",
        summary: "The incident was published.",
        actorName: "mediator:1",
      })),
      randomUUID,
    ),
  );
  return ids;
}

const deliveriesOf = (database: Database, webhookId: string) =>
  database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

describe("webhook deliveries", () => {
  let database: Database;
  let partyId: string;
  let administrator: Awaited<ReturnType<typeof testAccount>>;
  beforeAll(async () => {
    database = await openPgliteForTest();
    ({ partyId, administrator } = await setUp(database));
  });
  afterAll(async () => {
    await database?.close();
  });

  it("POSTs the signed JSON body with its headers; the receiver can verify it", async () => {
    const hook = await receiver(() => 204);
    try {
      const webhook = await createWebhook(database.db, administrator.actor, { partyId, url: hook.url });
      const [notificationId] = await notify(database, partyId);
      expect(await deliverDue(database.db, fast)).toBe(1);
      expect(hook.received).toHaveLength(1);
      const [got] = hook.received as [Received];
      expect(verify(webhook.secret, got)).toBe(true);
      expect(verify("another secret", got)).toBe(false);
      const [delivery] = await deliveriesOf(database, webhook.id);
      expect(got.headers).toMatchObject({
        "content-type": "application/json",
        "x-peacetrack-event": "published",
        "x-peacetrack-delivery": delivery?.id,
      });
      expect(JSON.parse(got.body)).toEqual({
        id: notificationId,
        event: "published",
        party: { id: partyId, name: "North" },
        record: {
          kind: "incidents",
          id: "inc-1",
          title: "Shelling near the line",
          url: "https://pt.example/incidents/inc-1",
        },
        summary: "The incident was published.",
        occurredAt: expect.any(String),
      });
      expect(delivery).toMatchObject({ state: "delivered", attempts: 1 });
      expect(delivery?.attemptLog).toMatchObject([{ status: 204 }]);
      const [view] = (await listWebhooks(database.db, administrator.actor, partyId)).filter(
        (w) => w.id === webhook.id,
      );
      expect(view).toMatchObject({
        lastSuccessAt: expect.any(String),
        lastError: null,
        pendingDeliveries: 0,
      });
      expect(view).not.toHaveProperty("secret");
      expect(await deliverDue(database.db, fast)).toBe(0);
    } finally {
      await hook.close();
      await database.db.update(webhooks).set({ active: false });
    }
  });

  it("retries after a 500 with the backoff, then delivers", async () => {
    const statuses = [500, 200];
    const hook = await receiver(() => statuses.shift() ?? 200);
    try {
      const webhook = await createWebhook(database.db, administrator.actor, { partyId, url: hook.url });
      await notify(database, partyId);
      const delays: number[] = [];
      const backoffMs = (failed: number) => {
        delays.push(failed);
        return failed === 1 ? 60_000 : 0;
      };
      expect(await deliverDue(database.db, { ...fast, backoffMs })).toBe(1);
      // Not due again until the backoff has passed.
      expect(await deliverDue(database.db, { ...fast, backoffMs })).toBe(0);
      expect(delays).toEqual([1]);
      await database.db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(Date.now() - 1000).toISOString() })
        .where(eq(webhookDeliveries.webhookId, webhook.id));
      expect(await deliverDue(database.db, { ...fast, backoffMs })).toBe(1);
      const [delivery] = await deliveriesOf(database, webhook.id);
      expect(delivery).toMatchObject({ state: "delivered", attempts: 2 });
      expect(delivery?.attemptLog.map((a) => a.status)).toEqual([500, 200]);
      expect(hook.received.map((r) => r.headers["x-peacetrack-delivery"])).toEqual([
        delivery?.id,
        delivery?.id,
      ]);
      const [view] = await listWebhooks(database.db, administrator.actor, partyId);
      expect(view).toMatchObject({ id: webhook.id, lastError: "HTTP 500", failedDeliveries: 0 });
    } finally {
      await hook.close();
      await database.db.update(webhooks).set({ active: false });
    }
  });

  it("gives up after the last attempt, and says so on the webhook", async () => {
    const hook = await receiver(() => 503);
    try {
      const webhook = await createWebhook(database.db, administrator.actor, { partyId, url: hook.url });
      await notify(database, partyId);
      for (let attempt = 0; attempt < 3; attempt++)
        expect(await deliverDue(database.db, { ...fast, maxAttempts: 3 })).toBe(1);
      expect(await deliverDue(database.db, { ...fast, maxAttempts: 3 })).toBe(0);
      const [delivery] = await deliveriesOf(database, webhook.id);
      expect(delivery).toMatchObject({ state: "failed", attempts: 3 });
      expect(hook.received).toHaveLength(3);
      const [view] = await listWebhooks(database.db, administrator.actor, partyId);
      expect(view).toMatchObject({ failedDeliveries: 1, lastError: "HTTP 503", pendingDeliveries: 0 });
      const [logged] = await webhookDeliveryLog(database.db, administrator.actor, webhook.id);
      expect(logged).toMatchObject({ state: "failed", attempts: 3, nextAttemptAt: null, event: "published" });
      expect(logged?.attemptLog.map((attempt) => attempt.status)).toEqual([503, 503, 503]);
    } finally {
      await hook.close();
      await database.db.update(webhooks).set({ active: false });
    }
  });

  it("records an unreachable receiver's error, and refuses private addresses not allowed", async () => {
    const webhook = await createWebhook(database.db, administrator.actor, {
      partyId,
      url: "http://127.0.0.1:9/closed",
    });
    await notify(database, partyId);
    await deliverDue(database.db, { ...fast, maxAttempts: 1 });
    const [delivery] = await deliveriesOf(database, webhook.id);
    expect(delivery?.state).toBe("failed");
    expect(delivery?.attemptLog[0]?.error).toMatch(/ECONNREFUSED/);
    await database.db.update(webhooks).set({ active: false });
    // The same address, not allowed by the operator: refused before anything is sent.
    const strict = { ...fast, allow: parseFetchAllowList("") };
    const again = await createWebhook(database.db, administrator.actor, {
      partyId,
      url: "http://127.0.0.1:9/x",
    });
    await notify(database, partyId);
    await deliverDue(database.db, { ...strict, maxAttempts: 1 });
    const [refused] = await deliveriesOf(database, again.id);
    expect(refused?.attemptLog[0]?.error).toMatch(/loopback/);
    await database.db.update(webhooks).set({ active: false });
    process.env.PEACETRACK_FETCH_ALLOW = "";
    await expect(
      createWebhook(database.db, administrator.actor, { partyId, url: "http://10.1.2.3/hook" }),
    ).rejects.toThrow(/private address/);
    await expect(
      createWebhook(database.db, administrator.actor, { partyId, url: "ftp://example.org/hook" }),
    ).rejects.toThrow(/http/);
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
  });

  it("the worker sends by itself and stops without keeping the process alive", async () => {
    const hook = await receiver(() => 200);
    const worker = startWebhookDeliveries(database.db, { ...fast, pollIntervalMs: 50 });
    try {
      await createWebhook(database.db, administrator.actor, { partyId, url: hook.url });
      await notify(database, partyId);
      for (let i = 0; i < 100 && hook.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(hook.received).toHaveLength(1);
    } finally {
      await worker.close();
      await hook.close();
      await database.db.update(webhooks).set({ active: false });
    }
  });
});

describe.skipIf(!postgresAvailable())("webhook deliveries with two servers on one PostgreSQL", () => {
  it("send each delivery exactly once", async () => {
    const database = await openPostgresForTest();
    // A second server process: its own connection pool on the same database.
    const other = await openDatabase({ databaseUrl: database.location });
    const hook = await receiver(() => 200);
    try {
      const { partyId, administrator } = await setUp(database);
      await createWebhook(database.db, administrator.actor, { partyId, url: hook.url });
      await notify(database, partyId, 40);
      const worker = async (db: Db) => {
        let sent = 0;
        for (let n = -1; n !== 0; sent += n) n = await deliverDue(db, { ...fast, batchSize: 3 });
        return sent;
      };
      const [first, second] = await Promise.all([worker(database.db), worker(other.db)]);
      expect(first + second).toBe(40);
      const ids = hook.received.map((r) => r.headers["x-peacetrack-delivery"]);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    } finally {
      await hook.close();
      await other.close();
      await database.close();
    }
  });
});
