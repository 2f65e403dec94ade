import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { createPublished, staffAccounts } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/account`);
}

/**
 * Issue #9, items 1, 2 and 6 in a browser: an administrator invites a party's representative, who
 * accepts, signs in and submits a statement that is shown as a draft claim of their party; the public
 * is shown no control that writes.
 */
describe.skipIf(!hasChromium)(
  `administration and party submissions in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let database: Database;
    let browser: Browser;
    let base: string;
    let incidentId: string;
    const admin = { email: "chief-admin@example.org", password: "an administrative passphrase" };
    const representative = { email: "south-rep@example.org", password: "a southern passphrase" };

    beforeAll(async () => {
      web = await startBrowserApp(async () => {});
      ({ database, base, browser } = web);
      await createAccount(database.db, { ...admin, role: "administrator", createdBy: "test" });
      // Published, so that the representative (who reads only public records and their own) sees them.
      const staff = await staffAccounts(database.db);
      const processId = "browser-administration";
      await createPublished(
        base,
        "processes",
        { id: processId, name: "Administration in a browser", slug: "browser-administration" },
        staff,
      );
      await createPublished(
        base,
        "parties",
        { id: "south", processId, kind: "state", shortName: "South", names: [{ text: "South", lang: "en" }] },
        staff,
      );
      const incident = await createPublished(
        base,
        "incidents",
        {
          processId,
          title: "Roadblock on the southern road",
          monitoringType: "movement_restriction",
          startDate: "2024-05-02",
          description: "A checkpoint stopped traffic for a day.",
          actors: [{ partyId: "south", role: "alleged_perpetrator" }],
        },
        staff,
      );
      incidentId = incident.id;
    });
    afterAll(async () => {
      await web?.close();
    });

    it("an invited representative submits a statement, shown as a draft claim of their party", async () => {
      const adminContext = await browser.newContext();
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, base, admin.email, admin.password);
      await adminPage.getByRole("link", { name: "Administration" }).click();
      await expect.poll(() => adminPage.getByTestId("account-list").textContent()).toContain(admin.email);
      const form = adminPage.getByTestId("invitation-form");
      await form.getByLabel("E-mail address").fill(representative.email);
      await form.getByLabel("Role").selectOption("party_representative");
      await expect
        .poll(() => form.getByLabel("Party", { exact: true }).locator("option").count())
        .toBeGreaterThan(1);
      await form.getByLabel("Party", { exact: true }).selectOption("south");
      await form.getByRole("button", { name: "Invite" }).click();
      const link = (await adminPage.getByTestId("invitation-link").locator("code").textContent()) ?? "";
      expect(link).toMatch(/\/accept-invitation#pti_/);
      await expect
        .poll(() => adminPage.getByTestId("invitation-list").textContent())
        .toContain(representative.email);
      await adminContext.close();

      const repContext = await browser.newContext();
      const repPage = await repContext.newPage();
      await repPage.goto(link);
      await repPage.getByLabel("New password").fill(representative.password);
      await repPage.getByLabel("The same password again").fill(representative.password);
      await repPage.getByRole("button", { name: "Set password" }).click();
      await expect
        .poll(() => repPage.getByTestId("invitation-accepted").textContent())
        .toContain(representative.email);
      await signIn(repPage, base, representative.email, representative.password);

      await repPage.getByRole("link", { name: "Submit", exact: true }).click();
      const statement = repPage.getByTestId("statement-form");
      await statement.getByLabel("Title").fill("Statement on the southern road");
      await statement.getByLabel("Date").fill("2024-05-03");
      await statement.getByLabel("Address (URL)").fill("https://south.example/statement");
      await statement.getByLabel("Text of the statement").fill("The road was closed for repairs.");
      await statement.getByRole("button", { name: "Submit" }).click();
      const result = repPage.getByTestId("submission-result");
      await expect.poll(() => result.textContent()).toContain("Statement on the southern road");
      expect(await result.getByTestId("review-badge").textContent()).toBe("Draft");
      expect(await result.getByTestId("claim-badge").textContent()).toBe("Claim of South");
      expect(await result.textContent()).toContain("awaiting review");

      // On its own page too it is the party's claim, not a finding.
      await result.getByRole("link", { name: "Statement on the southern road" }).click();
      await expect
        .poll(() => repPage.getByTestId("claim-badge").first().textContent())
        .toBe("Claim of South");
      await repContext.close();
    });

    it("the representative edits and retracts their own reply where it is shown", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, base, representative.email, representative.password);
      await page.goto(`${base}/incidents/${encodeURIComponent(incidentId)}`);
      const form = page.locator("form.reply-form");
      await form.getByLabel("Your party's reply").fill("The road was closed for repairs.");
      await form.getByRole("button", { name: "Publish reply" }).click();
      const reply = page.locator(".party-reply");
      await expect.poll(() => reply.textContent()).toContain("closed for repairs");

      await reply.getByRole("button", { name: "Edit reply" }).click();
      await reply.getByLabel("Your party's reply").fill("The road was closed for urgent repairs.");
      await reply.getByRole("button", { name: "Save reply" }).click();
      await expect
        .poll(() => reply.locator("p.pre").textContent())
        .toBe("The road was closed for urgent repairs.");

      await reply.getByRole("button", { name: "Retract reply" }).click();
      await reply.getByLabel("Why is the reply retracted?").fill("Superseded by our statement.");
      await reply.getByRole("button", { name: "Retract reply" }).click();
      await expect.poll(() => page.locator(".party-reply").count()).toBe(0);
      await context.close();
    });

    it("an administrator disables an account, and sees the API's reason when a change is refused", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, base, admin.email, admin.password);
      await page.goto(`${base}/admin`);
      const list = page.getByTestId("account-list");
      await expect.poll(() => list.textContent()).toContain(representative.email);
      const rowOf = (email: string) => list.locator(`tr[data-email="${email}"]`);
      // The representative has signed in: the list says when.
      expect(await rowOf(representative.email).locator("td").nth(3).textContent()).toMatch(
        /^\d{4}-\d\d-\d\d /,
      );
      // Disable every other administrator, then try to demote the last one: the API refuses, and says why.
      for (const email of await list
        .locator("tr[data-email]")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-email") ?? ""))) {
        const row = rowOf(email);
        if (email === admin.email || (await row.locator("select").first().inputValue()) !== "administrator")
          continue;
        await row.getByRole("button", { name: "Disable" }).click();
        await expect.poll(() => rowOf(email).textContent()).toContain("disabled");
      }
      const own = rowOf(admin.email);
      await own.getByLabel("Role").selectOption("monitor");
      await own.getByRole("button", { name: "Change role" }).click();
      await expect.poll(() => own.getByRole("alert").textContent()).toContain("last enabled administrator");
      await context.close();
    });

    it("the public sees no control that writes on an incident page", async () => {
      const publicContext = await browser.newContext();
      const page = await publicContext.newPage();
      await page.goto(`${base}/incidents/${encodeURIComponent(incidentId)}`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Roadblock on the southern road");
      await expect.poll(() => page.locator(".account-control").textContent()).toBe("Sign in");
      expect(await page.locator("main button, main form, main textarea").count()).toBe(0);
      expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "Submit", exact: true }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "Review", exact: true }).count()).toBe(0);
      await publicContext.close();
    });
  },
);
