import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewMove } from "../domain/review-transitions.js";
import { createAccount } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import { sendAs, type TestAccount, testAccount } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

/**
 * Issue #9, item 4 in a real browser: a monitor's submitted record waits in the review queue; a
 * mediator signs in, publishes it from the queue, and the record shows who moved it and when; the
 * public then sees it, published.
 */
describe.skipIf(!hasChromium)(`review in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`, () => {
  let web: BrowserApp;
  let page: Page;
  let base: string;
  let monitor: TestAccount;
  const mediator = { email: "browser-mediator@example.org", password: "a mediator's passphrase" };
  const placeName = "Checkpoint Seven";
  let placeId: string;

  beforeAll(async () => {
    let administrator: TestAccount | undefined;
    web = await startBrowserApp(async (database) => {
      await createAccount(database.db, { ...mediator, role: "mediator", createdBy: "test" });
      administrator = await testAccount(database.db, "administrator");
      monitor = await testAccount(database.db, "monitor");
    });
    ({ page, base } = web);
    const process = await sendAs(administrator, "POST", `${base}/api/processes`, {
      id: "review-browser",
      name: "Review in the browser",
      slug: "review-browser",
    });
    if (process.status !== 201) throw new Error(await process.text());
    const place = await sendAs(monitor, "POST", `${base}/api/places`, {
      processId: "review-browser",
      names: [{ text: placeName, lang: "en" }],
      kind: "town",
      geoPrecision: 2,
    });
    if (place.status !== 201) throw new Error(await place.text());
    placeId = ((await place.json()) as { id: string }).id;
    const submitted = await sendAs(monitor, "POST", `${base}/api/places/${placeId}/review`, {
      action: "submit_for_review",
    });
    if (submitted.status !== 200) throw new Error(await submitted.text());
  });
  afterAll(async () => {
    await web?.close();
  });

  it("keeps the submitted record from the public until a mediator publishes it from the queue", async () => {
    expect((await fetch(`${base}/api/places/${placeId}`)).status).toBe(404);

    await page.goto(`${base}/sign-in`);
    await page.getByLabel("E-mail address").fill(mediator.email);
    await page.getByLabel("Password").fill(mediator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/account`);

    await page.getByRole("link", { name: "Review", exact: true }).click();
    await page.waitForURL(`${base}/review`);
    const row = page.getByTestId("review-queue-item").filter({ hasText: placeName });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Under review");
    expect(await row.textContent()).toContain("token:tests"); // who submitted: the monitor's token
    await row.getByRole("button", { name: "Publish" }).click();
    await expect.poll(() => row.count()).toBe(0);

    const stored = (await (await fetch(`${base}/api/places/${placeId}`)).json()) as {
      reviewState: string;
      reviewHistory: ReviewMove[];
    };
    expect(stored.reviewState).toBe("published");
    const publishMove = stored.reviewHistory.at(-1);
    expect(publishMove?.action).toBe("publish");

    await page.goto(`${base}/places/${placeId}`);
    const panel = page.getByTestId("review-panel");
    await expect.poll(() => panel.textContent()).toContain(publishMove?.by ?? "?");
    const text = (await panel.textContent()) ?? "";
    expect(text).toContain("token:tests");
    expect(text).toContain("under review → published");
    expect(await panel.locator(`time[datetime="${publishMove?.at}"]`).count()).toBe(1);
    // Published: no badge that says otherwise, and nothing more for this mediator to publish.
    expect(await panel.getByTestId("review-badge").count()).toBe(0);
    expect(await panel.getByRole("button", { name: "Publish" }).count()).toBe(0);

    const anonymous = await web.browser.newPage();
    await anonymous.goto(`${base}/places/${placeId}`);
    await expect.poll(() => anonymous.locator("h1").textContent()).toBe(placeName);
    expect(await anonymous.getByRole("link", { name: "Review", exact: true }).count()).toBe(0);
    expect(await anonymous.getByTestId("review-badge").count()).toBe(0);
    await anonymous.close();
  });

  it("asks why before a dispute, and shows the reason and the badge after", async () => {
    await page.goto(`${base}/places/${placeId}`);
    const panel = page.getByTestId("review-panel");
    await panel.getByRole("button", { name: "Dispute" }).click();
    await panel.getByLabel("Why? (Dispute)").fill("Two sources place it elsewhere");
    await panel.locator("form").getByRole("button", { name: "Dispute" }).click();
    await expect.poll(() => panel.getByTestId("review-badge").textContent()).toBe("Disputed");
    expect(await panel.textContent()).toContain("Two sources place it elsewhere");
    expect(await panel.textContent()).toContain("published → disputed");
  });

  it("marks a draft plainly for its author", async () => {
    const draft = await sendAs(monitor, "POST", `${base}/api/places`, {
      processId: "review-browser",
      names: [{ text: "Unreviewed post", lang: "en" }],
      kind: "town",
      geoPrecision: 2,
    });
    const { id } = (await draft.json()) as { id: string };
    // The mediator may read the draft, and sees it marked as one.
    await page.goto(`${base}/places/${id}`);
    await expect.poll(() => page.getByTestId("review-badge").textContent()).toBe("Draft");
  });
});
