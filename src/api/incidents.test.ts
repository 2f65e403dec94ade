import { parse as parseCsv } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSchema } from "../domain/entities.js";
import { IncidentPage, IncidentSummary } from "../domain/incident-list.js";
import { licences } from "../domain/licences.js";
import { acledCurrentColumns } from "../ingest/acled-columns.js";
import { seedFromFolder } from "../services/demo-data.js";
import { setLicencePublicUse } from "../services/licence-policy.js";
import { createRecord, systemActor } from "../services/records.js";
import type { Database } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";
import { sendAs, testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { buildServer } from "./server.js";

/**
 * GET /api/incidents with its filters, keyset paging, summaries, and the CSV and GeoJSON exports, through
 * the real HTTP server on both databases. Expected answers are computed from the same rows in JavaScript.
 */

const statuses = ["reported", "corroborated", "verified", "disputed"] as const;
const types = ["ceasefire_violation", "blockade", "movement_restriction"] as const;

interface Spec {
  id: string;
  i: number;
  startDate: string;
  monitoringType: string;
  acledEventType?: string;
  acledSubEventType?: string;
  actorParty: string;
  actorName: string;
  allegedBy: string[];
  verificationStatus: string;
  country: string;
  admin1: string;
  latitude?: number;
  longitude?: number;
  title: string;
  licence: string;
  published: boolean;
}

/** 45 incidents on 6 dates (ties), every filtered field varied by a different stride. */
function spec(i: number, provisionId: string) {
  const position =
    i === 1
      ? { latitude: 10, longitude: 179.5 }
      : i === 2
        ? { latitude: 10, longitude: -179.5 }
        : i % 8 === 0
          ? {}
          : { latitude: 39 + (i % 10) * 0.1, longitude: 45 + (i % 5) * 0.2 };
  const s: Spec = {
    id: `tl-${String(i).padStart(3, "0")}`,
    i,
    startDate: `2023-0${1 + (i % 6)}-15`,
    monitoringType: types[i % 3] as string,
    ...(i % 4 === 0 ? { acledEventType: "Battles", acledSubEventType: "Armed clash" } : {}),
    ...(i % 4 === 1
      ? {
          acledEventType: "Explosions/Remote violence",
          acledSubEventType: "Shelling/artillery/missile attack",
        }
      : {}),
    actorParty: i % 2 ? "tl-a" : "tl-b",
    actorName: i % 5 === 0 ? "Protesters (Armenia)" : "Unidentified armed group",
    allegedBy: [...(i % 3 === 0 ? ["tl-a"] : []), ...(i % 7 === 0 ? ["tl-b"] : [])],
    verificationStatus: i % 9 === 0 ? "machine_coded" : (statuses[i % 4] as string),
    country: i % 2 ? "Armenia" : "Azerbaijan",
    admin1: `Region ${i % 3}`,
    ...position,
    title: `Incident ${i} near ${i % 2 ? "Lachin" : "Shusha"}`,
    licence: i % 5 === 0 ? "acled" : "own",
    published: i !== 4,
  };
  const record = createSchema("incidents").parse({
    id: s.id,
    processId: "tl",
    reviewState: s.published ? "published" : "draft",
    title: s.title,
    monitoringType: s.monitoringType,
    acledEventType: s.acledEventType,
    acledSubEventType: s.acledSubEventType,
    startDate: s.startDate,
    country: s.country,
    admin1: s.admin1,
    ...position,
    actors: [
      { partyId: s.actorParty, role: "perpetrator" },
      { name: s.actorName, role: "target" },
    ],
    allegedByPartyIds: i % 3 === 0 ? ["tl-a"] : [],
    allegedBreaches: i % 7 === 0 ? [{ provisionId, allegedByPartyId: "tl-b", sources: [] }] : [],
    verificationStatus: s.verificationStatus,
    description: i === 3 ? "x".repeat(1000) : `Shelling reported, "heavy", near checkpoint ${i}.`,
    licence: s.licence,
    externalIds: s.licence === "acled" ? { acled: `ARM${i}` } : {},
    sources: [{ url: `https://example.org/${i}` }],
  });
  return { spec: s, record: record as NewRecord<"incidents"> };
}

/** List order: newest start date first, then id descending (ids share one shape, so any collation agrees). */
const listOrder = (a: Spec, b: Spec) =>
  b.startDate.localeCompare(a.startDate) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describeEachDatabase("incident list and exports", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let specs: Spec[];
  const get = (path: string) => fetch(`${base}${path}`);

  beforeAll(async () => {
    database = await open();
    await seedFromFolder(database.db);
    const actor = systemActor("test");
    await createRecord(database.db, "processes", { id: "tl", name: "List test", slug: "list-test" }, actor);
    for (const id of ["tl-a", "tl-b"])
      await createRecord(
        database.db,
        "parties",
        { id, processId: "tl", kind: "state", shortName: id, names: [{ text: id, lang: "en" }] },
        actor,
      );
    const [provision] = (await repositories.provisions.list(database.db, { limit: 1 })).items;
    const made = Array.from({ length: 45 }, (_, i) => spec(i, provision?.id ?? ""));
    await repositories.incidents.insertMany(
      database.db,
      made.map((m) => m.record),
      "test",
    );
    specs = made.map((m) => m.spec);
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Every page of a list, following nextCursor; each page checked against the response schema. */
  async function walk(query: string, limit = 4): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(
        `/api/incidents?processId=tl&limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(response.status, await response.clone().text()).toBe(200);
      const page = IncidentPage.parse(await response.json());
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }
  const expected = (keep: (s: Spec) => boolean, signals = false) =>
    specs
      // The public (these requests are anonymous) sees published incidents only: tl-004 is a draft.
      .filter((s) => s.published && (signals ? true : s.verificationStatus !== "machine_coded") && keep(s))
      .sort(listOrder)
      .map((s) => s.id);

  it("pages by keyset across ties on start date: no gaps, no duplicates, in list order", async () => {
    for (const limit of [1, 4, 7, 50]) expect(await walk("", limit)).toEqual(expected(() => true));
  });

  it("filters by type, ACLED types, status, country, admin1, date range", async () => {
    const cases: [string, (s: Spec) => boolean][] = [
      ["&monitoringType=blockade", (s) => s.monitoringType === "blockade"],
      ["&acledEventType=Battles", (s) => s.acledEventType === "Battles"],
      [
        `&acledSubEventType=${encodeURIComponent("Shelling/artillery/missile attack")}`,
        (s) => s.acledSubEventType === "Shelling/artillery/missile attack",
      ],
      ["&verificationStatus=verified", (s) => s.verificationStatus === "verified"],
      ["&country=Armenia&admin1=Region%201", (s) => s.country === "Armenia" && s.admin1 === "Region 1"],
      ["&from=2023-02-01&to=2023-04-15", (s) => s.startDate >= "2023-02-01" && s.startDate <= "2023-04-15"],
      [
        "&monitoringType=ceasefire_violation&from=2023-05-01",
        (s) => s.i % 3 === 0 && s.startDate >= "2023-05-01",
      ],
    ];
    for (const [query, keep] of cases) expect(await walk(query), query).toEqual(expected(keep));
  });

  it("filters by actor (party id or name) and by alleging party (either place)", async () => {
    expect(await walk("&actor=tl-a")).toEqual(expected((s) => s.actorParty === "tl-a"));
    expect(await walk(`&actor=${encodeURIComponent("Protesters (Armenia)")}`)).toEqual(
      expected((s) => s.actorName === "Protesters (Armenia)"),
    );
    expect(await walk("&allegedBy=tl-a")).toEqual(expected((s) => s.allegedBy.includes("tl-a")));
    expect(await walk("&allegedBy=tl-b")).toEqual(expected((s) => s.allegedBy.includes("tl-b")));
  });

  it("filters by bounding box, also across the antimeridian", async () => {
    const inBox = (s: Spec, [w, south, e, n]: number[]) =>
      s.longitude !== undefined &&
      s.latitude !== undefined &&
      s.latitude >= (south as number) &&
      s.latitude <= (n as number) &&
      ((w as number) <= (e as number)
        ? s.longitude >= (w as number) && s.longitude <= (e as number)
        : s.longitude >= (w as number) || s.longitude <= (e as number));
    for (const box of [
      [45.1, 39.05, 45.5, 39.65],
      [179, 0, -179, 20],
      [-180, -90, 180, 90],
    ])
      expect(await walk(`&bbox=${box.join(",")}`), box.join(",")).toEqual(expected((s) => inBox(s, box)));
  });

  it("searches title, location and description by word prefixes", async () => {
    expect(await walk("&q=lach")).toEqual(expected((s) => s.i % 2 === 1));
    expect(await walk("&q=Shusha%20heavy")).toEqual(expected((s) => s.i % 2 === 0 && s.i !== 3));
    expect(await walk("&q=checkpoint%2012")).toEqual(expected((s) => s.i === 12));
    expect(await walk("&q=nothingmatches")).toEqual([]);
  });

  it("leaves machine-coded signals out unless asked for by status", async () => {
    const all = await walk("");
    expect(all.some((id) => specs.find((s) => s.id === id)?.verificationStatus === "machine_coded")).toBe(
      false,
    );
    expect(await walk("&verificationStatus=machine_coded")).toEqual(
      expected((s) => s.verificationStatus === "machine_coded", true),
    );
  });

  it("answers summaries: an excerpt in place of the description, the rest as the detail route has it", async () => {
    const page = await (await get("/api/incidents?processId=tl&limit=500")).json();
    for (const item of page.items) IncidentSummary.strict().parse(item);
    const long = page.items.find((item: { id: string }) => item.id === "tl-003");
    expect(long).toMatchObject({ excerpt: "x".repeat(300), descriptionLength: 1000, sourceCount: 1 });
    expect(long).not.toHaveProperty("description");
    const detail = await (await get("/api/incidents/tl-003")).json();
    for (const key of ["createdAt", "updatedAt", "startDate", "actors", "latitude", "country", "externalIds"])
      expect(long[key], key).toEqual(detail[key]);
    const breach = page.items.find((item: { id: string }) => item.id === "tl-007");
    expect(breach.allegedBreachCount).toBe(1);
  });

  it("refuses bad input with 400 in the one error shape, on the list and the exports", async () => {
    const forged = Buffer.from(JSON.stringify(["2023-02-30", "x"])).toString("base64url");
    for (const route of ["/api/incidents", "/api/incidents.csv", "/api/incidents.geojson"])
      for (const query of [
        "bbox=1,2,3",
        "bbox=10,50,20,40",
        "bbox=200,0,210,10",
        "q=%21%21%21",
        "limit=0",
        "monitoringType=meteor",
        `cursor=${forged}`,
        "from=2023-13-01",
        "actor=",
        "processId=a&processId=b",
      ]) {
        const response = await get(`${route}?${query}`);
        expect(response.status, `${route}?${query}`).toBe(400);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect((await response.json()).error.code).toBe("validation_failed");
      }
  });

  /** Published, not machine-coded: what the exports of process tl hold, in list order. */
  const exported = () =>
    specs.filter((s) => s.published && s.verificationStatus !== "machine_coded").sort(listOrder);

  function splitCsv(text: string) {
    const lines = text.split("\n");
    const firstNote = lines.findIndex((line) => line.startsWith("#"));
    const notes = firstNote < 0 ? [] : lines.slice(firstNote).filter((line) => line !== "");
    const rows = parseCsv(firstNote < 0 ? text : `${lines.slice(0, firstNote).join("\n")}\n`, {
      columns: true,
    }) as Record<string, string>[];
    return { header: lines[0], rows, notes };
  }

  it("exports CSV in ACLED's column order, ACLED rows left out and counted, with attribution", async () => {
    const response = await get("/api/incidents.csv?processId=tl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const { header, rows, notes } = splitCsv(await response.text());
    expect(header).toBe(acledCurrentColumns.join(","));
    const shown = exported().filter((s) => s.licence !== "acled");
    expect(rows.map((row) => row.event_date)).toEqual(shown.map((s) => s.startDate));
    expect(rows.every((row) => row.event_id_cnty === "")).toBe(true);
    expect(rows.find((row) => row.notes?.includes("checkpoint 1."))?.notes).toBe(
      'Shelling reported, "heavy", near checkpoint 1.',
    );
    const acled = exported().filter((s) => s.licence === "acled").length;
    expect(acled).toBeGreaterThan(0);
    expect(notes).toContain(
      `# ${acled} row(s) under "${licences.acled?.name}" left out: its terms do not allow handing the rows on.`,
    );
    expect(notes).toContain(`# Source: ${licences.acled?.attribution}`);
    expect(notes.some((note) => note.startsWith("# More rows"))).toBe(false);
  });

  it("bounds an export by limit and continues it with the cursor", async () => {
    const seen: string[] = [];
    let path = "/api/incidents.csv?processId=tl&limit=6";
    for (let round = 0; round < 20; round++) {
      const { rows, notes } = splitCsv(await (await get(path)).text());
      seen.push(...rows.map((row) => `${row.event_date} ${row.notes}`));
      const more = notes.find((note) => note.startsWith("# More rows"));
      if (!more) break;
      path = `/api/incidents.csv?processId=tl&limit=6&cursor=${more.split("cursor=")[1]}`;
    }
    const shown = exported().filter((s) => s.licence !== "acled");
    expect(seen).toHaveLength(shown.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("exports GeoJSON: a FeatureCollection, [longitude, latitude], the unplaced counted", async () => {
    const response = await get("/api/incidents.geojson?processId=tl");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const body = await response.json();
    expect(body.type).toBe("FeatureCollection");
    const shown = exported().filter((s) => s.licence !== "acled");
    const placed = shown.filter((s) => s.longitude !== undefined);
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(placed.map((s) => s.id));
    for (const feature of body.features) {
      const s = specs.find((x) => x.id === feature.id) as Spec;
      expect(feature).toMatchObject({ type: "Feature", geometry: { type: "Point" } });
      expect(feature.geometry.coordinates).toEqual([s.longitude, s.latitude]);
      expect(feature.properties.title).toBe(s.title);
    }
    expect(body.numberReturned).toBe(placed.length);
    expect(body.withoutCoordinates).toBe(shown.length - placed.length);
    expect(body.leftOut).toEqual([
      {
        licence: "acled",
        name: licences.acled?.name,
        count: exported().filter((s) => s.licence === "acled").length,
      },
    ]);
    expect(body.attribution).toContain(licences.acled?.attribution);
    expect(body.nextCursor).toBeNull();
    const first = await (await get("/api/incidents.geojson?processId=tl&limit=3")).json();
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it("follows the administrator's licence setting: excluded rows are neither shown nor counted", async () => {
    await setLicencePublicUse(database.db, "acled", "exclude", "test");
    try {
      const body = await (await get("/api/incidents.geojson?processId=tl")).json();
      expect(body.leftOut).toEqual([]);
      expect(body.attribution).not.toContain(licences.acled?.attribution);
      const { notes } = splitCsv(await (await get("/api/incidents.csv?processId=tl")).text());
      expect(notes.join("\n")).not.toContain("ACLED");
    } finally {
      await setLicencePublicUse(database.db, "acled", "count_only", "test");
    }
  });

  it("counts a process's incidents without counting rows, signals apart", async () => {
    const overview = async () => (await (await get("/api/processes/tl/overview")).json()).counts;
    // The public's overview counts published incidents only (tl-004 is a draft).
    const shown = specs.filter((s) => s.published);
    const signals = shown.filter((s) => s.verificationStatus === "machine_coded").length;
    expect(await overview()).toMatchObject({
      incidents: shown.length - signals,
      machineCodedSignals: signals,
      verifiedIncidents: shown.filter((s) => s.verificationStatus === "verified").length,
    });
    // What has been public is retracted, not deleted; an administrator corrects published field work.
    const administrator = await testAccount(database.db, "administrator");
    const retracted = await sendAs(administrator, "POST", `${base}/api/incidents/tl-011/review`, {
      action: "retract",
      reason: "a duplicate of another report",
    });
    expect(retracted.status).toBe(200);
    const changed = await sendAs(administrator, "PATCH", `${base}/api/incidents/tl-013`, {
      verificationStatus: "machine_coded",
    });
    expect(changed.status).toBe(200);
    expect(await overview()).toMatchObject({
      incidents: shown.length - signals - 2,
      machineCodedSignals: signals + 1,
    });
    const latest = (await (await get("/api/processes/tl/overview")).json()).latestIncidents;
    expect(
      latest.every((i: { verificationStatus: string }) => i.verificationStatus !== "machine_coded"),
    ).toBe(true);
  });
});
