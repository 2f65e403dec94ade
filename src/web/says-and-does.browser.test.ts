import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../services/report/pdf.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";
import { seedExtractedClaims, seedRecordOfDeeds } from "../test-support/extracted-claims-fixture.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";

const hasChromium = existsSync(chromiumPath);
const p = "sad-web";

/**
 * Issue #11, items 3 and 4 in a real browser: a party's and a commitment's "says and does" — the time
 * axis, the claims with their source passages, threats per month — and the search page's facets by
 * what was extracted.
 */
describe.skipIf(!hasChromium)(
  `says and does in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      web = await startBrowserApp(async (database) => {
        await seedSearchFixture(database.db, p);
        await seedExtractedClaims(database.db, p);
        await seedRecordOfDeeds(database.db, p);
      });
      ({ page, base } = web);
    });
    afterAll(async () => {
      await web?.close();
    });

    it("shows a party's claims on the time axis with its assessments, incidents and threats", async () => {
      await page.goto(`${base}/parties/${p}-azerbaijan`);
      await page.getByRole("heading", { name: "Says and does" }).waitFor();
      const claims = page.locator(".says-and-does-claims li");
      await expect.poll(() => claims.count()).toBe(4);
      expect(await page.locator(".says-and-does-chart > svg circle").count()).toBe(4);
      expect(await page.locator(".says-and-does-chart polyline").count()).toBe(1);
      const passage = page.getByRole("link", { name: "On the situation at the bridge" }).first();
      expect(await passage.getAttribute("href")).toBe(`/documents/${p}-en-many?passage=0-40`);
      expect(await page.locator(".says-and-does-threats rect").count()).toBe(2);
      await page.screenshot({ path: "/tmp/says-and-does-party.png", fullPage: true });
      await passage.click();
      await page.waitForURL(new RegExp(`/documents/${p}-en-many\\?passage=0-40$`));
      expect(web.policyViolations).toEqual([]);
    });

    it("shows every party's claims bearing on a commitment", async () => {
      await page.goto(`${base}/commitments/${p}-commitment`);
      await page.getByRole("heading", { name: "Says and does" }).waitFor();
      await expect.poll(() => page.locator(".says-and-does-claims li").count()).toBe(3);
      expect(await page.locator(".says-and-does-claims").textContent()).toContain("Armenia");
    });

    it("offers the search facets of what was extracted", async () => {
      await page.goto(`${base}/search?q=corridor&kind=documents`);
      await page.getByRole("heading", { name: "Speaker" }).waitFor();
      await page.getByRole("link", { name: "Nikol Pashinyan" }).click();
      await page.waitForURL(/speakerId=/);
      await expect.poll(() => page.locator(".search-result").count()).toBe(1);
    });
  },
);
