import type { Command } from "commander";
import type { FeedView } from "../domain/documents.js";
import { systemActor } from "../services/context.js";
import {
  addFeed,
  type FeedRow,
  listFeeds,
  type PollResult,
  pollDueFeeds,
  pollFeed,
} from "../services/feeds.js";
import { openMigrated, say } from "./database.js";
import { theOnlyProcess, theOnlyProcessOnServer } from "./import.js";
import { handoffSecretOf, serverHoldingTheFolder } from "./server-handoff.js";

interface AddOptions {
  process?: string;
  publisher?: string;
  kind?: "news_article" | "official_statement" | "report" | "interview";
  interval?: string;
  publish?: boolean;
  noFetchArticles?: boolean;
  fetchArticles?: boolean;
}

export function registerFeedsCommand(program: Command) {
  const feeds = program.command("feeds").description("RSS, Atom and RDF feeds polled for new sources");
  feeds
    .command("add")
    .argument("<url>", "the feed's address")
    .option("--process <id>", "process its items belong to (default: the only one)")
    .option("--publisher <name>", "publisher of its items (default: the feed's title)")
    .option("--kind <kind>", "news_article (default), official_statement, report, interview")
    .option("--interval <minutes>", "minutes between polls (default 60)")
    .option("--publish", "publish its items as received instead of leaving drafts for review")
    .option("--no-fetch-articles", "keep each item's own content instead of fetching its page")
    .action((url: string, options: AddOptions) => withDatabase((run) => run.add(url, options)));
  feeds
    .command("poll")
    .argument("[id]", "a feed's id (default: every feed that is due)")
    .option("--all", "every active feed now, due or not")
    .action((id: string | undefined, options: { all?: boolean }) =>
      withDatabase((run) => run.poll(id, options.all)),
    );
  feeds.command("list").action(() => withDatabase((run) => run.list()));
}

interface FeedCommands {
  add(url: string, options: AddOptions): Promise<void>;
  poll(id: string | undefined, all?: boolean): Promise<void>;
  list(): Promise<void>;
}

async function withDatabase(work: (commands: FeedCommands) => Promise<void>) {
  let database: Awaited<ReturnType<typeof openMigrated>>;
  try {
    database = await openMigrated();
  } catch (error) {
    const serverUrl = serverHoldingTheFolder(error);
    if (!serverUrl) throw error;
    return work(besideServer(serverUrl, handoffSecretOf(error)));
  }
  const db = database.db;
  const actor = systemActor("cli");
  try {
    await work({
      async add(url, options) {
        const processId = options.process ?? (await theOnlyProcess(db));
        showFeed(await addFeed(db, actor, newFeed(url, processId, options)));
      },
      async poll(id, all) {
        const ids = id
          ? [id]
          : all
            ? (await listFeeds(db)).filter((f) => f.active).map((f) => f.id)
            : undefined;
        const results = ids
          ? await Promise.all(ids.map((feedId) => pollFeed(db, actor, feedId)))
          : await pollDueFeeds(db, actor, 1000);
        showPolls(results);
      },
      async list() {
        for (const feed of await listFeeds(db)) showFeed(feed);
      },
    });
  } finally {
    await database.close();
  }
}

function newFeed(url: string, processId: string, options: AddOptions) {
  return {
    processId,
    url,
    publisher: options.publisher,
    documentKind: options.kind,
    pollIntervalMinutes: options.interval ? Number(options.interval) : undefined,
    publishAs: options.publish ? ("published" as const) : ("draft" as const),
    fetchArticles: options.fetchArticles !== false,
  };
}

function showFeed(feed: FeedRow | FeedView) {
  const state = feed.lastStatus
    ? `${feed.lastStatus}, last poll ${feed.lastPolledAt}, ${feed.lastNewItems} new, ${feed.itemsTotal} in all${feed.lastError ? `; error: ${feed.lastError}` : ""}`
    : "not polled yet";
  say(`${feed.id}  ${feed.url}  ${feed.active ? "" : "(paused) "}${state}`);
}

function showPolls(results: PollResult[]) {
  if (results.length === 0) say("No feed is due.");
  for (const result of results) {
    say(
      `${result.feedId}: ${result.status}${result.error ? ` — ${result.error}` : ""}, ${result.newItems} new`,
    );
    for (const outcome of result.outcomes)
      if (outcome.outcome === "failed") say(`  ✗ ${outcome.location}: ${outcome.message}`);
    if (result.status === "error") process.exitCode = 1;
  }
}

/** The embedded database is held by a running server: the command goes to it over HTTP (as "cli"). */
function besideServer(serverUrl: string, secret: string | undefined): FeedCommands {
  const headers: Record<string, string> = secret ? { "x-peacetrack-handoff": secret } : {};
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as T & { error?: { message: string } };
    if (!response.ok)
      throw new Error(`the running server refused: ${answer.error?.message ?? response.statusText}`);
    return answer;
  };
  const feedsList = async () => (await call<{ items: FeedView[] }>("GET", "/api/feeds")).items;
  return {
    async add(url, options) {
      const processId = options.process ?? (await theOnlyProcessOnServer(serverUrl));
      showFeed(await call<FeedView>("POST", "/api/feeds", newFeed(url, processId, options)));
    },
    async poll(id, all) {
      const now = Date.now();
      const due = (await feedsList()).filter((f) => f.active && (all || Date.parse(f.nextPollAt) <= now));
      const ids = id ? [id] : due.map((f) => f.id);
      const results: PollResult[] = [];
      for (const feedId of ids)
        results.push(await call<PollResult>("POST", `/api/feeds/${encodeURIComponent(feedId)}/poll`));
      showPolls(results);
    },
    async list() {
      for (const feed of await feedsList()) showFeed(feed);
    },
  };
}
