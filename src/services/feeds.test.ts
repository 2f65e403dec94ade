import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { feeds } from "../store/schema.js";
import { describeEachDatabase } from "../test-support/databases.js";
import {
  serveText,
  startWebFixtureServer,
  type WebFixtureServer,
} from "../test-support/web-fixture-server.js";
import { systemActor } from "./context.js";
import { addFeed, listFeeds, pollDueFeeds } from "./feeds.js";
import { createRecord } from "./records.js";

/** The schedule: only due feeds are polled, each by one poller; failing feeds wait longer each time. */

const actor = systemActor("test");
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Schedule</title>
<item><title>One</title><guid>s1</guid><description>The ministry said the corridor must remain open to persons, vehicles and cargo in both directions.</description></item>
</channel></rss>`;

describeEachDatabase("feed polling on a schedule", (open) => {
  let database: Database;
  let web: WebFixtureServer;
  const db = () => database.db;
  const previousAllow = process.env.PEACETRACK_FETCH_ALLOW;

  beforeAll(async () => {
    process.env.PEACETRACK_FETCH_ALLOW = "127.0.0.1";
    database = await open();
    await createRecord(db(), "processes", { id: "schedule", name: "Schedule", slug: "schedule" }, actor);
    web = await startWebFixtureServer({
      "/good.xml": serveText(rss, "application/rss+xml"),
      "/broken.xml": serveText("{ not a feed }", "application/rss+xml"),
    });
  });
  afterAll(async () => {
    process.env.PEACETRACK_FETCH_ALLOW = previousAllow;
    await web?.close();
    await database?.close();
  });

  it("polls the due feeds once, then waits for their interval; a failing feed waits twice as long", async () => {
    const good = await addFeed(db(), actor, {
      processId: "schedule",
      url: `${web.url}/good.xml`,
      fetchArticles: false,
    });
    const broken = await addFeed(db(), actor, { processId: "schedule", url: `${web.url}/broken.xml` });
    const first = await pollDueFeeds(db(), actor);
    expect(first.map((result) => [result.feedId, result.status]).sort()).toEqual(
      [
        [good.id, "ok"],
        [broken.id, "error"],
      ].sort(),
    );
    expect(await pollDueFeeds(db(), actor)).toEqual([]);
    const state = new Map((await listFeeds(db(), "schedule")).map((feed) => [feed.id, feed]));
    const wait = (id: string) => {
      const feed = state.get(id);
      return (Date.parse(feed?.nextPollAt ?? "") - Date.parse(feed?.lastPolledAt ?? "")) / 60_000;
    };
    expect(Math.round(wait(good.id))).toBe(60);
    expect(Math.round(wait(broken.id))).toBe(120);
    expect(state.get(good.id)).toMatchObject({ itemsTotal: 1, lastNewItems: 1, pollingSince: null });
  });

  it("never gives one feed to two pollers at once", async () => {
    await db().update(feeds).set({ nextPollAt: sql`now() - interval '1 minute'` });
    const [a, b] = await Promise.all([pollDueFeeds(db(), actor), pollDueFeeds(db(), actor)]);
    const polled = [...(a ?? []), ...(b ?? [])].map((result) => result.feedId);
    expect(new Set(polled).size).toBe(polled.length);
    expect(polled.length).toBe(2);
  });
});
