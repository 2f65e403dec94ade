import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { createPublished, type StaffAccounts, sendAs, staffAccounts } from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { commitmentBody, freshId, partyBody } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

let database: Database;
let app: FastifyInstance;
let base: string;
let staff: StaffAccounts;

beforeAll(async () => {
  database = await openPgliteForTest();
  await seedFromFolder(database.db);
  staff = await staffAccounts(database.db);
  app = await buildServer({ database, webFolder: "/nonexistent" });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (path: string) => fetch(`${base}${path}`);
/** Writes as an administrator, who may create every kind of record (as a draft). */
const send = (method: string, path: string, body?: unknown) =>
  sendAs(staff.administrator, method, `${base}${path}`, body);
/** A record made the way published data is: created, submitted, published by someone else. */
const publish = (kind: Parameters<typeof createPublished>[1], body: Record<string, unknown>) =>
  createPublished(base, kind, body, staff);

describe("HTTP API", () => {
  it("answers health with the database kind", async () => {
    const response = await get("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "pglite" });
  });

  it("publishes OpenAPI 3.1 with every resource, and browsable docs", async () => {
    const spec = await (await get("/api/openapi.json")).json();
    expect(spec.openapi).toBe("3.1.0");
    for (const path of [
      "/api/agreements",
      "/api/agreement-versions/{id}",
      "/api/incidents",
      "/api/compliance",
      "/api/meetings.ics",
    ])
      expect(Object.keys(spec.paths)).toContain(path);
    const docs = await get("/api/docs/");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("<html");
  });

  it("lists with filters and cursor pagination", async () => {
    const first = await (await get("/api/places?processId=nk-2020&limit=5")).json();
    expect(first.items).toHaveLength(5);
    const second = await (
      await get(`/api/places?processId=nk-2020&limit=5&cursor=${first.nextCursor}`)
    ).json();
    const ids = [...first.items, ...second.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const towns = await (await get("/api/places?kind=town")).json();
    expect(towns.items.every((p: { kind: string }) => p.kind === "town")).toBe(true);
  });

  it("answers an unknown id with 404 in the one error shape", async () => {
    const response = await get("/api/parties/nobody");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: 'No parties record with id "nobody".' },
    });
    const route = await get("/api/nothing-here");
    expect(route.status).toBe(404);
    expect((await route.json()).error.code).toBe("not_found");
  });

  it("refuses an invalid body with 400 and per-field details, writing nothing", async () => {
    const response = await send("POST", "/api/incidents", {
      processId: "nk-2020",
      title: "",
      monitoringType: "meteor",
      startDate: "2023-13-45",
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "monitoringType",
      "startDate",
      "title",
    ]);
  });

  it("creates, changes only the fields sent, and deletes as a tombstone", async () => {
    const created = await send("POST", "/api/places", {
      processId: "nk-2020",
      kind: "village",
      names: [{ text: "Testville", lang: "en" }],
      description: "kept",
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const patched = await send("PATCH", `/api/places/${id}`, { geoPrecision: 3 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      geoPrecision: 3,
      description: "kept",
      names: [{ text: "Testville" }],
    });
    expect((await send("DELETE", `/api/places/${id}`)).status).toBe(204);
    expect((await send("GET", `/api/places/${id}`)).status).toBe(404);
  });

  it("refuses a reference to a record that does not exist, naming the field", async () => {
    const response = await send("POST", "/api/meetings", {
      processId: "nk-2020",
      title: "x",
      date: "2023-01-01",
      level: "technical",
      participantPartyIds: ["atlantis"],
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details).toEqual([
      { path: "participantPartyIds", message: 'no parties record with id "atlantis"' },
    ]);
  });

  it("serves an agreement with its versions side by side and its commitments", async () => {
    const agreement = await (await get("/api/agreements/trilateral-2020")).json();
    expect(agreement.versions.length).toBeGreaterThanOrEqual(3);
    const point6 = agreement.provisions.find((p: { path: string }) => p.path === "6");
    expect(Object.keys(point6.texts)).toHaveLength(3);
    expect(agreement.commitments.map((c: { id: string }) => c.id)).toContain("c-kalbajar");
  });

  it("serves the process overview", async () => {
    const overview = await (await get("/api/processes/nk-2020/overview")).json();
    expect(overview.process.isDemonstration).toBe(true);
    expect(overview.latestIncidents[0].startDate >= overview.latestIncidents[1].startDate).toBe(true);
    expect(overview.counts.agreements).toBe(5);
  });
});

describe("implementation API", () => {
  // A party and commitment of this test's own, so the figures do not move when the demo grows.
  const testParty = freshId("party");
  const testCommitment = freshId("c");
  const assessment = (over: Record<string, unknown>) => ({
    commitmentId: testCommitment,
    partyId: testParty,
    assessor: "test",
    ...over,
  });
  const indexOf = async (asOf: string) => {
    const index = await (await get(`/api/compliance?process=nk-2020&asOf=${asOf}&groupBy=party`)).json();
    return index.groups.find((g: { key: string }) => g.key === testParty)?.index;
  };

  it("computes the index as of a date from confirmed assessments only", async () => {
    await publish("parties", partyBody(testParty));
    await publish("commitments", {
      ...commitmentBody([testParty], testCommitment),
      provisionId: "trilateral-2020:p6.3",
    });
    const published = assessment({
      id: `${testCommitment}-a1`,
      asOf: "2023-02-22",
      level: 1,
      rationale: "x",
    });
    expect((await publish("assessments", published)).reviewState).toBe("published");
    const underReview = await sendAs(
      staff.monitor,
      "POST",
      `${base}/api/assessments`,
      assessment({ asOf: "2023-03-01", level: 3, rationale: "y" }),
    );
    expect(underReview.status).toBe(201);
    const submitted = await sendAs(
      staff.monitor,
      "POST",
      `${base}/api/assessments/${(await underReview.json()).id}/review`,
      { action: "submit_for_review" },
    );
    expect(submitted.status).toBe(200);

    expect(await indexOf("2023-01-01")).toBeNull();
    // one confirmed assessment, level 1 → 33.3; the later one under review does not count
    expect(await indexOf("2023-06-01")).toBeCloseTo(33.333, 2);
    const after = await (await get("/api/compliance?process=nk-2020&asOf=2023-06-01")).json();
    expect(after.method).toContain("Not applicable");
  });

  it("refuses an as-of date in the future", async () => {
    const response = await get("/api/compliance?process=nk-2020&asOf=2999-01-01");
    expect(response.status).toBe(400);
    expect((await response.json()).error.details[0].path).toBe("asOf");
  });

  it("refuses an assessment for a party that is not an obligor, and any edit of an assessment", async () => {
    const body = {
      commitmentId: "c-kalbajar",
      partyId: "azerbaijan",
      asOf: "2021-01-01",
      level: 3,
      rationale: "x",
      assessor: "t",
    };
    const refused = await send("POST", "/api/assessments", body);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0].path).toBe("partyId");
    const edit = await send("PATCH", "/api/assessments/a-safe-movement-2023-02-22", { level: 3 });
    expect(edit.status).toBe(400);
  });

  it("records a correction that supersedes, and refuses superseding the same one twice", async () => {
    const correction = assessment({
      asOf: "2023-02-22",
      level: 0,
      rationale: "Correction in a test",
      supersedesId: `${testCommitment}-a1`,
    });
    await publish("assessments", correction);
    expect(await indexOf("2023-06-01")).toBe(0);
    const again = await send("POST", "/api/assessments", correction);
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toContain("already superseded");
  });

  it("serves the commitment page data with interpretations side by side", async () => {
    const detail = await (await get("/api/commitments/c-icj-unimpeded-movement")).json();
    expect(detail.interpretations.map((i: { partyId: string }) => i.partyId).sort()).toEqual([
      "armenia",
      "azerbaijan",
    ]);
    expect(detail.agreement.id).toBe("icj-order-2023-02-22");
  });

  it("serves a party scorecard with its index over time", async () => {
    const card = await (await get("/api/parties/armenia/scorecard?asOf=2023-06-01")).json();
    expect(card.series.at(-1).date).toBe("2023-06-01");
    expect(card.commitments.some((c: { id: string }) => c.id === "c-kalbajar")).toBe(true);
  });

  it("exports meetings as iCalendar", async () => {
    const response = await get("/api/meetings.ics?processId=nk-2020");
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const text = await response.text();
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("DTSTART;VALUE=DATE:20230301");
  });

  it("renders the implementation report as HTML", async () => {
    const response = await get(
      "/api/reports/implementation?process=nk-2020&asOf=2023-06-01&since=2023-01-01",
    );
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("Implementation report");
    expect(html).toContain("Demonstration data");
    expect(html).toContain("https://keghart.org/icj-condemns-blockade-azerbaijan/");
    expect(html).toContain("Correction in a test");
  });
});
