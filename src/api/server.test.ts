import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { buildServer } from "./server.js";

let database: Database;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await openPgliteForTest();
  await seedFromFolder(database.db);
  app = await buildServer({ database, webFolder: "/nonexistent" });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (path: string) => fetch(`${base}${path}`);
const send = (method: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

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
    expect((await fetch(`${base}/api/places/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await get(`/api/places/${id}`)).status).toBe(404);
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
  it("computes the index as of a date from confirmed assessments only", async () => {
    const before = await (await get("/api/compliance?process=nk-2020&asOf=2023-01-01")).json();
    expect(before.groups.find((g: { key: string }) => g.key === "azerbaijan").index).toBeNull();
    const after = await (await get("/api/compliance?process=nk-2020&asOf=2023-06-01&groupBy=party")).json();
    const azerbaijan = after.groups.find((g: { key: string }) => g.key === "azerbaijan");
    // one confirmed assessment, level 1 → 33.3; the under-review one on return of IDPs does not count
    expect(azerbaijan.index).toBeCloseTo(33.333, 2);
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
    const correction = {
      commitmentId: "c-corridor-safe-movement",
      partyId: "azerbaijan",
      asOf: "2023-02-22",
      level: 0,
      rationale: "Correction in a test",
      assessor: "test",
      supersedesId: "a-safe-movement-2023-02-22",
    };
    expect((await send("POST", "/api/assessments", correction)).status).toBe(201);
    const index = await (await get("/api/compliance?process=nk-2020&asOf=2023-06-01")).json();
    expect(index.groups.find((g: { key: string }) => g.key === "azerbaijan").index).toBe(0);
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
