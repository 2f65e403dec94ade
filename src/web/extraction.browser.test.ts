import { existsSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { seedFromFolder } from "../services/demo-data.js";
import { chromiumPath } from "../services/report/pdf.js";
import { sendAs, staffAccounts } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

/**
 * Issue #11, item 2 in a browser: a monitor takes in a statement quoting a party the registry knows
 * (the demo data's Armenia), opens the review of what extraction found, sees the quote with its
 * speaker, accepts it and corrects the claim's type; once the document is published, the public sees
 * the accepted and corrected items only, with no way to decide.
 */
describe.skipIf(!hasChromium)(
  `the extraction review in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let base: string;
    let documentId: string;
    const monitor = { email: "extraction-monitor@example.org", password: "a monitor's long passphrase" };
    const quoted = "“We will keep the corridor open,” the Ministry of Foreign Affairs of Armenia said.";
    // A person the registry does not know (an invented name): extraction suggests a new record.
    const statement = `${quoted}\n\nDeputy Foreign Minister Aram Testyan of Armenia told reporters that talks would resume.`;

    beforeAll(async () => {
      web = await startBrowserApp(async (database) => {
        await seedFromFolder(database.db);
        await createAccount(database.db, { ...monitor, role: "monitor", partyId: null, createdBy: "test" });
      });
      base = web.base;
    });
    afterAll(async () => {
      await web?.close();
    });

    const itemOf = (page: Page, kind: string): Locator => page.getByTestId(`extraction-item-${kind}`);

    it("a monitor takes a statement in, accepts its quote and corrects its claim's type", async () => {
      const page = await web.browser.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("E-mail address").fill(monitor.email);
      await page.getByLabel("Password").fill(monitor.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${base}/account`);

      await page.goto(`${base}/documents/new`);
      await page.getByLabel("Text", { exact: true }).fill(statement);
      await page.getByLabel("Title", { exact: true }).fill("Statement on the corridor");
      await page.getByLabel("Published", { exact: true }).fill("2023-01-10");
      await page.getByRole("button", { name: "Take in", exact: true }).click();
      const outcome = page.locator(".intake-outcome");
      await expect.poll(() => outcome.textContent()).toContain("Taken in as a new document");
      await outcome.getByRole("link").click();
      await page.waitForURL(/\/documents\/[^/]+$/);
      documentId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string);

      // Submitted for review as its author, so that a mediator can publish it for the public below.
      await page.getByRole("button", { name: "Submit for review" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Return to draft" }).count()).toBe(1);
      await page.getByRole("link", { name: "Review what was extracted" }).click();
      await page.waitForURL(/\/review$/);
      // The text with its spans drawn by kind, each titled with what it is.
      const text = page.getByTestId("extraction-text");
      await expect.poll(() => text.locator("mark.x-quote").count()).toBeGreaterThan(0);
      expect(await text.locator("mark.x-party").first().getAttribute("title")).toContain("Party: Armenia");

      const quote = itemOf(page, "quote");
      await expect.poll(() => quote.getByTestId("quote-speaker").textContent()).toBe("— Armenia");
      await quote.getByRole("button", { name: "Accept", exact: true }).click();
      await expect.poll(() => quote.getByTestId("decided").textContent()).toContain("Accepted by");

      const claim = itemOf(page, "claim");
      expect(await claim.getByTestId("claim-summary").textContent()).toContain("commits");
      await claim.getByRole("button", { name: "Correct", exact: true }).click();
      await claim.getByLabel("Claim type").selectOption("demands");
      await claim.getByRole("button", { name: "Save correction" }).click();
      await expect.poll(() => claim.getByTestId("claim-summary").textContent()).toContain("demands");
      expect(await claim.getByTestId("decided").textContent()).toContain("Corrected by");

      // Clicking a span selects its item in the list.
      await text.locator("mark.x-claim").last().click();
      await expect.poll(() => page.locator(".x-item-selected").count()).toBe(1);

      // A suggested person becomes a record, and the mention then names it.
      const person = itemOf(page, "mention").filter({ hasText: "Aram Testyan" });
      await person.getByText("Create person").click();
      await person.getByRole("button", { name: "Create as draft" }).click();
      await expect
        .poll(() => person.locator(".x-resolved a, .x-resolved span").first().textContent())
        .toBe("Aram Testyan");
      expect(await person.getByTestId("decided").textContent()).toContain("Corrected by");

      // The quote's passage becomes a draft incident citing it.
      await quote.getByText("Create incident from this passage").click();
      await quote.getByLabel("Type").selectOption("movement_restriction");
      await quote.getByRole("button", { name: "Create as draft" }).click();
      await quote.getByRole("status").getByRole("link").click();
      await page.waitForURL(/\/incidents\/.+/);
      await expect.poll(() => page.locator(".cited-evidence mark").textContent()).toBe(quoted.slice(0, 33));
      expect(web.policyViolations).toEqual([]);
      await page.close();
    }, 60_000);

    it("shows the public the accepted and corrected items only", async () => {
      const staff = await staffAccounts(web.database.db);
      const review = (account: typeof staff.mediator, action: string) =>
        sendAs(account, "POST", `${base}/api/documents/${encodeURIComponent(documentId)}/review`, { action });
      expect((await review(staff.mediator, "publish")).status).toBe(200);

      const context = await web.browser.newContext();
      const anonymous = await context.newPage();
      await anonymous.goto(`${base}/documents/${encodeURIComponent(documentId)}/review`);
      await expect.poll(() => itemOf(anonymous, "quote").count()).toBe(1);
      expect(await itemOf(anonymous, "claim").count()).toBe(1);
      // Of the names, only the corrected one (the new person); the suggestions stay the reviewers'.
      expect(await itemOf(anonymous, "mention").count()).toBe(1);
      expect(await anonymous.getByRole("button", { name: "Accept", exact: true }).count()).toBe(0);
      expect(await itemOf(anonymous, "claim").getByTestId("claim-summary").textContent()).toContain(
        "demands",
      );
      // Only confirmed spans are drawn: the party named in the statement is still a suggestion.
      expect(await anonymous.getByTestId("extraction-text").locator("mark.x-party").count()).toBe(0);
      await context.close();
    }, 30_000);
  },
);
