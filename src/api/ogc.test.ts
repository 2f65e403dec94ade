import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLicencePublicUse } from "../services/licence-policy.js";
import { countByLicence } from "../store/feature-queries.js";
import { describeEachDatabase, openPgliteForTest } from "../test-support/databases.js";
import {
  dailyIds,
  type PublicOutputServer,
  servedFixtureIds,
  startPublicOutputServer,
} from "../test-support/public-outputs-fixture.js";

/** OGC API – Features Part 1 at /ogc, through the real HTTP server. */

interface Link {
  href: string;
  rel: string;
  type?: string;
}
interface FeatureCollection {
  type: string;
  features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
  links: Link[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  withheld?: { licence: string; count: number }[];
  attribution?: string[];
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    body: JSON.parse(text),
  };
}

const linkOf = (links: Link[], rel: string) => links.find((l) => l.rel === rel);

/** Every feature of a query, following next links; also checks prev links walk back. */
async function allPages(first: string) {
  const ids: string[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const { body } = await get(url);
    ids.push(...(body as FeatureCollection).features.map((f) => f.id));
    url = linkOf(body.links, "next")?.href;
    if (++pages > 100) throw new Error("paging does not end");
  }
  return ids;
}

describeEachDatabase("OGC API – Features", (open) => {
  let s: PublicOutputServer;
  beforeAll(async () => {
    s = await startPublicOutputServer(await open());
  }, 120_000);
  afterAll(async () => s?.close());

  it("answers the landing page, conformance and collections with links and extents", async () => {
    const landing = await get(`${s.base}/ogc`);
    expect(landing.status).toBe(200);
    expect(landing.type).toMatch(/^application\/json/);
    for (const rel of ["self", "service-desc", "conformance", "data"])
      expect(linkOf(landing.body.links, rel), rel).toBeDefined();
    expect(linkOf(landing.body.links, "service-desc")?.href).toBe(`${s.base}/api/openapi.json`);

    const conformance = await get(`${s.base}/ogc/conformance?f=json`);
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      ]),
    );

    const collections = await get(`${s.base}/ogc/collections`);
    const ids = collections.body.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(["incidents", "places", "crossing-points"]);
    const incidents = (await get(`${s.base}/ogc/collections/incidents`)).body;
    expect(incidents.extent.spatial.crs).toBe("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    const [minLon, minLat, maxLon, maxLat] = incidents.extent.spatial.bbox[0];
    expect(minLon).toBeLessThanOrEqual(46.5);
    expect(maxLon).toBe(179.5);
    expect(minLat).toBe(-17);
    expect(maxLat).toBeGreaterThanOrEqual(39.7);
    // The ongoing incident leaves the interval open at its end.
    expect(incidents.extent.temporal.interval[0]).toEqual(["2021-01-01T00:00:00Z", null]);
    expect(linkOf(incidents.links, "items")?.type).toBe("application/geo+json");
    const crossing = (await get(`${s.base}/ogc/collections/crossing-points`)).body;
    expect(crossing.extent.temporal).toBeUndefined();
    expect(crossing.extent.spatial.bbox[0]).toHaveLength(4);
  });

  it("serves incidents as GeoJSON in lon/lat order, newest first, with paging links", async () => {
    const page = await get(`${s.base}/ogc/collections/incidents/items`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^application\/geo\+json/);
    const body = page.body as FeatureCollection;
    expect(body.type).toBe("FeatureCollection");
    expect(body.numberReturned).toBe(10);
    expect(body.numberMatched).toBe(servedFixtureIds.length);
    expect(Date.parse(body.timeStamp)).not.toBeNaN();
    expect(linkOf(body.links, "prev")).toBeUndefined();
    const dates = body.features.map((f) => f.properties.startDate as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const first = body.features.find((f) => f.id === "ogc-own-12");
    expect(first?.geometry.coordinates[0]).toBeCloseTo(46.61, 9);
    expect(first?.geometry.coordinates[1]).toBeCloseTo(39.71, 9);
    expect(first?.properties).not.toHaveProperty("description");
    expect(first?.properties.fatalities).toBe(11);

    const ids = await allPages(`${s.base}/ogc/collections/incidents/items?limit=4`);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...servedFixtureIds].sort());
  });

  it("pages back with prev links to the same pages", async () => {
    const one = (await get(`${s.base}/ogc/collections/incidents/items?limit=5`)).body as FeatureCollection;
    const nextHref = linkOf(one.links, "next")?.href as string;
    expect(new URL(nextHref).searchParams.get("cursor")).toMatch(/^[np][A-Za-z0-9_-]+$/);
    const two = (await get(nextHref)).body as FeatureCollection;
    const three = (await get(linkOf(two.links, "next")?.href as string)).body as FeatureCollection;
    const backToTwo = (await get(linkOf(three.links, "prev")?.href as string)).body as FeatureCollection;
    expect(backToTwo.features.map((f) => f.id)).toEqual(two.features.map((f) => f.id));
    const backToOne = (await get(linkOf(backToTwo.links, "prev")?.href as string)).body as FeatureCollection;
    expect(backToOne.features.map((f) => f.id)).toEqual(one.features.map((f) => f.id));
    expect(linkOf(backToOne.links, "prev")).toBeUndefined();
  });

  it("filters by bbox (also across the antimeridian) and datetime", async () => {
    const ids = async (query: string) =>
      (
        (await get(`${s.base}/ogc/collections/incidents/items?limit=1000&${query}`)).body as FeatureCollection
      ).features
        .map((f) => f.id)
        .sort();
    expect(await ids("bbox=170,-30,-170,0")).toEqual(["ogc-pacific"]);
    expect(await ids("bbox=46.545,39.635,46.555,39.645")).toEqual(["ogc-ucdp"]);
    expect(await ids("bbox=46.545,39.635,0,46.555,39.645,100")).toEqual(["ogc-ucdp"]);
    expect(await ids("datetime=2023-03-02T10:00:00Z")).toEqual(["ogc-ongoing", "ogc-own-02"]);
    expect(await ids("datetime=2023-03-10/..")).toEqual([
      "ogc-ongoing",
      "ogc-own-10",
      "ogc-own-11",
      "ogc-own-12",
    ]);
    expect(await ids("datetime=../2021-01-03")).toEqual(["ogc-pacific"]);
    expect(await ids("datetime=2022-09-01T00:00:00Z/2022-09-30T00:00:00Z")).toEqual(["ogc-ucdp"]);
    // Places have no time: a datetime filter selects none of them (the standard's rule).
    const places = await get(`${s.base}/ogc/collections/places/items?datetime=2023-01-01`);
    expect(places.body.numberMatched).toBe(0);
  });

  it("serves places and crossing points; single features; unknowns are 404", async () => {
    const crossing = (await get(`${s.base}/ogc/collections/crossing-points/items`)).body as FeatureCollection;
    expect(
      crossing.features.map((f) => f.properties.kind).every((k) => k === "corridor" || k === "checkpoint"),
    ).toBe(true);
    expect(crossing.features.map((f) => f.id)).toContain("ogc-checkpoint");
    const places = (await get(`${s.base}/ogc/collections/places/items?limit=1000`)).body as FeatureCollection;
    expect(places.features.map((f) => f.id)).toEqual(expect.arrayContaining(["lachin", "ogc-checkpoint"]));
    const one = await get(`${s.base}/ogc/collections/incidents/items/ogc-own-03`);
    expect(one.status).toBe(200);
    expect(one.type).toMatch(/^application\/geo\+json/);
    expect(one.body).toMatchObject({ type: "Feature", id: "ogc-own-03", geometry: { type: "Point" } });
    for (const path of [
      "incidents/items/ogc-no-position",
      "incidents/items/ogc-draft",
      "incidents/items/ogc-gdelt-signal",
      "incidents/items/nope",
      "roads/items",
      "roads",
    ]) {
      const answer = await get(`${s.base}/ogc/collections/${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code).toBe("not_found");
    }
  });

  it("counts by reading a bounded number of rows, and says when a count stopped at the bound", async () => {
    const all = await countByLicence(s.database.db, "incidents", {}, { all: true });
    expect(all.complete).toBe(true);
    const total = all.counts.reduce((sum, row) => sum + row.count, 0);
    const capped = await countByLicence(s.database.db, "incidents", {}, { all: true }, total - 1);
    expect(capped.complete).toBe(false);
    expect(capped.counts.reduce((sum, row) => sum + row.count, 0)).toBe(total);
  });

  it("answers bad parameters with 400 in the one error shape", async () => {
    for (const query of [
      "bbox=1,2,3",
      "bbox=a,b,c,d",
      "bbox=0,0,200,10",
      "bbox=0,50,10,40",
      "bbox=0x1,0,1,1",
      "datetime=2023-02-30",
      "datetime=yesterday",
      "datetime=2023-03-01/2023-02-01",
      "datetime=..",
      "datetime=a/b/c",
      "limit=0",
      "limit=-3",
      "limit=abc",
      "limit=1.5",
      "cursor=zzz",
      "cursor=n!!!",
      "f=html",
      "unknown=1",
      "bbox=1,2,3,4&bbox=1,2,3,4",
    ]) {
      const answer = await get(`${s.base}/ogc/collections/incidents/items?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.type).toMatch(/^application\/json/);
      expect(answer.body.error.code, query).toBe("validation_failed");
      expect(typeof answer.body.error.message).toBe("string");
    }
    const capped = (await get(`${s.base}/ogc/collections/places/items?limit=5000`)).body;
    expect(new URL(linkOf(capped.links, "self")?.href as string).searchParams.get("limit")).toBe("1000");
    const html = await get(`${s.base}/ogc/collections`, { accept: "text/html" });
    expect(html.status).toBe(406);
    expect(html.body.error.code).toBe("not_acceptable");
    expect((await get(`${s.base}/ogc/collections`, { accept: "text/html,*/*;q=0.8" })).status).toBe(200);
  });
});

describe("OGC API – Features: licences", () => {
  let s: PublicOutputServer;
  beforeAll(async () => {
    s = await startPublicOutputServer(await openPgliteForTest());
  }, 120_000);
  afterAll(async () => s?.close());

  it("counts an ACLED row without serving it, with attribution; serves it once included", async () => {
    const items = (await get(`${s.base}/ogc/collections/incidents/items?limit=1000`))
      .body as FeatureCollection;
    expect(items.features.map((f) => f.id)).not.toContain("ogc-acled");
    expect(items.withheld).toEqual([{ licence: "acled", count: 1 }]);
    expect(items.attribution?.join("\n")).toMatch(/ACLED/);
    expect(items.attribution?.join("\n")).toMatch(/UCDP/);
    expect(items.links.filter((l) => l.rel === "license").map((l) => l.href)).toContain(
      "https://acleddata.com/terms-of-use/",
    );
    // Counted for the whole collection, never per box: boxes must not locate the withheld rows.
    const far = (await get(`${s.base}/ogc/collections/incidents/items?bbox=170,-30,-170,0`)).body;
    expect(far.withheld).toEqual([{ licence: "acled", count: 1 }]);
    const collection = (await get(`${s.base}/ogc/collections/incidents`)).body;
    expect(collection.description).toMatch(/1 further incident\(s\) under "ACLED Terms of Use" are counted/);
    expect(collection.description).toMatch(/Armed Conflict Location & Event Data Project/);
    expect(collection.links.some((l: Link) => l.rel === "license")).toBe(true);
    expect((await get(`${s.base}/ogc/collections/incidents/items/ogc-acled`)).status).toBe(404);

    const licences = (await get(`${s.base}/api/licences`)).body.items;
    expect(licences.find((l: { id: string }) => l.id === "acled")).toMatchObject({
      publicUse: "count_only",
      defaultPublicUse: "count_only",
      redistributable: false,
      setting: null,
    });

    await setLicencePublicUse(s.database.db, "acled", "include", "test-admin");
    const after = (await get(`${s.base}/ogc/collections/incidents/items?limit=1000`))
      .body as FeatureCollection;
    expect(after.features.map((f) => f.id)).toContain("ogc-acled");
    expect(after.withheld).toBeUndefined();
    expect(after.attribution?.join("\n")).toMatch(/ACLED/);
    expect((await get(`${s.base}/ogc/collections/incidents/items/ogc-acled`)).body.attribution[0]).toMatch(
      /ACLED/,
    );
    const changed = (await get(`${s.base}/api/licences`)).body.items.find(
      (l: { id: string }) => l.id === "acled",
    );
    expect(changed).toMatchObject({ publicUse: "include", setting: { updatedBy: "test-admin" } });

    // Excluded: neither served nor counted nor credited.
    await setLicencePublicUse(s.database.db, "ucdp-cc-by-4.0", "exclude", "test-admin");
    const excluded = (await get(`${s.base}/ogc/collections/incidents/items?limit=1000`))
      .body as FeatureCollection;
    expect(excluded.features.map((f) => f.id)).not.toContain("ogc-ucdp");
    expect(excluded.withheld).toBeUndefined();
    expect(excluded.attribution?.join("\n")).not.toMatch(/UCDP/);
    await setLicencePublicUse(s.database.db, "ucdp-cc-by-4.0", "include", "test-admin");
  });

  it("lists the OGC routes in the OpenAPI document with their parameters", async () => {
    const spec = (await get(`${s.base}/api/openapi.json`)).body;
    for (const path of [
      "/ogc",
      "/ogc/conformance",
      "/ogc/collections",
      "/ogc/collections/{collectionId}",
      "/ogc/collections/{collectionId}/items",
      "/ogc/collections/{collectionId}/items/{featureId}",
      "/api/licences",
      "/api/incidents.atom",
    ])
      expect(spec.paths[path]?.get, path).toBeDefined();
    const names = spec.paths["/ogc/collections/{collectionId}/items"].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(["bbox", "datetime", "limit", "cursor", "f", "collectionId"]),
    );
    expect(dailyIds).toHaveLength(12);
  });
});
