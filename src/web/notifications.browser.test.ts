import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { createPublished, type StaffAccounts, staffAccounts } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/account`);
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A party's own system: answers 204 to every POST and keeps what it was sent. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/peacetrack`, received };
}

const unreadCount = async (page: Page) => {
  const badge = page.getByTestId("unread-count");
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
};

/**
 * Issue #9, item 5 in a browser: a party is told when something about it is published. Its
 * representative sees the unread count in the header, reads the notification and marks it read; an
 * administrator registers a webhook for the party, is shown its secret once, and the next publication
 * reaches the receiver signed with that secret and shows in the webhook's delivery log.
 */
describe.skipIf(!hasChromium)(
  `notifications and webhooks in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let database: Database;
    let browser: Browser;
    let base: string;
    let staff: StaffAccounts;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const previousAllow = process.env.PEACETRACK_FETCH_ALLOW;
    const processId = "browser-notifications";
    const admin = { email: "hook-admin@example.org", password: "an administrative passphrase" };
    const representative = { email: "east-rep@example.org", password: "an eastern passphrase" };
    const incident = (title: string) => ({
      processId,
      title,
      monitoringType: "ceasefire_violation",
      startDate: "2024-06-01",
      description: "Small-arms fire reported across the line.",
      actors: [{ partyId: "east", role: "alleged_perpetrator" }],
    });

    beforeAll(async () => {
      // The receiver listens on loopback, which webhooks may not reach unless the operator allows it.
      process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
      receiver = await startReceiver();
      web = await startBrowserApp(async () => {});
      ({ database, base, browser } = web);
      staff = await staffAccounts(database.db);
      await createAccount(database.db, { ...admin, role: "administrator", createdBy: "test" });
      await createPublished(
        base,
        "processes",
        { id: processId, name: "Notifications in a browser", slug: processId },
        staff,
      );
      await createPublished(
        base,
        "parties",
        { id: "east", processId, kind: "state", shortName: "East", names: [{ text: "East", lang: "en" }] },
        staff,
      );
      await createAccount(database.db, {
        ...representative,
        role: "party_representative",
        partyId: "east",
        createdBy: "test",
      });
      await createPublished(base, "incidents", incident("Gunfire at the eastern checkpoint"), staff);
    });
    afterAll(async () => {
      await web?.close();
      await new Promise((resolve) => receiver?.server.close(resolve));
      if (previousAllow === undefined) delete process.env.PEACETRACK_FETCH_ALLOW;
      else process.env.PEACETRACK_FETCH_ALLOW = previousAllow;
    });

    it("the representative sees the unread count, reads the incident's notification and marks it read", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      expect(await page.goto(`${base}/`).then(() => page.getByTestId("notification-bell").count())).toBe(0);
      await signIn(page, base, representative.email, representative.password);
      // The party's own publication and the incident's: both concern East.
      await expect.poll(() => unreadCount(page)).toBe(2);
      await page.getByTestId("notification-bell").click();
      await page.waitForURL(`${base}/notifications`);
      const item = page.getByTestId("notification").filter({ hasText: "Gunfire at the eastern checkpoint" });
      await expect.poll(() => item.getAttribute("data-read")).toBe("false");
      expect(await item.textContent()).toContain("Published");
      expect(
        await item.getByRole("link", { name: "Gunfire at the eastern checkpoint" }).getAttribute("href"),
      ).toMatch(/^\/incidents\//);
      expect(await page.getByRole("link", { name: "Webhooks" }).count()).toBe(1);
      await item.getByRole("button", { name: "Mark read" }).click();
      await expect.poll(() => item.getAttribute("data-read")).toBe("true");
      await expect.poll(() => unreadCount(page)).toBe(1);
      await page.getByRole("button", { name: "Mark all read" }).click();
      await expect.poll(() => unreadCount(page)).toBe(0);
      await context.close();
    });

    it("an administrator registers a webhook for the party, sees the secret once, and it is sent signed", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, base, admin.email, admin.password);
      // Staff read every party's notifications, and may narrow them to one party.
      await page.getByTestId("notification-bell").click();
      await expect.poll(() => page.locator(".filters select option").allTextContents()).toContain("East");
      await page.locator(".filters select").selectOption("east");
      await page.waitForURL(`${base}/notifications?party=east`);
      await expect.poll(() => page.getByTestId("notification").count()).toBe(2);
      await page.getByRole("link", { name: "Webhooks" }).click();
      await page.waitForURL(`${base}/webhooks`);
      await expect.poll(() => page.locator(".filters select option").allTextContents()).toContain("East");
      await page.locator(".filters select").selectOption("east");
      const form = page.getByTestId("webhook-form");
      await form.getByLabel("URL").fill(receiver.url);
      await form.getByLabel("Description").fill("East desk alerts");
      await form.getByRole("button", { name: "Register" }).click();
      const secret = (await page.getByTestId("webhook-secret-value").textContent()) ?? "";
      expect(secret.length).toBeGreaterThan(30);
      await expect.poll(() => page.getByTestId("webhook").getAttribute("data-url")).toBe(receiver.url);
      // Once: after it is dismissed, nothing on the page (or in the list the API answers) shows it again.
      await page.getByRole("button", { name: "I have kept it" }).click();
      await page.reload();
      await expect.poll(() => page.getByTestId("webhook").count()).toBe(1);
      expect(await page.content()).not.toContain(secret);

      await createPublished(base, "incidents", incident("Drone over the eastern post"), staff);
      await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const [delivery] = receiver.received;
      const timestamp = String(delivery?.headers["x-peacetrack-timestamp"]);
      const signature = createHmac("sha256", secret).update(`${timestamp}.${delivery?.body}`).digest("hex");
      expect(delivery?.headers["x-peacetrack-signature"]).toBe(`sha256=${signature}`);
      expect(JSON.parse(delivery?.body ?? "{}").record.title).toBe("Drone over the eastern post");

      await page.getByRole("button", { name: "Show deliveries" }).click();
      const row = page.getByTestId("delivery").filter({ hasText: "Drone over the eastern post" });
      await expect
        .poll(async () => {
          await page.getByRole("button", { name: "Refresh" }).click();
          return row.getAttribute("data-state");
        })
        .toBe("delivered");
      expect(await row.textContent()).toContain("HTTP 204");
      // The refresh read the webhook's state again: its last success is now known.
      await expect.poll(() => page.getByTestId("webhook").textContent()).not.toMatch(/Last success\s*never/);

      await page.getByRole("button", { name: "Remove", exact: true }).click();
      await page.getByRole("button", { name: /^Remove it/ }).click();
      await expect.poll(() => page.getByTestId("webhook").count()).toBe(0);
      await context.close();
    });
  },
);
