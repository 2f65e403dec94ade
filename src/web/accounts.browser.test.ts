import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountActor } from "../domain/actor.js";
import { createAccount, invite } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

/** Sign in, make and revoke a token, sign out, accept an invitation: in a real browser. */
describe.skipIf(!hasChromium)(`accounts in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`, () => {
  const admin = { email: "browser-admin@example.org", password: "a browser passphrase" };
  let web: BrowserApp;
  let database: Database;
  let page: Page;
  let base: string;
  let policyViolations: string[];

  beforeAll(async () => {
    web = await startBrowserApp(async (opened) => {
      await createAccount(opened.db, { ...admin, role: "administrator", createdBy: "test" });
    });
    ({ database, page, base, policyViolations } = web);
  });
  afterAll(async () => {
    await web?.close();
  });

  it("signs in, creates a token shown once, revokes it, and signs out", async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("E-mail address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/account`);
    await expect.poll(() => page.locator(".account-control").textContent()).toContain(admin.email);

    const form = page.getByTestId("new-token-form");
    await form.getByLabel("Name").fill("browser bot");
    await form.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("new-token").locator("code").textContent()) ?? "";
    expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId("token-list").locator("tr", { hasText: "browser bot" });
    await expect.poll(() => row.count()).toBe(1);
    const used = await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await used.json()).actor.name).toBe("token:browser bot");

    await row.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => row.textContent()).toContain("revoked");
    const refused = await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status).toBe(401);

    await page.locator(".account-control").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator(".account-control").textContent()).toBe("Sign in");
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "peacetrack_session")).toBeUndefined();
  });

  it("accepts an invitation from its link, and the secret leaves the address bar", async () => {
    const adminActor: AccountActor = {
      kind: "account",
      accountId: "x",
      name: admin.email,
      role: "administrator",
      via: "session",
    };
    const { secret } = await invite(database.db, adminActor, {
      email: "invited@example.org",
      role: "monitor",
      expiresInHours: 1,
    });
    await page.goto(`${base}/accept-invitation#${secret}`);
    await page.getByLabel("New password").fill("seven quiet harbours");
    await page.getByLabel("The same password again").fill("seven quiet harbours");
    await page.getByRole("button", { name: "Set password" }).click();
    await expect
      .poll(() => page.getByTestId("invitation-accepted").textContent())
      .toContain("invited@example.org");
    expect(page.url()).toBe(`${base}/accept-invitation`);
    expect(policyViolations).toEqual([]);
  });
});
