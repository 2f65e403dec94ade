import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { buildServer } from "../src/api/server.js";
import { ensureWebBuild } from "../src/cli/web-build.js";
import { pdfAvailable } from "../src/services/report/pdf.js";
import { openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { launchChromiumWithWebgl } from "../src/test-support/map-fixture.js";

/**
 * The map page at 100,000 incidents in headless Chromium (WebGL drawn by SwiftShader, on the CPU:
 * a machine with a GPU draws faster). Measured: the incident-points request on the server; from the
 * data's arrival in the page to the first frame drawn with it (target under 1 s); and the time
 * between frames while a mouse pans and a wheel zooms the map.
 */

type Record = (target: string, measure: string, value: string) => void;

/** Spread over the South Caucasus, a few per cent at coarse precision, without a position, or signals. */
const fillSql = (rows: number) =>
  sql.raw(`
  INSERT INTO incidents (id, created_by, updated_by, process_id, title, monitoring_type, acled_event_type,
    start_date, latitude, longitude, geo_precision, verification_status, description)
  SELECT 'mb' || lpad(n::text, 7, '0'), 'bench', 'bench', 'bench-map', 'Synthetic incident ' || n,
    (ARRAY['ceasefire_violation','movement_restriction','blockade','checkpoint_installed','threat_of_force'])[1 + n % 5],
    CASE WHEN n % 3 = 0 THEN (ARRAY['Battles','Explosions/Remote violence','Strategic developments'])[1 + n % 3] END,
    date '2020-11-10' + ((n::bigint * 7919) % 1100)::int,
    CASE WHEN n % 50 = 0 THEN NULL ELSE 38.4 + ((n::bigint * 104729) % 100000) / 25000.0 END,
    CASE WHEN n % 50 = 0 THEN NULL ELSE 43.5 + ((n::bigint * 15485863) % 100000) / 15000.0 END,
    CASE WHEN n % 10 = 0 THEN 2 WHEN n % 21 = 0 THEN 3 ELSE 1 END,
    CASE WHEN n % 33 = 0 THEN 'machine_coded' ELSE 'reported' END, ''
  FROM generate_series(1, ${rows}) AS n`);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;
const percentile = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))] ?? NaN;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

// Scripts run in the page are given as text: tsx would wrap named functions in a helper the page lacks.

interface DrawTimes {
  /** request sent → answer read (server, network, download) */
  load: number;
  /** answer read → features built (JSON.parse and the features for MapLibre) */
  build: number;
  /** features → MapLibre's worker has them clustered */
  index: number;
  /** clustered → the first frame drawn with them (tiles, count labels) */
  render: number;
  /** answer read → drawn: the figure with the target */
  total: number;
}

/** The page's marks of its last map request (MapPage.tsx, map-controller.ts). */
async function lastDrawTimes(page: Page): Promise<DrawTimes> {
  return page.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName("peacetrack:" + name).at(-1)?.startTime ?? Number.NaN;
    const [request, data, features, indexed, drawn] =
      ["map-request", "map-data", "map-features", "map-indexed", "map-drawn"].map(at);
    return { load: data - request, build: features - data, index: indexed - features,
      render: drawn - indexed, total: drawn - data };
  })()`);
}

/** Intervals between animation frames while `gesture` runs. */
async function frameIntervals(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  // A generation per recording: the previous loop stops at its next frame instead of running on.
  await page.evaluate(`(() => {
    const generation = (window.frameGeneration_ ?? 0) + 1;
    window.frameGeneration_ = generation;
    window.frames_ = [];
    const loop = (time) => {
      if (window.frameGeneration_ !== generation) return;
      window.frames_.push(time);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
  await gesture();
  const times = (await page.evaluate(`(() => {
    window.frameGeneration_ += 1;
    return window.frames_;
  })()`)) as number[];
  return times.slice(1).map((time, i) => time - (times[i] as number));
}

function recordFrames(record: Record, what: string, intervals: number[]) {
  const sorted = [...intervals].sort((a, b) => a - b);
  record(
    "Chromium",
    `map: ${what}, frame time p50 / p95 / max`,
    `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.95))} / ${ms(sorted.at(-1) ?? NaN)} (${sorted.length} frames)`,
  );
}

export async function benchMap(record: Record, rows = 100_000, runs = 3) {
  if (!pdfAvailable()) {
    console.error("\n⚠ map benchmark skipped: no Chromium (apt-get install -y chromium).");
    return;
  }
  await ensureWebBuild({ log: (line) => console.error(`  ${line}`) });
  const database = await openDatabase({ dataDir: "memory://" });
  const app = await buildServer({ database, rateLimit: false });
  const browser = await launchChromiumWithWebgl();
  try {
    await migrate(database.db);
    await database.db.execute(sql`INSERT INTO processes (id, created_by, updated_by, name, slug)
      VALUES ('bench-map', 'bench', 'bench', 'Map benchmark', 'bench-map')`);
    await database.db.execute(fillSql(rows));
    const base = await app.listen({ port: 0, host: "127.0.0.1" });

    const serverTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const body = await (await fetch(`${base}/api/processes/bench-map/incident-points`)).text();
      serverTimes.push(performance.now() - start);
      bytes = body.length;
    }
    record(
      "PGlite",
      `GET incident-points, ${rows.toLocaleString("en")} incidents (median of ${runs})`,
      `${ms(median(serverTimes))}, ${(bytes / 1e6).toFixed(1)} MB`,
    );

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A type none of the incidents has: the map and its boundaries load first, with nothing to draw.
    await page.goto(`${base}/map?monitoringType=utility_cut`);
    const map = page.locator("[data-testid=map]");
    const emptyMap = page.locator("[data-testid=map][data-drawn='0']");
    await emptyMap.waitFor({ state: "attached", timeout: 120_000 });
    const box = (await map.boundingBox()) as { x: number; y: number; width: number; height: number };
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const pan = async () => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let step = 1; step <= 40; step++) {
        await page.mouse.move(cx - step * 8, cy - step * 3);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      await page.waitForTimeout(300);
    };
    const zoom = async () => {
      for (const direction of [-1, -1, -1, 1, 1, 1]) {
        await page.mouse.wheel(0, direction * 240);
        await page.waitForTimeout(250);
      }
      await page.waitForTimeout(400);
    };
    // What the software renderer costs with nothing but the boundaries: the floor under the figures.
    recordFrames(record, "pan, boundaries only (baseline)", await frameIntervals(page, pan));

    const times: DrawTimes[] = [];
    for (let i = 0; i < runs; i++) {
      // All types: the 100,000 incidents arrive on a map that is ready for them.
      await page.getByTestId("map-filter-monitoringType").selectOption("");
      await page.waitForFunction(
        () => Number(document.querySelector("[data-testid=map]")?.getAttribute("data-drawn")) > 0,
        undefined,
        { timeout: 120_000 },
      );
      times.push(await lastDrawTimes(page));
      if (i < runs - 1) {
        await page.getByTestId("map-filter-monitoringType").selectOption("utility_cut");
        await emptyMap.waitFor({ state: "attached", timeout: 120_000 });
      }
    }
    const drawn = Number(await map.getAttribute("data-drawn")).toLocaleString("en");
    const part = (key: keyof DrawTimes) => ms(median(times.map((time) => time[key])));
    record("Chromium", `map: request → answer read in the page (${drawn} drawn)`, part("load"));
    record(
      "Chromium",
      `map: answer read → first frame drawn with it (median of ${runs}; target < 1 s)`,
      part("total"),
    );
    record(
      "Chromium",
      "map: of which parse + features / clustering in the worker / drawing",
      `${part("build")} / ${part("index")} / ${part("render")}`,
    );
    recordFrames(record, "pan (mouse drag)", await frameIntervals(page, pan));
    recordFrames(record, "zoom (mouse wheel, 3 levels in and out)", await frameIntervals(page, zoom));
  } finally {
    await browser.close();
    await app.close();
    await database.close();
  }
}
