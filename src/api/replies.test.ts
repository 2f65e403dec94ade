import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import {
  createPublished,
  type StaffAccounts,
  sendAs,
  staffAccounts,
  type TestAccount,
  testAccount,
} from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

/** Issue #9, item 5: the right of reply over HTTP, on both databases. */

const processId = "reply-process";

const incidentBody = (partyIds: string[]) => ({
  id: freshId("reply-incident"),
  processId,
  title: "Shelling near the line",
  monitoringType: "ceasefire_violation",
  startDate: "2024-03-01",
  actors: partyIds.map((partyId) => ({ partyId, role: "alleged_perpetrator" })),
});

describeEachDatabase("The right of reply", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let north: TestAccount;
  let south: TestAccount;
  let incidentId: string;
  let replyId: string;

  beforeAll(async () => {
    database = await open();
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    staff = await staffAccounts(database.db);
    // Published, so that the public's report of the process can be read.
    await createPublished(
      base,
      "processes",
      { id: processId, name: "Replies", slug: `replies-${freshId("s")}` },
      staff,
    );
    for (const id of ["reply-north", "reply-south"])
      await createPublished(base, "parties", { ...partyBody(id), processId }, staff);
    north = await testAccount(database.db, "party_representative", { partyId: "reply-north" });
    south = await testAccount(database.db, "party_representative", { partyId: "reply-south" });
    incidentId = (await createPublished(base, "incidents", incidentBody(["reply-north"]), staff)).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const replyBody = (id: string, text = "Our positions did not fire that night.") => ({
    answers: { kind: "incidents", id },
    text,
  });

  it("publishes a representative's reply to an incident that concerns their party, beside it", async () => {
    const response = await sendAs(north, "POST", `${base}/api/replies`, {
      ...replyBody(incidentId),
      // Nobody writes in another's name: party and author in the body are ignored.
      partyId: "reply-south",
      authorAccountId: south.accountId,
    });
    expect(response.status).toBe(201);
    const reply = (await response.json()) as Record<string, unknown>;
    expect(reply).toMatchObject({
      partyId: "reply-north",
      authorAccountId: north.accountId,
      reviewState: "published",
    });
    expect(reply.allowedActions).toEqual(expect.arrayContaining(["read", "update", "retract"]));
    replyId = reply.id as string;

    const detail = (await (await fetch(`${base}/api/incidents/${incidentId}`)).json()) as {
      replies: { id: string; text: string; allowedActions: string[] }[];
    };
    expect(detail.replies).toHaveLength(1);
    expect(detail.replies[0]).toMatchObject({ id: replyId, text: "Our positions did not fire that night." });
    expect(detail.replies[0]?.allowedActions).toEqual(["read"]);

    const listed = (await (
      await fetch(`${base}/api/replies?recordKind=incidents&recordId=${encodeURIComponent(incidentId)}`)
    ).json()) as { items: { id: string }[] };
    expect(listed.items.map((item) => item.id)).toEqual([replyId]);

    const asNorth = (await (await sendAs(north, "GET", `${base}/api/incidents/${incidentId}`)).json()) as {
      allowedActions: string[];
    };
    expect(asNorth.allowedActions).toContain("reply");
  });

  it("records the reply in the changes feed, which the public reads", async () => {
    const events = await database.db.execute(
      sql`SELECT entity, kind FROM record_events WHERE entity = 'replies' AND record_id = ${replyId}`,
    );
    expect((events as unknown as { rows: unknown[] }).rows).toEqual([{ entity: "replies", kind: "created" }]);
    const feed = (await (await fetch(`${base}/api/changes?limit=500`)).json()) as {
      items: { entity: string; recordId: string; kind: string }[];
    };
    expect(feed.items.filter((event) => event.recordId === replyId)).toMatchObject([
      { entity: "replies", kind: "created" },
    ]);
  });

  it("refuses a reply to a record that does not concern the party, with the reason", async () => {
    const response = await sendAs(south, "POST", `${base}/api/replies`, replyBody(incidentId));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/does not concern/);
  });

  it("lets nobody but the party's representatives change or retract the reply", async () => {
    for (const who of [south, staff.mediator, staff.administrator]) {
      const patch = await sendAs(who, "PATCH", `${base}/api/replies/${replyId}`, { text: "Rewritten" });
      expect(patch.status, who.role).toBe(403);
      const retract = await sendAs(who, "POST", `${base}/api/replies/${replyId}/retract`, { reason: "no" });
      expect(retract.status, who.role).toBe(403);
    }
    const changed = await sendAs(north, "PATCH", `${base}/api/replies/${replyId}`, {
      text: "Corrected reply.",
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { text: string }).text).toBe("Corrected reply.");
  });

  it("prints the incident's reply beside it in the public's implementation report", async () => {
    const report = await fetch(`${base}/api/reports/implementation?process=${processId}&since=2024-01-01`);
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toMatch(/Shelling near the line[\s\S]*party-reply[\s\S]*Corrected reply\./);
  });

  it("embeds replies to assessments and readings in their details, the commitment page and the report", async () => {
    const commitment = await createPublished(
      base,
      "commitments",
      {
        id: freshId("reply-c"),
        processId,
        title: "Withdraw",
        obligorPartyIds: ["reply-north"],
        action: "Withdraw",
      },
      staff,
    );
    const assessment = await createPublished(
      base,
      "assessments",
      {
        commitmentId: commitment.id,
        partyId: "reply-north",
        asOf: "2024-06-01",
        level: 0,
        rationale: "No withdrawal observed.",
        assessor: "mission",
      },
      staff,
    );
    const refused = await sendAs(south, "POST", `${base}/api/replies`, {
      answers: { kind: "assessments", id: assessment.id },
      text: "Not ours to answer.",
    });
    expect(refused.status).toBe(403);
    const created = await sendAs(north, "POST", `${base}/api/replies`, {
      answers: { kind: "assessments", id: assessment.id },
      text: "Withdrawal began on 30 May.",
    });
    expect(created.status).toBe(201);

    const detail = (await (await fetch(`${base}/api/assessments/${assessment.id}`)).json()) as {
      replies: { text: string }[];
    };
    expect(detail.replies.map((reply) => reply.text)).toEqual(["Withdrawal began on 30 May."]);
    const page = (await (await fetch(`${base}/api/commitments/${commitment.id}`)).json()) as {
      assessments: { id: string; replies: { text: string }[] }[];
    };
    expect(page.assessments.find((a) => a.id === assessment.id)?.replies.map((r) => r.text)).toEqual([
      "Withdrawal began on 30 May.",
    ]);
    const report = await (
      await fetch(`${base}/api/reports/implementation?process=${processId}&since=2024-01-01`)
    ).text();
    expect(report).toMatch(/No withdrawal observed\.[\s\S]*party-reply[\s\S]*Withdrawal began on 30 May\./);

    const reading = await createPublished(
      base,
      "interpretations",
      { processId, commitmentId: commitment.id, partyId: "reply-north", reading: "Withdraw within a year." },
      staff,
    );
    const answered = await sendAs(north, "POST", `${base}/api/replies`, {
      answers: { kind: "interpretations", id: reading.id },
      text: "That is not our reading.",
    });
    expect(answered.status).toBe(201);
    const withReading = (await (await fetch(`${base}/api/commitments/${commitment.id}`)).json()) as {
      interpretations: { id: string; replies: { text: string }[] }[];
    };
    expect(withReading.interpretations.find((i) => i.id === reading.id)?.replies.map((r) => r.text)).toEqual([
      "That is not our reading.",
    ]);
  });

  it("answers the public 401 on every write", async () => {
    expect((await sendAs(undefined, "POST", `${base}/api/replies`, replyBody(incidentId))).status).toBe(401);
    expect((await sendAs(undefined, "PATCH", `${base}/api/replies/${replyId}`, { text: "x" })).status).toBe(
      401,
    );
  });

  it("cannot reply to a draft incident: it is not found for the representative", async () => {
    const draft = await sendAs(staff.monitor, "POST", `${base}/api/incidents`, incidentBody(["reply-north"]));
    expect(draft.status).toBe(201);
    const { id } = (await draft.json()) as { id: string };
    const response = await sendAs(north, "POST", `${base}/api/replies`, replyBody(id));
    expect(response.status).toBe(404);
  });

  it("takes a retracted reply out of the public view", async () => {
    const retracted = await sendAs(north, "POST", `${base}/api/replies/${replyId}/retract`, {
      reason: "Superseded by our statement.",
    });
    expect(retracted.status).toBe(200);
    const detail = (await (await fetch(`${base}/api/incidents/${incidentId}`)).json()) as {
      replies: unknown[];
    };
    expect(detail.replies).toEqual([]);
  });
});
