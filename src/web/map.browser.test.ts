import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../api/server.js";
import { ensureWebBuild } from "../cli/web-build.js";
import { seedFromFolder } from "../services/demo-data.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { incidentsNearLachin, launchChromiumWithWebgl } from "../test-support/map-fixture.js";

/**
 * The map page in a real Chromium drawing WebGL (SwiftShader): clusters open their incidents, a
 * click on a position says how precise it is, the timeline's brush filters the map and the table,
 * place names switch to one party's, and the address holds the whole view across a reload.
 */

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(
    `\n⚠ SKIPPED: map browser tests — no Chromium at ${chromiumPath} (apt-get install -y chromium).\n`,
  );

const synthetic = 120;

describe.skipIf(!hasChromium)(`map page in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  const consoleTail: string[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    database = await openPgliteForTest();
    await seedFromFolder(database.db);
    await repositories.incidents.insertMany(
      database.db,
      incidentsNearLachin("nk-2020", synthetic, "2023-01-01"),
      "test",
    );
    app = await buildServer({ database, rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromiumWithWebgl();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      consoleTail.push(`${message.type()}: ${message.text()}`);
      consoleTail.splice(0, consoleTail.length - 20);
      if (/Content.Security.Policy|WebGL/i.test(message.text())) pageErrors.push(message.text());
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  /** Opens the map at an address and waits until the map has drawn its data. */
  async function openMap(query: string) {
    await page.goto(`${base}/map${query}`);
    try {
      await page.locator("[data-testid=map][data-drawn]").waitFor({ state: "attached", timeout: 45_000 });
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), "peacetrack-map-test-failure.png"), fullPage: true });
      throw new Error(`${error}\nlast console messages:\n${consoleTail.join("\n")}`);
    }
  }
  const drawn = async () => Number(await page.getByTestId("map").getAttribute("data-drawn"));
  /** The drawn count once two readings a quarter of a second apart agree; null while it still moves. */
  const settledDrawnCount = async () => {
    const first = await drawn();
    await page.waitForTimeout(250);
    return first === (await drawn()) ? first : null;
  };
  const tableDates = async () =>
    (await page.locator("[data-testid=map-table] tbody tr td:first-child").allTextContents()).map((d) =>
      d.slice(0, 10),
    );

  it("draws the incidents in clusters, and a cluster clicked lists its incidents", async () => {
    await openMap("?view=46.6,39.7,8");
    const cluster = page.getByTestId("map-cluster").first();
    await cluster.waitFor();
    const count = Number(await cluster.getAttribute("data-count"));
    expect(count).toBeGreaterThan(20);
    await cluster.click();
    const items = page.getByTestId("map-selection-item");
    await expect.poll(() => items.count()).toBe(20);
    await expect
      .poll(() => page.getByTestId("map-selection").textContent())
      .toContain(`${count} incidents here`);
    // Titles come from the server by id; a cluster's list pages on.
    await expect.poll(() => items.first().textContent()).toMatch(/Map test incident \d+|Lachin|checkpoint/i);
    await page.getByTestId("map-selection").getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => items.count()).toBe(Math.min(40, count));
    expect(pageErrors).toEqual([]);
  });

  it("says how precise a clicked position is, and draws an uncertain one as an area", async () => {
    // Twelve incidents share 39.672, 46.558 at geo-precision 2 (within about 10 km); unclustered at 15.
    await openMap("?view=46.558,39.672,15");
    const map = (await page.getByTestId("map").boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    const selection = page.getByTestId("map-selection");
    await expect.poll(() => selection.textContent()).toContain("12 incidents here");
    await expect.poll(() => page.getByTestId("map-selection-item").count()).toBe(12);
    expect(await selection.textContent()).toContain("Location approximate: within about 10 km");
    expect(await selection.textContent()).not.toContain("Location: exact");
    await openMap("?view=46.55,39.64,15");
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await expect.poll(() => selection.textContent()).toContain("Location: exact");
  });

  it("brushing the timeline filters the map and the table, and the address keeps the range", async () => {
    await openMap("");
    const all = await drawn();
    const brush = page.getByTestId("timeline-brush");
    await brush.scrollIntoViewIfNeeded();
    const box = (await brush.boundingBox()) as { x: number; y: number; width: number; height: number };
    const axis = await page.locator(".incident-timeline-axis span").allTextContents();
    const [first, last] = [Date.parse(axis[0] as string), Date.parse(axis[2] as string)];
    const xOf = (date: string) => box.x + ((Date.parse(date) - first) / (last - first)) * box.width;
    await page.mouse.move(xOf("2023-02-01"), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(xOf("2023-02-20"), box.y + box.height / 2, { steps: 8 });
    await page.mouse.move(xOf("2023-03-15"), box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toMatch(/^2023-0[12]-\d\d$/);
    const url = new URL(page.url());
    const from = url.searchParams.get("from") as string;
    const to = url.searchParams.get("to") as string;
    expect(to > from).toBe(true);
    await expect.poll(drawn).toBeLessThan(all);
    await expect
      .poll(async () => {
        const dates = await tableDates();
        return dates.length > 0 && dates.every((d) => d >= from && d <= to);
      })
      .toBe(true);
    expect(await page.getByTestId("timeline-summary").textContent()).toContain(`${from} to ${to}`);
  });

  it("labels places with every side's names, or those one party uses", async () => {
    await openMap("");
    const lachin = page.locator("[data-testid=place-label][data-place-id=lachin]");
    await expect.poll(() => lachin.textContent()).toBe("Lachin / Berdzor / Laçın / Բերձոր");
    await page.getByTestId("map-names").selectOption("azerbaijan");
    await expect.poll(() => lachin.textContent()).toBe("Lachin / Laçın");
    expect(await page.locator("[data-place-id=shusha]").textContent()).toBe("Shusha / Şuşa");
    await page.getByTestId("map-names").selectOption("armenia");
    await expect.poll(() => lachin.textContent()).toBe("Berdzor / Բերձոր");
    expect(await page.locator("[data-place-id=khankendi]").textContent()).toBe("Stepanakert / Ստեփանակերտ");
    expect(new URL(page.url()).searchParams.get("names")).toBe("armenia");
  });

  it("keeps the whole view in the address: a reload shows the same filters, range, names and rows", async () => {
    await openMap("?from=2023-01-10&to=2023-03-31&names=azerbaijan&allegedBy=azerbaijan&view=46.6,39.7,9");
    // The view is read once the filtered points are drawn, not while the unfiltered ones still are.
    const filteredPoints = page.waitForResponse(
      (r) => r.url().includes("/incident-points") && r.url().includes("monitoringType=blockade"),
    );
    await page.getByTestId("map-filter-monitoringType").selectOption("blockade");
    await expect.poll(() => new URL(page.url()).searchParams.get("monitoringType")).toBe("blockade");
    await filteredPoints;
    await page.locator("[data-testid=map][data-drawn]").waitFor({ state: "attached" });
    await expect.poll(settledDrawnCount).not.toBeNull();
    await expect.poll(tableDates).not.toEqual([]);
    const before = {
      rows: await tableDates(),
      summary: await page.getByTestId("timeline-summary").textContent(),
      drawn: await drawn(),
    };
    const address = page.url();
    await page.reload();
    await page.locator("[data-testid=map][data-drawn]").waitFor({ state: "attached" });
    expect(page.url()).toBe(address);
    expect(await page.getByTestId("map-filter-monitoringType").inputValue()).toBe("blockade");
    expect(await page.getByTestId("map-filter-allegedBy").inputValue()).toBe("azerbaijan");
    expect(await page.getByTestId("map-names").inputValue()).toBe("azerbaijan");
    expect(await page.getByTestId("timeline-selection").count()).toBe(1);
    await expect.poll(tableDates).toEqual(before.rows);
    await expect.poll(() => page.getByTestId("timeline-summary").textContent()).toBe(before.summary);
    await expect.poll(drawn).toBe(before.drawn);
    expect(before.rows.every((d) => d >= "2023-01-10" && d <= "2023-03-31")).toBe(true);
  });

  it("lists incidents and places without a position beside the map, never drawn", async () => {
    await openMap("");
    const unlocated = page.getByTestId("map-unlocated");
    const heading = (await unlocated.locator("h2").textContent()) ?? "";
    const missing = Number(heading.match(/(\d+) incident/)?.[1]);
    expect(missing).toBeGreaterThan(0);
    expect(await unlocated.locator("li").count()).toBe(missing);
    const total = Number(
      (await page.getByTestId("map-summary").textContent())?.match(/(\d+) incidents/)?.[1],
    );
    expect(await drawn()).toBe(total - missing);
    expect(await page.getByTestId("map-unplaced-places").textContent()).toContain("Lisagor");
  });

  it("draws the corridor with its status as of the end of the range", async () => {
    await openMap("?to=2023-06-01");
    const status = page.locator("[data-place-id=lachin-corridor] [data-testid=place-status]");
    await expect.poll(() => status.textContent()).toMatch(/\S/);
    expect(await page.getByTestId("map-crossing-legend").textContent()).toContain("2023-06-01");
  });
});
