import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { createPublished, type StaffAccounts, sendAs, staffAccounts } from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { freshId } from "../test-support/fixtures.js";
import {
  neverAnswer,
  redirectTo,
  serveText,
  startWebFixtureServer,
  type WebFixtureServer,
  withConditional,
} from "../test-support/web-fixture-server.js";
import { buildServer } from "./server.js";

/** Issue #10 over HTTP: pages, files and feeds taken in through the guard, and who may do it. */

const processId = "library-process";
const prose = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraph ${i + 1} on ${topic}: the ministry said the movement of persons, vehicles and cargo along the corridor must be unimpeded in both directions, as agreed in the statement.</p>`,
  ).join("");
const page = (title: string, date: string, topic: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title><meta property="article:published_time" content="${date}"><meta name="author" content="Press office"></head><body><article><h1>${title}</h1>${prose(topic)}</article></body></html>`;
const rss = (base: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Ministry news</title><link>${base}/</link>
<item><title>On the corridor</title><link>${base}/news/1</link><guid>n1</guid><pubDate>Mon, 27 Mar 2023 10:00:00 +0400</pubDate><description>Short summary one.</description></item>
<item><title>On the talks</title><link>${base}/news/2</link><guid>n2</guid><pubDate>Tue, 28 Mar 2023 10:00:00 +0400</pubDate><description>Short summary two.</description></item>
</channel></rss>`;

describe("The source library over HTTP [PGlite]", () => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let web: WebFixtureServer;
  const previousAllow = process.env.PEACETRACK_FETCH_ALLOW;
  const previousTimeout = process.env.PEACETRACK_FETCH_TIMEOUT_MS;

  beforeAll(async () => {
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
    process.env.PEACETRACK_FETCH_TIMEOUT_MS = "1500";
    database = await openPgliteForTest();
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    staff = await staffAccounts(database.db);
    await createPublished(base, "processes", { id: processId, name: "Library", slug: freshId("lib") }, staff);
    const routes: Parameters<typeof startWebFixtureServer>[0] = {
      "/statement": serveText(page("Statement on the corridor", "2023-03-27", "the corridor"), "text/html"),
      "/to-private": redirectTo("http://169.254.169.254/latest/meta-data"),
      "/login": serveText("<html><body><form><input name=u><input name=p></form></body></html>", "text/html"),
      "/image": serveText(new Uint8Array([137, 80, 78, 71]), "image/png"),
      "/hangs": neverAnswer(),
      "/news/1": serveText(page("On the corridor", "2023-03-27", "the blockade"), "text/html"),
      "/news/2": serveText(page("On the talks", "2023-03-28", "the negotiation format"), "text/html"),
      "/not-a-feed": serveText("<html><body>Hello</body></html>", "text/html"),
    };
    web = await startWebFixtureServer(routes);
    routes["/feed.xml"] = withConditional(rss(web.url), { etag: '"v1"' });
  });
  afterAll(async () => {
    process.env.PEACETRACK_FETCH_ALLOW = previousAllow;
    process.env.PEACETRACK_FETCH_TIMEOUT_MS = previousTimeout;
    await web?.close();
    await app?.close();
    await database?.close();
  });

  const takeIn = (body: object) =>
    sendAs(staff.monitor, "POST", `${base}/api/documents`, { processId, ...body });

  it("takes a page in: the article read, the page's own metadata kept with where each came from", async () => {
    const response = await takeIn({ url: `${web.url}/statement` });
    const body = await response.json();
    expect([response.status, body.error?.message]).toEqual([201, undefined]);
    expect(body).toMatchObject({
      title: "Statement on the corridor",
      author: "Press office",
      publishedOn: "2023-03-27",
      publishedDateSource: "metadata",
      language: "en",
      languageSource: "metadata",
      receivedVia: "url",
      reviewState: "draft",
      intake: { outcome: "created" },
    });
    const again = await takeIn({ url: `${web.url}/statement` });
    expect([again.status, (await again.json()).intake.outcome]).toEqual([200, "sighting"]);
    const original = await sendAs(staff.monitor, "GET", `${base}/api/documents/${body.id}/original`);
    expect(original.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(await original.text()).toContain("<article>");
  });

  it("refuses what the guard refuses, records each refusal, and says why", async () => {
    const cases: [string, string][] = [
      ["/to-private", "intake_blocked_address"],
      ["/login", "intake_not_an_article"],
      ["/image", "intake_unsupported_content_type"],
      ["/hangs", "intake_timeout"],
    ];
    for (const [path, code] of cases) {
      const response = await takeIn({ url: `${web.url}${path}` });
      const body = await response.json();
      expect([path, response.status, body.error.code]).toEqual([path, 422, code]);
    }
    const log = await sendAs(
      staff.monitor,
      "GET",
      `${base}/api/document-intakes?processId=${processId}&outcome=failed`,
    );
    const failures = (await log.json()).items.map((item: { errorCode: string }) => item.errorCode);
    expect(failures).toEqual(expect.arrayContaining(["blocked_address", "not_an_article", "timeout"]));
    expect((await sendAs(undefined, "GET", `${base}/api/document-intakes`)).status).toBe(401);
  });

  it("takes an uploaded file in, and refuses a file over 50 MB with a clear status", async () => {
    const markdown =
      "---\ntitle: Notes from the meeting\ndate: 2023-02-22\n---\n# Notes\n\nThe parties met and agreed to continue.";
    const response = await fetch(`${base}/api/documents/files?processId=${processId}&fileName=notes.md`, {
      method: "POST",
      headers: { authorization: `Bearer ${staff.monitor.token}`, "content-type": "text/markdown" },
      body: markdown,
    });
    const body = await response.json();
    expect([response.status, body.title, body.publishedOn, body.receivedVia]).toEqual([
      201,
      "Notes from the meeting",
      "2023-02-22",
      "file",
    ]);
    const huge = await fetch(`${base}/api/documents/files?processId=${processId}&fileName=huge.txt`, {
      method: "POST",
      headers: { authorization: `Bearer ${staff.monitor.token}`, "content-type": "text/plain" },
      body: Buffer.alloc(50 * 1024 * 1024 + 10, 97),
    });
    expect(huge.status).toBe(413);
  });

  it("refuses the public, and hides drafts from it", async () => {
    const anonymous = await fetch(`${base}/api/documents`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ processId, text: "Anonymous text" }),
    });
    expect(anonymous.status).toBe(401);
    const draft = await (
      await takeIn({ text: "A draft statement about the checkpoint.", title: "Draft" })
    ).json();
    expect((await fetch(`${base}/api/documents/${draft.id}`)).status).toBe(404);
    expect((await fetch(`${base}/api/documents/${draft.id}/original`)).status).toBe(404);
  });

  it("polls a feed: new items taken in with their pages, a second poll is a conditional request", async () => {
    const added = await sendAs(staff.monitor, "POST", `${base}/api/feeds`, {
      processId,
      url: `${web.url}/feed.xml`,
    });
    const feed = await added.json();
    expect(added.status).toBe(201);
    const first = await (await sendAs(staff.monitor, "POST", `${base}/api/feeds/${feed.id}/poll`)).json();
    expect([first.status, first.newItems]).toEqual(["ok", 2]);
    const second = await (await sendAs(staff.monitor, "POST", `${base}/api/feeds/${feed.id}/poll`)).json();
    expect([second.status, second.newItems]).toEqual(["not_modified", 0]);
    const feedRequests = web.requests.filter((request) => request.path === "/feed.xml");
    expect(feedRequests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    const listed = (await (await fetch(`${base}/api/feeds?processId=${processId}`)).json()).items;
    expect(listed[0]).toMatchObject({
      title: "Ministry news",
      lastStatus: "not_modified",
      itemsTotal: 2,
      kind: "rss",
    });
  });

  it("records a feed that is not a feed, and one that never answers, on the feed", async () => {
    for (const path of ["/not-a-feed", "/hangs"]) {
      const feed = await (
        await sendAs(staff.monitor, "POST", `${base}/api/feeds`, { processId, url: `${web.url}${path}` })
      ).json();
      const result = await (await sendAs(staff.monitor, "POST", `${base}/api/feeds/${feed.id}/poll`)).json();
      expect(result.status).toBe("error");
      const [state] = (await (await fetch(`${base}/api/feeds?processId=${processId}`)).json()).items.filter(
        (item: { id: string }) => item.id === feed.id,
      );
      expect(state).toMatchObject({ lastStatus: "error", consecutiveFailures: 1 });
      expect(state.lastError).toMatch(path === "/hangs" ? /^timeout/ : /^not_a_feed/);
    }
  });
});
