import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../api/server.js";
import { ensureWebBuild } from "../cli/web-build.js";
import type { EntityName } from "../domain/entities.js";
import { chromiumPath, launchChromium } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { createPublished, type StaffAccounts, staffAccounts } from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";

/**
 * The corridor page in the real Chromium, on data this test writes through the API (not the demo, which
 * changes): a road that is open, unreported, restricted, then reported differently by two sides, then
 * open again. Day by day (Day 1 = 3 January):
 *
 *   01-01 A: open · 01-02 nothing · 01-03 A: restricted · 01-04 nothing · 01-05 A: closed, B: restricted
 *   (contested) · 01-10 A and B: open (reopened; the restriction lasted 01-03 to 01-09, 7 days).
 *
 * A second place, a gate closed since 1 February 2023 and never reported open, is restricted today
 * and must be listed on the overview with its day count.
 */

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(
    `\n⚠ SKIPPED: corridor browser tests — no Chromium at ${chromiumPath} (apt-get install -y chromium).\n`,
  );

// A folder of its own: the web build of other test files (dist/web) is left alone.
const webFolder = join(tmpdir(), "peacetrack-corridor-test-web");

const en = (text: string, usedBy: string[] = []) => [{ text, lang: "en", usedBy }];
let staff: StaffAccounts;

/** Writes a record as the public will see it: created by its author, published by a reviewer. */
async function post(base: string, kind: string, body: Record<string, unknown>) {
  const name = kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as EntityName;
  await createPublished(base, name, body, staff);
}

async function seed(base: string) {
  await post(base, "processes", { id: "ct", name: "Corridor test process", slug: "ct" });
  for (const [id, shortName, kind] of [
    ["ct-a", "Aland", "state"],
    ["ct-b", "Bland", "state"],
  ] as const)
    await post(base, "parties", { id, processId: "ct", kind, shortName, names: en(shortName) });
  const place = {
    processId: "ct",
    names: [...en("Northern road", ["ct-a"]), ...en("Upper pass", ["ct-b"])],
    latitude: 40,
    longitude: 45,
    geometry: {
      type: "LineString",
      coordinates: [
        [45, 39.9],
        [45, 40.1],
      ],
    },
    directions: [
      { key: "north", names: en("towards North Town") },
      { key: "south", names: en("towards South Town") },
    ],
  };
  await post(base, "places", { id: "ct-road", kind: "corridor", ...place });
  await post(base, "places", { id: "ct-gate", kind: "checkpoint", ...place, names: en("Eastern gate") });
  const observe = (id: string, observedOn: string, status: string, reporter: string, extra = {}) =>
    post(base, "access-observations", {
      id,
      processId: "ct",
      placeId: id.startsWith("ct-gate") ? "ct-gate" : "ct-road",
      observedOn,
      status,
      reportedByPartyId: reporter,
      ...extra,
    });
  await observe("ct-road-0101-a", "2023-01-01", "open", "ct-a", {
    counts: [
      { direction: "north", category: "civilian", vehicles: 120 },
      { direction: "south", category: "civilian", vehicles: 95 },
    ],
  });
  await observe("ct-road-0103-a", "2023-01-03", "restricted", "ct-a", {
    counts: [{ direction: "north", category: "humanitarian", vehicles: 6 }],
  });
  await observe("ct-road-0105-a", "2023-01-05", "closed", "ct-a", { note: "Aland: nobody passed." });
  await observe("ct-road-0105-b", "2023-01-05", "restricted", "ct-b", {
    note: "Bland: humanitarian convoys passed.",
    counts: [{ direction: "north", category: "humanitarian", vehicles: 4 }],
  });
  await observe("ct-road-0110-a", "2023-01-10", "open", "ct-a");
  await observe("ct-road-0110-b", "2023-01-10", "open", "ct-b");
  await observe("ct-gate-0201-b", "2023-02-01", "closed", "ct-b");

  await post(base, "incidents", {
    id: "ct-shots",
    processId: "ct",
    title: "Shots fired near the Northern road",
    monitoringType: "ceasefire_violation",
    startDate: "2023-01-05",
    placeId: "ct-road",
    allegedByPartyIds: ["ct-b"],
  });
  await post(base, "agreements", {
    id: "ct-accord",
    processId: "ct",
    title: "Road Accord",
    kind: "ceasefire",
  });
  await post(base, "provisions", { id: "ct-accord:p6", agreementId: "ct-accord", path: "6" });
  await post(base, "commitments", {
    id: "ct-free-passage",
    processId: "ct",
    provisionId: "ct-accord:p6",
    title: "Free passage on the Northern road in both directions",
    obligorPartyIds: ["ct-a"],
    action: "Guarantee free passage",
    placeIds: ["ct-road"],
  });
  await post(base, "assessments", {
    commitmentId: "ct-free-passage",
    partyId: "ct-a",
    asOf: "2023-01-04",
    level: 1,
    rationale: "Only humanitarian vehicles passed.",
    assessor: "Test monitor",
  });
}

describe.skipIf(!hasChromium)(
  `corridor page in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let database: Database;
    let app: FastifyInstance;
    let browser: Browser;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      const [, opened] = await Promise.all([ensureWebBuild({ outDir: webFolder }), openPgliteForTest()]);
      database = opened;
      app = await buildServer({ database, webFolder, rateLimit: false });
      base = await app.listen({ port: 0, host: "127.0.0.1" });
      staff = await staffAccounts(database.db);
      await seed(base);
      browser = await launchChromium();
      page = await browser.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.close();
    });

    const headline = () => page.getByTestId("day-counter-headline").textContent();
    const asOfInput = () => page.getByLabel("As of", { exact: true });

    it("shows the day count as of the date in the address, and changes it with the date input", async () => {
      await page.goto(`${base}/places/ct-road/access?asOf=2023-01-05`);
      await expect.poll(headline).toBe("Day 3 of the restriction since 2023-01-03");
      const main = await page.locator("main").textContent();
      expect(main).toContain("Northern road");
      expect(main).toContain("Upper pass");
      expect(await page.getByTestId("band-marker").getAttribute("data-date")).toBe("2023-01-05");

      await asOfInput().fill("2023-01-04");
      await expect.poll(headline).toBe("Day 2 of the restriction since 2023-01-03");
      expect(new URL(page.url()).searchParams.get("asOf")).toBe("2023-01-04");
      expect(await page.getByTestId("band-marker").getAttribute("data-date")).toBe("2023-01-04");
      // Nothing was reported on 4 January: the day is counted, but its status is unknown, not open.
      expect(
        await page.getByTestId("day-counter").locator("[data-testid=day-status]").getAttribute("data-status"),
      ).toBe("unknown");

      await asOfInput().fill("2023-01-12");
      await expect
        .poll(headline)
        .toBe("Reopened on 2023-01-10, after 7 days of restriction (2023-01-03 to 2023-01-09)");
      await asOfInput().fill("2023-01-02");
      await expect.poll(headline).toBe("No restriction as of 2023-01-02");
    });

    it("shows unreported days as unknown in the band, never as open", async () => {
      await page.goto(`${base}/places/ct-road/access?asOf=2023-01-10`);
      await page.getByTestId("status-band").waitFor();
      const runs = await page
        .locator("[data-testid=status-band] .band-run")
        .evaluateAll((spans) =>
          spans.map((s) => `${s.getAttribute("data-from")} ${s.getAttribute("data-status")}`),
        );
      expect(runs).toEqual([
        "2023-01-01 open",
        "2023-01-02 unknown",
        "2023-01-03 restricted",
        "2023-01-04 unknown",
        "2023-01-05 contested",
        "2023-01-06 unknown",
        "2023-01-10 open",
      ]);
      // The text alternative says the same.
      const table = await page.getByTestId("status-band-table").textContent();
      expect(table).toContain("unknown (no report)");
      expect(await page.getByTestId("status-band").getAttribute("aria-label")).toContain(
        "unknown (no report) from 2023-01-06 to 2023-01-09 (4 days)",
      );
    });

    it("shows two reporters of one day side by side, each named, never merged", async () => {
      const day = page.locator("[data-testid=observation-day][data-date='2023-01-05']").last();
      const cards = day.getByTestId("observation");
      expect(await cards.count()).toBe(2);
      expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-reporter")))).toEqual([
        "ct-a",
        "ct-b",
      ]);
      expect(await cards.nth(0).textContent()).toContain("Reported by Aland");
      expect(await cards.nth(0).textContent()).toContain("Aland: nobody passed.");
      expect(await cards.nth(1).textContent()).toContain("Reported by Bland");
      expect(await cards.nth(1).textContent()).toContain("Bland: humanitarian convoys passed.");
      expect(await day.getByTestId("day-status").first().getAttribute("data-status")).toBe("contested");
    });

    it("shows the commitments that govern the place, with each obligor's assessment as of the date", async () => {
      await page.goto(`${base}/places/ct-road/access?asOf=2023-01-05`);
      const commitment = page.getByTestId("governing-commitment");
      await commitment.waitFor();
      const text = await commitment.textContent();
      expect(text).toContain("Free passage on the Northern road in both directions");
      expect(text).toContain("Road Accord, point 6");
      expect(text).toContain("Aland");
      expect(text).toContain("1 · minimal");
      expect(text).toContain("Only humanitarian vehicles passed.");
      const incident = page
        .getByTestId("corridor-incidents")
        .getByRole("link", { name: "Shots fired near the Northern road" });
      expect(await incident.getAttribute("href")).toBe("/incidents/ct-shots");
      // Before the assessment's date, the obligor is shown as not assessed, not scored.
      await asOfInput().fill("2023-01-03");
      await expect.poll(() => commitment.textContent()).toContain("not assessed");
    });

    it("draws the traffic chart, loaded on demand, with its table", async () => {
      await page.goto(`${base}/places/ct-road/access?asOf=2023-01-05`);
      await page.getByTestId("traffic-panel").first().waitFor();
      expect(await page.getByTestId("traffic-panel").count()).toBe(2);
      expect(
        await page.locator("[data-testid=traffic-panel] .recharts-bar-rectangle").count(),
      ).toBeGreaterThan(0);
      const table = await page.getByTestId("traffic-table").textContent();
      expect(table).toContain("towards North Town");
      expect(table).toContain("Humanitarian");
    });

    it("lists the restricted corridors on the overview with their day count, linking to their page", async () => {
      await page.goto(base);
      const listed = page.getByTestId("restricted-corridor");
      await listed.first().waitFor();
      expect(await listed.count()).toBe(1);
      const text = (await listed.textContent()) ?? "";
      const day = /day (\d+) since 2023-02-01/.exec(text)?.[1];
      expect(Number(day)).toBeGreaterThan(800);
      await listed.getByRole("link", { name: "Eastern gate" }).click();
      await expect.poll(headline).toBe(`Day ${day} of the restriction since 2023-02-01`);
      // And the place page links to the corridor page.
      await page.goto(`${base}/places/ct-road`);
      await page.getByTestId("corridor-link").click();
      await page.getByTestId("corridor-page").waitFor();
      expect(new URL(page.url()).pathname).toBe("/places/ct-road/access");
    });
  },
);
