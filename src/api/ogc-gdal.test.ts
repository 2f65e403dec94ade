import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPgliteForTest } from "../test-support/databases.js";
import {
  type PublicOutputServer,
  servedFixtureIds,
  startPublicOutputServer,
} from "../test-support/public-outputs-fixture.js";

/**
 * A real GIS client against /ogc: GDAL's OAPIF driver (Debian's gdal-bin) lists the collections,
 * reads every feature page by page, and copies the incidents into a GeoPackage.
 */

const run = promisify(execFile);

function gdalMissing(): string | undefined {
  try {
    execFileSync("ogrinfo", ["--version"], { stdio: "pipe", timeout: 10_000 });
    return undefined;
  } catch {
    return "ogrinfo not found (Debian: apt-get install gdal-bin; .ci/run installs it)";
  }
}
const missing = gdalMissing();

// Loopback only, no proxy, no retries that would hide a failing request.
const gdalEnv = { ...process.env, NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1", GDAL_HTTP_MAX_RETRY: "0" };
const gdal = async (tool: "ogrinfo" | "ogr2ogr", args: string[]) =>
  (await run(tool, args, { env: gdalEnv, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 })).stdout;

describe.skipIf(missing !== undefined)(
  `OGC API – Features read by GDAL${missing ? ` — SKIPPED: ${missing}` : ""}`,
  () => {
    let s: PublicOutputServer;
    let folder: string;
    let source: string;
    beforeAll(async () => {
      s = await startPublicOutputServer(await openPgliteForTest());
      source = `OAPIF:${s.base}/ogc`;
      folder = mkdtempSync(join(tmpdir(), "peacetrack-gdal-"));
    }, 120_000);
    afterAll(async () => {
      await s?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it("ogrinfo lists the three collections as point layers", { timeout: 90_000 }, async () => {
      const out = await gdal("ogrinfo", ["-ro", "-so", source]);
      expect(out).toMatch(/incidents \(title: Incidents\) \(Point\)/);
      expect(out).toMatch(/places \(title: Places\) \(Point\)/);
      expect(out).toMatch(/crossing-points \(title: Crossing points\) \(Point\)/);
    });

    it("ogrinfo reads every served incident across pages, and no withheld one", {
      timeout: 90_000,
    }, async () => {
      const out = await gdal("ogrinfo", ["-ro", "-al", source, "incidents"]);
      const ids = [...out.matchAll(/^\s+id \(String\) = (.+)$/gm)].map((m) => m[1]);
      expect(ids.sort()).toEqual([...servedFixtureIds].sort());
      expect(out).toMatch(/Feature Count: 15/);
      expect(out).toContain("POINT (179.5 -17)");
      expect(out).not.toContain("ogc-acled");
      expect(out).toMatch(/DESCRIPTION=.*Armed Conflict Location & Event Data Project/);
    });

    it("ogr2ogr copies the incidents to a GeoPackage with the right count", { timeout: 90_000 }, async () => {
      const gpkg = join(folder, "out.gpkg");
      await gdal("ogr2ogr", ["-f", "GPKG", gpkg, source, "incidents"]);
      const out = await gdal("ogrinfo", ["-ro", "-so", gpkg, "incidents"]);
      expect(out).toMatch(new RegExp(`Feature Count: ${servedFixtureIds.length}\\b`));
      expect(out).toMatch(/Extent: \(46\.5\d*, -17\.0+\) - \(179\.5\d*, 39\.71\d*\)/);
    });

    it("a spatial filter reaches the server as bbox", { timeout: 90_000 }, async () => {
      const out = await gdal("ogrinfo", [
        "-ro",
        "-al",
        "-spat",
        "170",
        "-30",
        "180",
        "0",
        source,
        "incidents",
      ]);
      const ids = [...out.matchAll(/^\s+id \(String\) = (.+)$/gm)].map((m) => m[1]);
      expect(ids).toEqual(["ogc-pacific"]);
    });
  },
);
