import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import {
  createPublished,
  type StaffAccounts,
  sendAs,
  staffAccounts,
  type TestAccount,
  testAccount,
} from "../test-support/accounts.js";
import { describeEachDatabase, openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { operationsOf } from "../test-support/hostile-openapi.js";
import { buildServer } from "./server.js";

/** Issue #9, items 3–4 and 6: who may write, the review workflow over HTTP, and the record's history. */

const placeBody = (id = freshId("rw-place")) => ({
  id,
  processId: "rw-process",
  names: [{ text: id, lang: "en" }],
  kind: "town",
  geoPrecision: 2,
});

async function start(database: Database) {
  const app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const staff = await staffAccounts(database.db);
  const root = { administrator: staff.administrator } as const;
  const process = await sendAs(root.administrator, "POST", `${base}/api/processes`, {
    id: "rw-process",
    name: "Review workflow",
    slug: `rw-${freshId("s")}`,
  });
  if (process.status !== 201) throw new Error(await process.text());
  const party = await sendAs(root.administrator, "POST", `${base}/api/parties`, {
    ...partyBody("rw-party"),
    processId: "rw-process",
  });
  if (party.status !== 201) throw new Error(await party.text());
  return { app, base, staff };
}

describeEachDatabase("Writes need an account; records go through review", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let representative: TestAccount;

  beforeAll(async () => {
    database = await open();
    ({ app, base, staff } = await start(database));
    representative = await testAccount(database.db, "party_representative", { partyId: "rw-party" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const review = (who: TestAccount | undefined, id: string, action: string, reason?: string) =>
    sendAs(who, "POST", `${base}/api/places/${id}/review`, { action, ...(reason ? { reason } : {}) });

  it("answers every write route of the OpenAPI document 401 for the public, and changes nothing", async () => {
    const spec = await (await fetch(`${base}/api/openapi.json`)).json();
    const writes = operationsOf(spec).filter((op) => op.method !== "GET");
    const open = new Set([
      "POST /api/session",
      "DELETE /api/session",
      "POST /api/invitations/{token}/accept",
    ]);
    const guarded = writes.filter((op) => !open.has(`${op.method} ${op.template}`));
    expect(guarded.length).toBeGreaterThan(50);
    const before = await database.db.execute("SELECT count(*)::int AS n FROM record_events");
    for (const op of guarded) {
      const path = op.template.replace(/\{[^}]+\}/g, "rw-nothing");
      const response = await fetch(`${base}${path}`, {
        method: op.method,
        headers: { "content-type": "application/json" },
        body: op.method === "DELETE" ? undefined : JSON.stringify({}),
      });
      expect([op.method, op.template, response.status]).toEqual([op.method, op.template, 401]);
      expect((await response.json()).error.code).toBe("not_signed_in");
    }
    const after = await database.db.execute("SELECT count(*)::int AS n FROM record_events");
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it("creates an account's record as a draft with its account, and refuses a chosen review state", async () => {
    const created = await sendAs(staff.monitor, "POST", `${base}/api/places`, placeBody());
    expect(created.status).toBe(201);
    const record = await created.json();
    expect(record).toMatchObject({
      reviewState: "draft",
      createdBy: "token:tests",
      createdByAccountId: staff.monitor.accountId,
      reviewHistory: [],
    });
    expect(record.claimOfPartyId).toBeUndefined();
    const chosen = await sendAs(staff.monitor, "POST", `${base}/api/places`, {
      ...placeBody(),
      reviewState: "published",
    });
    expect(chosen.status).toBe(400);
    const edited = await sendAs(staff.monitor, "PATCH", `${base}/api/places/${record.id}`, {
      reviewState: "published",
    });
    expect(edited.status).toBe(400);
  });

  it("lets nobody publish what they created or submitted; a mediator publishes; the history says who, when, why", async () => {
    const { id } = await (await sendAs(staff.monitor, "POST", `${base}/api/places`, placeBody())).json();
    expect((await review(undefined, id, "submit_for_review")).status).toBe(401);
    const submitted = await review(staff.monitor, id, "submit_for_review");
    expect(submitted.status).toBe(200);
    // The answer says what the caller may do next: withdraw it, not publish it.
    expect((await submitted.json()).allowedActions).toEqual(["read", "return_to_draft"]);
    const own = await review(staff.monitor, id, "publish");
    expect(own.status).toBe(403);
    expect((await own.json()).error.message).toMatch(/only a mediator or an administrator can publish/i);
    const frozen = await sendAs(staff.monitor, "PATCH", `${base}/api/places/${id}`, { geoPrecision: 3 });
    expect(frozen.status).toBe(403);
    expect((await review(staff.mediator, id, "return_to_draft")).status).toBe(400);
    expect((await review(staff.mediator, id, "return_to_draft", "name the source")).status).toBe(200);
    expect((await review(staff.mediator, id, "submit_for_review")).status).toBe(403);
    expect((await review(staff.monitor, id, "submit_for_review")).status).toBe(200);
    const published = await review(staff.mediator, id, "publish");
    expect(published.status).toBe(200);
    const record = await published.json();
    expect(record.reviewState).toBe("published");
    expect(
      record.reviewHistory.map((m: { action: string; by: string; byAccountId: string }) => [
        m.action,
        m.byAccountId,
      ]),
    ).toEqual([
      ["submit_for_review", staff.monitor.accountId],
      ["return_to_draft", staff.mediator.accountId],
      ["submit_for_review", staff.monitor.accountId],
      ["publish", staff.mediator.accountId],
    ]);
    expect(record.reviewHistory[1]).toMatchObject({
      from: "under_review",
      to: "draft",
      reason: "name the source",
      by: "token:tests",
    });
    expect(Date.parse(record.reviewHistory[3].at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await review(staff.mediator, id, "publish")).status).toBe(409);
    const events = await database.db.execute(
      `SELECT actor, after->>'reviewState' AS state FROM record_events WHERE record_id = '${id}' ORDER BY seq`,
    );
    const rows = ((events as { rows?: unknown[] }).rows ?? events) as { actor: string; state: string }[];
    expect(rows.map((row) => row.state)).toEqual([
      "draft",
      "under_review",
      "draft",
      "under_review",
      "published",
    ]);
    expect(rows.every((row) => row.actor === "token:tests")).toBe(true);
  });

  it("publishes through the test helper: created by a monitor, published by a mediator", async () => {
    const record = await createPublished(base, "places", placeBody(), staff);
    expect(record).toMatchObject({ reviewState: "published", createdByAccountId: staff.monitor.accountId });
  });

  it("refuses a role the policy does not allow with 403 and the reason", async () => {
    const party = await sendAs(staff.monitor, "POST", `${base}/api/parties`, {
      ...partyBody(freshId("rw-p")),
      processId: "rw-process",
    });
    expect(party.status).toBe(403);
    expect((await party.json()).error).toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/administrator/),
    });
    const upload = await fetch(`${base}/api/imports?dataset=acled&process=rw-process`, {
      method: "POST",
      headers: { ...staff.mediator.headers, "content-type": "text/csv" },
      body: "event_id_cnty\n",
    });
    expect(upload.status).toBe(403);
    expect((await upload.json()).error.message).toMatch(/only an administrator can import/i);
    const { id } = await (await sendAs(staff.monitor, "POST", `${base}/api/places`, placeBody())).json();
    const other = await testAccount(database.db, "monitor");
    const notOwn = await sendAs(other, "DELETE", `${base}/api/places/${id}`);
    expect(notOwn.status).toBe(403);
    expect((await sendAs(staff.monitor, "DELETE", `${base}/api/places/${id}`)).status).toBe(204);
  });

  it("stamps a representative's submission as their party's claim, whatever the body says", async () => {
    const response = await sendAs(representative, "POST", `${base}/api/documents`, {
      processId: "rw-process",
      kind: "official_statement",
      title: "Our statement",
      text: "We deny it.",
      authorPartyId: "someone-else",
    });
    const body = await response.json();
    expect([response.status, body.error?.message]).toEqual([201, undefined]);
    expect(body).toMatchObject({
      reviewState: "draft",
      claimOfPartyId: "rw-party",
      authorPartyId: "rw-party",
      createdByAccountId: representative.accountId,
    });
    const changed = await sendAs(representative, "PATCH", `${base}/api/documents/${body.id}`, {
      title: "Our statement, corrected",
      authorPartyId: "someone-else",
    });
    expect(await changed.json()).toMatchObject({
      title: "Our statement, corrected",
      authorPartyId: "rw-party",
    });
    // The mission never changes a party's words, not even an administrator.
    const overwritten = await sendAs(staff.administrator, "PATCH", `${base}/api/documents/${body.id}`, {
      title: "Rewritten by the mission",
    });
    expect(overwritten.status).toBe(403);
    const finding = await sendAs(representative, "POST", `${base}/api/places`, placeBody());
    expect(finding.status).toBe(403);
  });
});

describe.skipIf(!postgresAvailable())("Permission and write in one transaction [PostgreSQL]", () => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  beforeAll(async () => {
    database = await openPostgresForTest();
    ({ app, base, staff } = await start(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("lets exactly one of two racing reviewers publish; the other is told the record moved", async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await (await sendAs(staff.monitor, "POST", `${base}/api/places`, placeBody())).json();
      await sendAs(staff.monitor, "POST", `${base}/api/places/${id}/review`, { action: "submit_for_review" });
      const second = await testAccount(database.db, "mediator");
      const answers = await Promise.all(
        [staff.mediator, second].map((who) =>
          sendAs(who, "POST", `${base}/api/places/${id}/review`, { action: "publish" }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const record = await (await sendAs(staff.mediator, "GET", `${base}/api/places/${id}`)).json();
      expect(record.reviewHistory.filter((m: { action: string }) => m.action === "publish")).toHaveLength(1);
    }
  });

  it("checks the permission on the record as locked: a draft published meanwhile is no longer deleted", async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await (
        await sendAs(staff.administrator, "POST", `${base}/api/places`, placeBody())
      ).json();
      await sendAs(staff.administrator, "POST", `${base}/api/places/${id}/review`, {
        action: "submit_for_review",
      });
      const [deleted, published] = await Promise.all([
        sendAs(staff.administrator, "DELETE", `${base}/api/places/${id}`),
        sendAs(staff.mediator, "POST", `${base}/api/places/${id}/review`, { action: "publish" }),
      ]);
      // Under review, a record is frozen: the deletion is refused whether it ran first or second.
      expect(deleted.status).toBe(403);
      expect(published.status).toBe(200);
      const record = await sendAs(staff.mediator, "GET", `${base}/api/places/${id}`);
      expect((await record.json()).reviewState).toBe("published");
    }
  });

  it("applies a role change made meanwhile: the write waits for it and is refused, never half done", async () => {
    const admin = await testAccount(database.db, "administrator");
    const id = freshId("rw-race");
    let write: Promise<Response> | undefined;
    await database.db.transaction(async (tx) => {
      // An administrator demotes the account; the row stays locked until that change commits.
      await tx.execute(sql`SELECT 1 FROM accounts WHERE id = ${admin.accountId} FOR UPDATE`);
      write = sendAs(admin, "POST", `${base}/api/parties`, { ...partyBody(id), processId: "rw-process" });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.execute(sql`UPDATE accounts SET role = 'monitor' WHERE id = ${admin.accountId}`);
    });
    const answer = await (write as Promise<Response>);
    expect(answer.status).toBe(401);
    expect((await answer.json()).error.message).toMatch(/role, party or access changed/);
    const stored = await database.db.execute(sql`SELECT count(*)::int AS n FROM parties WHERE id = ${id}`);
    expect(JSON.stringify(stored)).toContain('"n":0');
  });
});
