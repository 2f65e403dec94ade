import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { buildServer } from "../api/server.js";
import { ensureWebBuild } from "../cli/web-build.js";
import { launchChromium } from "../services/report/pdf.js";
import type { Database } from "../store/database.js";
import { openPgliteForTest } from "./databases.js";

export interface BrowserApp {
  database: Database;
  app: FastifyInstance;
  base: string;
  browser: Browser;
  page: Page;
  /** Console messages of the page that report a Content-Security-Policy violation (a test expects none). */
  policyViolations: string[];
  close(): Promise<void>;
}

/**
 * The web app as a person meets it in the browser tests: built when its sources changed, served by the
 * real server over a fresh in-memory PGlite that `prepare` fills, and one Chromium page on it.
 */
export async function startBrowserApp(prepare: (database: Database) => Promise<void>): Promise<BrowserApp> {
  await ensureWebBuild(); // only when the sources changed since the last build (as npm start does)
  const database = await openPgliteForTest();
  await prepare(database);
  const app = await buildServer({ database, rateLimit: false });
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const policyViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  return {
    database,
    app,
    base,
    browser,
    page,
    policyViolations,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
