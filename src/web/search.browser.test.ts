import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../services/report/pdf.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";

const hasChromium = existsSync(chromiumPath);
const p = "srch-web";

/**
 * Issue 10, item 5 in a real browser: the header's search box on any page opens the search page;
 * matched words are marked in the snippets, facets narrow the results, and a result opens its record.
 */
describe.skipIf(!hasChromium)(`search in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`, () => {
  let web: BrowserApp;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    web = await startBrowserApp((database) => seedSearchFixture(database.db, p));
    ({ page, base } = web);
  });
  afterAll(async () => {
    await web?.close();
  });

  it("searches from the header, marks the matches, filters by a facet and opens a result", async () => {
    await page.goto(`${base}/places`);
    const box = page.getByRole("searchbox", { name: "Search" });
    await box.fill("negotiations");
    await box.press("Enter");
    await page.waitForURL(/\/search\?q=negotiations/);
    await page.getByRole("heading", { name: "Search: negotiations" }).waitFor();

    const results = page.locator(".search-result");
    await expect.poll(() => results.count()).toBe(3);
    // The English stem matched: "negotiating" is marked in the statement's snippet.
    expect(await page.locator(".search-snippet mark").allTextContents()).toContain("negotiating");

    await page.getByRole("link", { name: "Meeting" }).click();
    await page.waitForURL(/kind=meetings/);
    // The earlier answer stays on screen until the filtered one arrives.
    await expect.poll(() => results.count()).toBe(1);
    await page.locator(".search-result", { hasText: "Negotiations in Brussels" }).waitFor();

    await page.getByRole("link", { name: "Negotiations in Brussels" }).click();
    await page.waitForURL(new RegExp(`/meetings/${p}-meeting$`));
    expect(web.policyViolations).toEqual([]);
  });

  it("finds a place by its Armenian name", async () => {
    await page.goto(`${base}/search?q=${encodeURIComponent("Ստեփանակերտ")}`);
    await page.locator(".search-result", { hasText: "Stepanakert" }).waitFor();
    expect(await page.locator(".search-snippet mark").allTextContents()).toEqual(["Ստեփանակերտ"]);
  });
});
