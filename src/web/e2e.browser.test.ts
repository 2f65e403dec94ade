import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { seedFromFolder } from "../services/demo-data.js";
import { chromiumPath } from "../services/report/pdf.js";
import { acledFile, acledRow } from "../test-support/acled-fixture.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(
    `\n⚠ SKIPPED: browser tests — no Chromium at ${chromiumPath} (apt-get install -y chromium).\n`,
  );

describe.skipIf(!hasChromium)(`web app in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`, () => {
  const admin = { email: "e2e-admin@example.org", password: "an e2e passphrase here" };
  let web: BrowserApp;
  let page: Page;
  let base: string;
  let policyViolations: string[];

  beforeAll(async () => {
    web = await startBrowserApp(async (opened) => {
      await seedFromFolder(opened.db);
      await createAccount(opened.db, { ...admin, role: "administrator", createdBy: "test" });
    });
    ({ page, base, policyViolations } = web);
  });
  afterAll(async () => {
    await web?.close();
  });

  it("opens the overview with the demonstration label", async () => {
    await page.goto(base);
    await expect.poll(() => page.getByTestId("overview-title").textContent()).toContain("Nagorno-Karabakh");
    expect(await page.getByTestId("demo-banner").isVisible()).toBe(true);
    expect(await page.getByText("Trilateral Statement of 9/10 November 2020").count()).toBeGreaterThan(0);
  });

  it("opens an agreement page with its versions side by side and differences marked", async () => {
    await page.getByRole("link", { name: "Trilateral Statement of 9/10 November 2020" }).first().click();
    await page.getByTestId("versions-table").waitFor();
    expect(await page.getByTestId("version-col").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("[data-testid=versions-table] ins").count()).toBeGreaterThan(0);
    await page.getByLabel("Only points whose wording differs").check();
    expect(await page.locator("#point-2").count()).toBe(1);
  });

  it("shows the compliance dashboard, and a commitment's timeline and readings", async () => {
    await page.goto(`${base}/compliance`);
    await page.getByTestId("compliance-table").waitFor();
    expect(await page.getByTestId("compliance-table").textContent()).toContain("Azerbaijan");
    await page.goto(`${base}/commitments/c-icj-unimpeded-movement`);
    await page.getByRole("heading", { name: "Interpretations, side by side" }).waitFor();
    expect(await page.locator(".reading").count()).toBe(2);
  });

  it("shows every name of a place and a real not-found page", async () => {
    await page.goto(`${base}/places/shusha`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const text = await page.locator("main").textContent();
    expect(text).toContain("Shusha");
    expect(text).toContain("Shushi");
    await page.goto(`${base}/no/such/page`);
    // Pages load as their own chunks: wait for it rather than look once.
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
  });

  it("runs the web app and the API docs under the Content-Security-Policy without a violation", async () => {
    await page.goto(`${base}/compliance`);
    await page.getByTestId("compliance-table").waitFor();
    await page.goto(`${base}/api/docs/`);
    await page.locator(".swagger-ui .info").waitFor();
    // A large document is rendered as the page scrolls (the review routes made it one): scroll to see more.
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 3000);
          return page.locator(".opblock").count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(10);
    expect(policyViolations).toEqual([]);
  });

  it("uploads an event file, follows its import, and finds it again after a reload", async () => {
    // The public is not offered the form: only an administrator imports.
    await page.goto(`${base}/imports`);
    await page.getByTestId("import-not-allowed").waitFor();
    expect(await page.getByTestId("import-form").count()).toBe(0);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("E-mail address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/account`);
    await page.goto(`${base}/imports`);
    await page.getByTestId("import-form").waitFor();
    await page.locator("input[type=file]").setInputFiles({
      name: "browser-upload.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(acledFile([acledRow("WEB1", "From the browser"), acledRow("WEB2", "Bad", "many")])),
    });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await page.getByTestId("import-run").waitFor();
    expect(page.url()).toMatch(/\/imports\/[0-9a-f-]{36}$/);
    await page.reload();
    await expect.poll(() => page.getByTestId("import-state").textContent(), { timeout: 20_000 }).toBe("Done");
    expect(await page.getByTestId("import-counts").textContent()).toContain("1 created");
    expect(await page.locator("article").textContent()).toContain("1 rejected row");
    await page.goto(`${base}/imports`);
    await page.getByRole("link", { name: "browser-upload.csv" }).waitFor();
  });

  it("prints the implementation report to PDF", async () => {
    const response = await fetch(
      `${base}/api/reports/implementation?process=nk-2020&asOf=2023-06-01&format=pdf`,
    );
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
