import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import { createPublished, sendAs, staffAccounts } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

/**
 * Issue #10, items 3 and 6 in a browser: a monitor pastes a statement carrying web debris, reads the
 * cleaned text, looks at the original as received, and cites a passage of it for an incident; the
 * incident then shows the passage, which leads back to it highlighted in the document.
 */
describe.skipIf(!hasChromium)(
  `the source library in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let browser: Browser;
    let base: string;
    let incidentId: string;
    const monitor = { email: "library-monitor@example.org", password: "a monitor's long passphrase" };
    const passage = "the ceasefire held along the northern line";
    const statement = [
      `The ministry states that ${passage} on 1 March.`,
      "",
      "Read also:",
      "Border talks resume in Geneva",
      "",
      "The parties agreed to meet again in April.",
    ].join("\n");

    beforeAll(async () => {
      web = await startBrowserApp(async () => {});
      ({ base, browser } = web);
      const staff = await staffAccounts(web.database.db);
      const processId = "browser-library";
      const created = await sendAs(staff.administrator, "POST", `${base}/api/processes`, {
        id: processId,
        name: "Sources in a browser",
        slug: "browser-library",
      });
      if (created.status !== 201) throw new Error(await created.text());
      const incident = await createPublished(
        base,
        "incidents",
        {
          processId,
          title: "Night fire on the northern line",
          monitoringType: "ceasefire_violation",
          startDate: "2024-03-01",
          description: "Reports of fire at night.",
        },
        staff,
      );
      incidentId = incident.id;
      await createAccount(web.database.db, { ...monitor, role: "monitor", partyId: null, createdBy: "test" });
    });
    afterAll(async () => {
      await web?.close();
    });

    /** Selects `phrase` in the document's text, as a reader dragging over it would. */
    const select = (page: Page, phrase: string) =>
      page.evaluate((wanted) => {
        const container = document.querySelector('[data-testid="document-text"]');
        const walker = document.createTreeWalker(container as Node, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(wanted) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          window.getSelection()?.removeAllRanges();
          window.getSelection()?.addRange(range);
          return true;
        }
        return false;
      }, phrase);

    it("a monitor takes in a pasted statement, reads it cleaned and as received, and cites a passage", async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("E-mail address").fill(monitor.email);
      await page.getByLabel("Password").fill(monitor.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${base}/account`);

      await expect.poll(() => page.getByRole("link", { name: "Take in", exact: true }).count()).toBe(1);
      // Loaded afresh: the process (a draft) is listed to the signed-in monitor only.
      await page.goto(`${base}/documents/new`);
      await page.getByLabel("Text", { exact: true }).fill(statement);
      await page.getByLabel("Title", { exact: true }).fill("Statement on the northern line");
      await page.getByRole("button", { name: "Take in", exact: true }).click();
      const outcome = page.locator(".intake-outcome");
      await expect.poll(() => outcome.textContent()).toContain("Taken in as a new document");
      await outcome.getByRole("link").click();

      const text = page.getByTestId("document-text");
      await expect.poll(() => text.textContent()).toContain("The parties agreed to meet again");
      expect(await text.textContent()).not.toContain("Read also");
      await page.getByRole("button", { name: "Original as received" }).click();
      await expect
        .poll(() => text.locator("del.rule-read_also").first().textContent())
        .toContain("Read also");
      expect(await text.locator("del.rule-read_also").first().getAttribute("title")).toContain("read_also");

      expect(await select(page, passage)).toBe(true);
      const form = page.locator("form.cite-form");
      await expect.poll(() => form.getByTestId("cite-quote").textContent()).toBe(passage);
      await form.getByLabel("Record id").fill(incidentId);
      await form.getByLabel("Note").fill("The ministry's own words.");
      await form.getByRole("button", { name: "Cite", exact: true }).click();
      await expect.poll(() => page.locator(".cited-by blockquote").textContent()).toBe(passage);
      await expect.poll(() => text.locator("mark").textContent()).toBe(passage);

      await page.goto(`${base}/incidents/${encodeURIComponent(incidentId)}`);
      const cited = page.locator(".cited-evidence");
      await expect.poll(() => cited.locator("mark").textContent()).toBe(passage);
      await cited.getByRole("link", { name: "Statement on the northern line" }).click();
      await page.waitForURL(/\/documents\/.+\?passage=\d+-\d+$/);
      await expect
        .poll(() => page.locator("[data-testid=document-text] mark.focused").textContent())
        .toBe(passage);
      await page.close();
    });

    it("shows the public no way to take sources in", async () => {
      const context = await browser.newContext();
      const anonymous = await context.newPage();
      await anonymous.goto(`${base}/documents`);
      await expect.poll(() => anonymous.getByRole("link", { name: "Feeds" }).count()).toBeGreaterThan(0);
      expect(await anonymous.getByRole("link", { name: /Take in/ }).count()).toBe(0);
      await anonymous.goto(`${base}/documents/new`);
      await expect.poll(() => anonymous.locator(".take-in").textContent()).toContain("Sign in as a monitor");
      expect(await anonymous.locator("form.intake-form").count()).toBe(0);
      await context.close();
    });
  },
);
