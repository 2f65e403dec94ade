import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFetchAllowList } from "../ingest/sources/address-policy.js";
import type { Database } from "../store/database.js";
import { notifications, webhookDeliveries } from "../store/schema-notifications.js";
import {
  apiPathOf,
  createPublished,
  fetchAs,
  type StaffAccounts,
  sendAs,
  staffAccounts,
  type TestAccount,
  testAccount,
} from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

/** Issue #9, item 5: the party is told when something about it is published, in the app. */

const processId = "notify-process";
const north = "notify-north";
const south = "notify-south";

const incidentBody = (partyIds: string[], title = "Shelling near the line") => ({
  id: freshId("notify-incident"),
  processId,
  title,
  monitoringType: "ceasefire_violation",
  startDate: "2024-03-01",
  actors: partyIds.map((partyId) => ({ partyId, role: "alleged_perpetrator" })),
});

interface Listed {
  items: { id: string; event: string; partyId: string; record: { id: string }; read: boolean }[];
  unreadCount: number;
}

describe("notifications", () => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let northRep: TestAccount;
  let southRep: TestAccount;

  beforeAll(async () => {
    database = await openPgliteForTest();
    app = await buildServer({
      database,
      webFolder: "/nonexistent",
      rateLimit: false,
      // Looks rarely by itself: the test below shows that a committed move wakes it at once.
      webhookDeliveries: { allow: parseFetchAllowList("127.0.0.1"), pollIntervalMs: 600_000 },
    });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    staff = await staffAccounts(database.db);
    await createPublished(
      base,
      "processes",
      { id: processId, name: "Notify", slug: freshId("notify") },
      staff,
    );
    for (const [id, name] of [
      [north, "North"],
      [south, "South"],
    ] as const)
      await createPublished(base, "parties", { ...partyBody(id), processId, shortName: name }, staff);
    northRep = await testAccount(database.db, "party_representative", { partyId: north });
    southRep = await testAccount(database.db, "party_representative", { partyId: south });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const list = async (account: TestAccount | undefined, query = "") => {
    const response = await fetchAs(account)(`${base}/api/notifications${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Listed;
  };
  const about = async (account: TestAccount, recordId: string, query = "") =>
    (await list(account, query)).items.filter((item) => item.record.id === recordId);

  it("tells the parties an incident concerns when it is published, and no one else", async () => {
    const incident = await createPublished(base, "incidents", incidentBody([north]), staff);
    const told = await about(northRep, incident.id);
    expect(told).toMatchObject([{ event: "published", partyId: north, read: false }]);
    expect(await about(southRep, incident.id)).toEqual([]);
    // Staff see every party's, and can ask for one party's.
    expect(await about(staff.mediator, incident.id)).toHaveLength(1);
    expect(await about(staff.mediator, incident.id, `?partyId=${south}`)).toEqual([]);
    // A representative reads only their own party's; the public nothing.
    expect((await fetchAs(southRep)(`${base}/api/notifications?partyId=${north}`)).status).toBe(403);
    expect((await fetch(`${base}/api/notifications`)).status).toBe(401);
  });

  it("tells of disputes and retractions too", async () => {
    const incident = await createPublished(base, "incidents", incidentBody([south]), staff);
    const review = (action: string) =>
      sendAs(staff.mediator, "POST", `${base}/api/incidents/${incident.id}/review`, {
        action,
        reason: "contested by a second source",
      });
    expect((await review("dispute")).status).toBe(200);
    expect((await review("retract")).status).toBe(200);
    const events = (await about(southRep, incident.id)).map((item) => item.event).sort();
    expect(events).toEqual(["disputed", "published", "retracted"]);
  });

  it("writes nothing when the move fails, and the move fails when the notification cannot be written", async () => {
    const path = `${base}/api/${apiPathOf("incidents")}`;
    const created = (await (await sendAs(staff.monitor, "POST", path, incidentBody([north]))).json()) as {
      id: string;
    };
    const review = (who: TestAccount, action: string) =>
      sendAs(who, "POST", `${path}/${created.id}/review`, { action });
    expect((await review(staff.monitor, "submit_for_review")).status).toBe(200);
    // Refused (four eyes): nothing published, nobody told.
    expect((await review(staff.monitor, "publish")).status).toBe(403);
    // The notification's insert fails: the whole move rolls back with it.
    await database.db.execute(
      sql`ALTER TABLE notifications ADD CONSTRAINT test_refuse_all CHECK (false) NOT VALID`,
    );
    try {
      expect((await review(staff.mediator, "publish")).status).toBeGreaterThanOrEqual(400);
    } finally {
      await database.db.execute(sql`ALTER TABLE notifications DROP CONSTRAINT test_refuse_all`);
    }
    const record = (await (await fetchAs(staff.mediator)(`${path}/${created.id}`)).json()) as {
      reviewState: string;
    };
    expect(record.reviewState).toBe("under_review");
    expect(await about(northRep, created.id)).toEqual([]);
    expect((await review(staff.mediator, "publish")).status).toBe(200);
    expect(await about(northRep, created.id)).toHaveLength(1);
  });

  it("tells the other side when a party replies, not the party that replied", async () => {
    const incident = await createPublished(base, "incidents", incidentBody([north, south]), staff);
    const reply = await sendAs(northRep, "POST", `${base}/api/replies`, {
      answers: { kind: "incidents", id: incident.id },
      text: "Our positions did not fire that night.",
    });
    expect(reply.status).toBe(201);
    const southTold = await about(southRep, incident.id);
    expect(southTold.map((item) => item.event).sort()).toEqual(["published", "reply_published"]);
    const northTold = await about(northRep, incident.id);
    expect(northTold.map((item) => item.event)).toEqual(["published"]);
  });

  it("keeps read marks per account: one, then all", async () => {
    const otherNorthRep = await testAccount(database.db, "party_representative", { partyId: north });
    const before = await list(northRep);
    const first = before.items.find((item) => !item.read);
    expect(first).toBeDefined();
    const marked = await sendAs(northRep, "POST", `${base}/api/notifications/${first?.id}/read`);
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as { unreadCount: number }).unreadCount).toBe(before.unreadCount - 1);
    // Another representative of the party still has it unread; the other party cannot touch it.
    expect((await list(otherNorthRep)).unreadCount).toBe(before.unreadCount);
    expect((await sendAs(southRep, "POST", `${base}/api/notifications/${first?.id}/read`)).status).toBe(404);
    const all = await sendAs(northRep, "POST", `${base}/api/notifications/read-all`);
    expect(((await all.json()) as { unreadCount: number }).unreadCount).toBe(0);
    expect((await list(northRep, "?unread=true")).items).toEqual([]);
    expect((await list(otherNorthRep)).unreadCount).toBe(before.unreadCount);
  });

  it("pages newest first with a cursor", async () => {
    const all = (await list(staff.administrator, "?limit=200")).items.map((item) => item.id);
    const seen: string[] = [];
    let query = "?limit=2";
    for (let page = 0; page < 50; page++) {
      const response = await fetchAs(staff.administrator)(`${base}/api/notifications${query}`);
      const body = (await response.json()) as Listed & { nextCursor: string | null };
      seen.push(...body.items.map((item) => item.id));
      if (!body.nextCursor) break;
      query = `?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(2);
  });

  it("lets an administrator or the party's own representatives manage its webhooks, no one else", async () => {
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
    const url = "http://127.0.0.1:9/hook";
    const post = (who: TestAccount | undefined, body: object) =>
      sendAs(who, "POST", `${base}/api/webhooks`, body);
    expect((await post(undefined, { partyId: south, url })).status).toBe(401);
    expect((await post(staff.mediator, { partyId: south, url })).status).toBe(403);
    expect((await post(northRep, { partyId: south, url })).status).toBe(403);
    expect((await post(staff.administrator, { partyId: south, url: "ftp://127.0.0.1/x" })).status).toBe(400);
    process.env.PEACETRACK_FETCH_ALLOW = "";
    expect((await post(staff.administrator, { partyId: south, url })).status).toBe(400);
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
    const created = await post(southRep, { url, description: "desk" });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; partyId: string; secret: string };
    expect(hook.partyId).toBe(south);
    expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = (await (await fetchAs(southRep)(`${base}/api/webhooks`)).json()) as { items: object[] };
    expect(listed.items).toMatchObject([{ id: hook.id, description: "desk", failedDeliveries: 0 }]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    expect((await fetchAs(northRep)(`${base}/api/webhooks?partyId=${south}`)).status).toBe(403);
    expect((await fetchAs(staff.mediator)(`${base}/api/webhooks`)).status).toBe(403);
    const all = (await (await fetchAs(staff.administrator)(`${base}/api/webhooks`)).json()) as {
      items: { id: string }[];
    };
    expect(all.items.map((item) => item.id)).toContain(hook.id);
    expect((await sendAs(northRep, "DELETE", `${base}/api/webhooks/${hook.id}`)).status).toBe(404);
    expect((await sendAs(southRep, "DELETE", `${base}/api/webhooks/${hook.id}`)).status).toBe(204);
    expect(((await (await fetchAs(southRep)(`${base}/api/webhooks`)).json()) as { items: [] }).items).toEqual(
      [],
    );
  });

  it("queues one delivery per active webhook of the party told, in the same transaction", async () => {
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
    const created = await sendAs(northRep, "POST", `${base}/api/webhooks`, {
      url: "http://127.0.0.1:9/hook",
    });
    expect(created.status).toBe(201);
    const incident = await createPublished(base, "incidents", incidentBody([north, south]), staff);
    const queued = await database.db
      .select({ notification: notifications.partyId })
      .from(webhookDeliveries)
      .innerJoin(notifications, sql`${notifications.id} = ${webhookDeliveries.notificationId}`)
      .where(sql`${notifications.recordId} = ${incident.id}`);
    expect(queued).toEqual([{ notification: north }]);
  });

  it("sends the party's webhook as soon as the move commits, signed", async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const created = await sendAs(southRep, "POST", `${base}/api/webhooks`, { url });
      const { secret } = (await created.json()) as { secret: string };
      const incident = await createPublished(
        base,
        "incidents",
        incidentBody([south], "Checkpoint closed"),
        staff,
      );
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received).toHaveLength(1);
      const [got] = received as [{ headers: Record<string, string>; body: string }];
      const signed = createHmac("sha256", secret).update(
        `${got.headers["x-peacetrack-timestamp"]}.${got.body}`,
      );
      expect(got.headers["x-peacetrack-signature"]).toBe(`sha256=${signed.digest("hex")}`);
      expect(JSON.parse(got.body)).toMatchObject({
        event: "published",
        party: { id: south, name: "South" },
        record: { kind: "incidents", id: incident.id, title: "Checkpoint closed" },
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
