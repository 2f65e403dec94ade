import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../services/accounts.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { createPublished, sendAs, staffAccounts } from "../test-support/accounts.js";
import { type BrowserApp, startBrowserApp } from "../test-support/browser-app.js";

const hasChromium = existsSync(chromiumPath);

/**
 * Issue #9, item 8: a party representative signs in, replies to an incident that concerns their party,
 * and the public then sees the reply beside the incident.
 */
describe.skipIf(!hasChromium)(
  `the right of reply in Chromium${hasChromium ? "" : " — SKIPPED: no Chromium"}`,
  () => {
    let web: BrowserApp;
    let database: Database;
    let browser: Browser;
    let base: string;
    let incidentId: string;
    const representative = { email: "north-rep@example.org", password: "a northern passphrase" };
    const replyText = "Our positions did not fire on the night of 1 March.";

    beforeAll(async () => {
      // The records are written through the API as each role would, once the server is up.
      web = await startBrowserApp(async () => {});
      ({ database, base, browser } = web);
      const staff = await staffAccounts(database.db);
      const admin = staff.administrator;
      const processId = "browser-replies";
      for (const [path, body] of [
        ["processes", { id: processId, name: "Replies in a browser", slug: "browser-replies" }],
        [
          "parties",
          {
            id: "north",
            processId,
            kind: "state",
            shortName: "North",
            names: [{ text: "North", lang: "en" }],
          },
        ],
      ] as const) {
        const response = await sendAs(admin, "POST", `${base}/api/${path}`, body);
        if (response.status !== 201) throw new Error(await response.text());
      }
      const incident = await createPublished(
        base,
        "incidents",
        {
          processId,
          title: "Shelling near the northern line",
          monitoringType: "ceasefire_violation",
          startDate: "2024-03-01",
          description: "Mortar fire reported at night.",
          actors: [{ partyId: "north", role: "alleged_perpetrator" }],
        },
        staff,
      );
      incidentId = incident.id;
      await createAccount(database.db, {
        ...representative,
        role: "party_representative",
        partyId: "north",
        createdBy: "test",
      });
    });
    afterAll(async () => {
      await web?.close();
    });

    it("a representative replies to an incident; the public sees the reply beside it", async () => {
      const signedIn = await browser.newPage();
      await signedIn.goto(`${base}/sign-in`);
      await signedIn.getByLabel("E-mail address").fill(representative.email);
      await signedIn.getByLabel("Password").fill(representative.password);
      await signedIn.getByRole("button", { name: "Sign in" }).click();
      await signedIn.waitForURL(`${base}/account`);

      await signedIn.goto(`${base}/incidents/${encodeURIComponent(incidentId)}`);
      const form = signedIn.locator("form.reply-form");
      await expect.poll(() => form.locator("h3").textContent()).toMatch(/^Reply on behalf of /);
      await form.getByLabel("Your party's reply").fill(replyText);
      await form.getByRole("button", { name: "Publish reply" }).click();
      await expect.poll(() => signedIn.locator(".party-reply").textContent()).toContain(replyText);

      const publicContext = await browser.newContext();
      const anonymous = await publicContext.newPage();
      await anonymous.goto(`${base}/incidents/${encodeURIComponent(incidentId)}`);
      const reply = anonymous.locator(".party-reply");
      await expect.poll(() => reply.textContent()).toContain(replyText);
      expect(await reply.locator(".party-reply-label").textContent()).toMatch(/'s reply$/);
      // Beside what it answers: right after the incident's own text, at the same size.
      const sizes = await anonymous.evaluate(() => {
        const description = document.querySelector("article > p.pre");
        const answer = document.querySelector(".party-reply p.pre");
        return [description, answer].map((node) => (node ? getComputedStyle(node).fontSize : null));
      });
      expect(sizes[0]).not.toBeNull();
      expect(sizes[1]).toBe(sizes[0]);
      expect(await anonymous.locator("form.reply-form").count()).toBe(0);
      await publicContext.close();
    });
  },
);
