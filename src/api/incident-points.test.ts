import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSchema } from "../domain/entities.js";
import { IncidentPoints, IncidentTitles } from "../domain/incident-points.js";
import { createRecord, systemActor } from "../services/records.js";
import type { Database } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";
import { fetchAs, testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { contentSecurityPolicy } from "./hardening.js";
import { mapTilesFromEnv, withMapTileOrigin } from "./map-config.js";
import { buildServer } from "./server.js";

/**
 * GET /api/processes/:id/incident-points and /incident-titles through the real server, on both
 * databases: the arrays line up, positions come from the incident or else its place, nothing without
 * a position is put at 0,0, signals come only when asked, and the list's filters apply unchanged.
 */

type Fields = Partial<NewRecord<"incidents">> & { id: string; startDate: string };

const incident = (fields: Fields) =>
  createSchema("incidents").parse({
    processId: "mp",
    title: `Incident ${fields.id}`,
    monitoringType: "ceasefire_violation",
    sources: [],
    ...fields,
  }) as NewRecord<"incidents">;

const rows: Fields[] = [
  { id: "mp-exact", startDate: "2023-01-02", latitude: 39.5, longitude: 46.5, acledEventType: "Battles" },
  { id: "mp-via-place", startDate: "2023-01-03", placeId: "mp-town", monitoringType: "blockade" },
  { id: "mp-place-unknown", startDate: "2023-01-04", placeId: "mp-nowhere" },
  { id: "mp-nowhere", startDate: "2023-01-05" },
  {
    id: "mp-signal",
    startDate: "2023-01-06",
    latitude: 40,
    longitude: 45,
    verificationStatus: "machine_coded",
  },
  {
    id: "mp-ucdp",
    startDate: "2023-01-07",
    latitude: 40.2,
    longitude: 45.2,
    geoPrecision: 3,
    ucdpWherePrecision: 4,
    verificationStatus: "verified",
    fatalities: { best: 2, low: 1, high: 3 },
  },
  ...Array.from({ length: 6 }, (_, i) => ({
    id: `mp-extra-${i}`,
    startDate: `2022-0${i + 1}-15`,
    latitude: 39 + i / 10,
    longitude: 46,
    allegedByPartyIds: i % 2 ? ["mp-a"] : [],
  })),
  { id: "mp-acled", startDate: "2023-01-08", latitude: 39.6, longitude: 46.6, licence: "acled" },
];

describeEachDatabase("incident points for the map", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;

  async function points(query = "", as: (url: string) => Promise<Response> = fetch) {
    const response = await as(`${base}/api/processes/mp/incident-points${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return IncidentPoints.parse(await response.json());
  }
  const byId = (answer: IncidentPoints) =>
    new Map(
      answer.id.map((id, i) => [
        id,
        {
          lon: answer.lon[i],
          lat: answer.lat[i],
          day: answer.day[i],
          type: answer.dictionaries.monitoringType[answer.monitoringType[i] as number],
          event: answer.dictionaries.acledEventType[answer.acledEventType[i] as number],
          status: answer.dictionaries.verificationStatus[answer.verificationStatus[i] as number],
          geoPrecision: answer.geoPrecision[i],
          wherePrecision: answer.wherePrecision[i],
          fromPlace: answer.fromPlace[i],
        },
      ]),
    );

  beforeAll(async () => {
    database = await open();
    const actor = systemActor("test");
    await createRecord(database.db, "processes", { id: "mp", name: "Map test", slug: "map-test" }, actor);
    await createRecord(
      database.db,
      "parties",
      { id: "mp-a", processId: "mp", kind: "state", shortName: "A", names: [{ text: "A", lang: "en" }] },
      actor,
    );
    const town = { processId: "mp", kind: "town", latitude: 39.8, longitude: 46.7, geoPrecision: 2 };
    await createRecord(
      database.db,
      "places",
      { id: "mp-town", ...town, names: [{ text: "Town", lang: "en" }] },
      actor,
    );
    await createRecord(
      database.db,
      "places",
      { id: "mp-nowhere", processId: "mp", kind: "village", names: [{ text: "Nowhere", lang: "en" }] },
      actor,
    );
    await repositories.incidents.insertMany(database.db, rows.map(incident), "test");
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("sends every incident once, its arrays aligned, and takes a place's position honestly", async () => {
    const answer = await points();
    // Less the signal, and the ACLED row the public map may not draw.
    expect(answer.count).toBe(rows.length - 2);
    expect(answer).toMatchObject({ matched: answer.count, truncated: false });
    for (const array of [answer.lon, answer.lat, answer.day, answer.geoPrecision, answer.fromPlace])
      expect(array).toHaveLength(answer.count);
    const found = byId(answer);
    expect(found.has("mp-signal")).toBe(false);
    expect(found.get("mp-exact")).toMatchObject({
      lon: 46.5,
      lat: 39.5,
      type: "ceasefire_violation",
      event: "Battles",
      status: "reported",
      geoPrecision: 1,
      fromPlace: 0,
      day: Date.UTC(2023, 0, 2) / 86_400_000,
    });
    // The place's position, at the place's coarser precision, and marked as borrowed.
    expect(found.get("mp-via-place")).toMatchObject({ lon: 46.7, lat: 39.8, geoPrecision: 2, fromPlace: 1 });
    expect(found.get("mp-ucdp")).toMatchObject({ geoPrecision: 3, wherePrecision: 4, status: "verified" });
    expect(found.get("mp-exact")?.event).toBe("Battles");
    expect(answer.acledEventType[answer.id.indexOf("mp-via-place")]).toBe(-1);
  });

  it("leaves rows of a licence public outputs may not show off the public map, not off the staff's", async () => {
    expect(byId(await points()).has("mp-acled")).toBe(false);
    const monitor = await testAccount(database.db, "monitor");
    expect(byId(await points("", fetchAs(monitor))).has("mp-acled")).toBe(true);
  });

  it("lists incidents with no position beside the map, never at 0,0", async () => {
    const answer = await points();
    const found = byId(answer);
    for (const id of ["mp-place-unknown", "mp-nowhere"])
      expect(found.get(id)).toMatchObject({ lon: null, lat: null });
    expect(answer.lon.filter((lon) => lon === 0)).toEqual([]);
    expect(answer.unlocated.count).toBe(2);
    expect(answer.unlocated.first.map((u) => u.id)).toEqual(["mp-nowhere", "mp-place-unknown"]);
    expect(answer.unlocated.first[0]).toEqual({
      id: "mp-nowhere",
      title: "Incident mp-nowhere",
      startDate: "2023-01-05",
    });
  });

  it("adds machine-coded signals only when asked, with their own status", async () => {
    const found = byId(await points("?signals=include"));
    expect(found.get("mp-signal")?.status).toBe("machine_coded");
    expect(found.size).toBe(rows.length - 1);
    expect([...byId(await points("?verificationStatus=machine_coded")).keys()]).toEqual(["mp-signal"]);
  });

  it("applies the incident list's filters and keeps the newest when cut", async () => {
    expect([...byId(await points("?monitoringType=blockade")).keys()]).toEqual(["mp-via-place"]);
    expect([...byId(await points("?from=2023-01-04&to=2023-01-05")).keys()].sort()).toEqual([
      "mp-nowhere",
      "mp-place-unknown",
    ]);
    expect([...byId(await points("?allegedBy=mp-a")).keys()].sort()).toEqual([
      "mp-extra-1",
      "mp-extra-3",
      "mp-extra-5",
    ]);
    const boxed = await points("?bbox=45.9,38.95,46.05,39.25");
    expect([...byId(boxed).keys()].sort()).toEqual(["mp-extra-0", "mp-extra-1", "mp-extra-2"]);
    expect(boxed.unlocated.count).toBe(0);
    const cut = await points("?limit=2");
    expect(cut).toMatchObject({ count: 2, matched: rows.length - 2, truncated: true });
    expect(cut.id.sort()).toEqual(["mp-nowhere", "mp-ucdp"]);
  });

  it("refuses bad filters and unknown processes in the one error shape", async () => {
    const bad = await fetch(`${base}/api/processes/mp/incident-points?bbox=1,2,3`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBeTruthy();
    expect((await fetch(`${base}/api/processes/mp/incident-points?limit=300001`)).status).toBe(400);
    expect((await fetch(`${base}/api/processes/nope/incident-points`)).status).toBe(404);
  });

  it("gives titles by id for a popup or a cluster's list, in the order asked", async () => {
    const response = await fetch(`${base}/api/processes/mp/incident-titles?ids=mp-ucdp,mp-exact,missing`);
    expect(response.status).toBe(200);
    const { items } = IncidentTitles.parse(await response.json());
    expect(items.map((item) => item.id)).toEqual(["mp-ucdp", "mp-exact"]);
    expect(items[0]).toMatchObject({ title: "Incident mp-ucdp", startDate: "2023-01-07", fatalities: 2 });
    const tooMany = Array.from({ length: 101 }, (_, i) => `x${i}`).join(",");
    expect((await fetch(`${base}/api/processes/mp/incident-titles?ids=${tooMany}`)).status).toBe(400);
  });

  it("says which basemap is set: none by default", async () => {
    const response = await fetch(`${base}/api/map/config`);
    expect(await response.json()).toEqual({ tiles: null });
  });
});

it("reads the tile setting and lets only its origin through the Content-Security-Policy", () => {
  expect(mapTilesFromEnv({})).toBeNull();
  const tiles = mapTilesFromEnv({
    PEACETRACK_MAP_TILES: "https://tiles.example.org/osm/{z}/{x}/{y}.png",
    PEACETRACK_MAP_TILES_ATTRIBUTION: "© OpenStreetMap contributors",
  });
  expect(tiles).toEqual({
    url: "https://tiles.example.org/osm/{z}/{x}/{y}.png",
    attribution: "© OpenStreetMap contributors",
    maxZoom: 19,
  });
  const policy = withMapTileOrigin(contentSecurityPolicy, tiles);
  expect(policy["img-src"]).toContain("https://tiles.example.org");
  expect(policy["connect-src"]).toEqual(["'self'", "https://tiles.example.org"]);
  expect(policy["script-src"]).toEqual(["'self'"]);
  expect(() => mapTilesFromEnv({ PEACETRACK_MAP_TILES: "https://tiles.example.org/{z}/{x}.png" })).toThrow(
    /\{y\}/,
  );
  expect(() => mapTilesFromEnv({ PEACETRACK_MAP_TILES: "ftp://x/{z}/{x}/{y}" })).toThrow(/http/);
  expect(() => mapTilesFromEnv({ PEACETRACK_MAP_TILES: "https://{s}.tile.org/{z}/{x}/{y}.png" })).toThrow();
});
