import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import { kindTarget } from "../domain/policy.js";
import type { FeedItem, ParsedFeed } from "../ingest/sources/contracts.js";
import { parseFeedBytes } from "../ingest/sources/feeds.js";
import { guardedFetch } from "../ingest/sources/guarded-fetch.js";
import { isIntakeError } from "../ingest/sources/intake-error.js";
import { fetchSettings, readFeedItem, readPage } from "../ingest/sources/read-source.js";
import type { Db } from "../store/database.js";
import { NotFoundError, translateDatabaseError, ValidationError } from "../store/errors.js";
import { feedItems, feeds } from "../store/schema.js";
import { forbidden } from "./access-errors.js";
import { authorize, requireSignedIn, runUseCase, type Writer, writerName } from "./context.js";
import { type IntakeOutcome, readThenTakeIn } from "./document-intake.js";

export type FeedRow = typeof feeds.$inferSelect;

export interface NewFeed {
  processId: string;
  url: string;
  title?: string;
  publisher?: string;
  documentKind?: "news_article" | "official_statement" | "report" | "interview";
  publishAs?: "draft" | "published";
  fetchArticles?: boolean;
  pollIntervalMinutes?: number;
}

/**
 * Who may register and poll feeds: those who may take documents in. A feed whose items are published
 * as received skips review for everything it brings, so only an administrator may set that.
 */
function authorizeFeedChange(actor: Writer, publishAs: "draft" | "published" | undefined) {
  requireSignedIn(actor);
  if (actor.kind !== "account") return;
  authorize(actor, "create", kindTarget("documents"));
  if (publishAs === "published" && actor.role !== "administrator")
    throw forbidden("Only an administrator may have a feed's items published without review.");
}

export async function addFeed(db: Db, actor: Writer, input: NewFeed): Promise<FeedRow> {
  authorizeFeedChange(actor, input.publishAs);
  if (!/^https?:\/\//i.test(input.url))
    throw new ValidationError("A feed's address is an http:// or https:// URL.", [
      { path: "url", message: "an http:// or https:// address" },
    ]);
  return runUseCase(db, actor, async ({ tx }) => {
    const [existing] = await tx
      .select()
      .from(feeds)
      .where(and(eq(feeds.processId, input.processId), eq(feeds.url, input.url)));
    if (existing) return existing;
    const [created] = await tx
      .insert(feeds)
      .values({ id: randomUUID(), ...input, createdBy: writerName(actor) })
      .returning()
      .catch((error: unknown) => {
        // An unknown process is the caller's mistake (400), not the server's.
        throw translateDatabaseError(error);
      });
    return created as FeedRow;
  });
}

export async function listFeeds(db: Db, processId?: string): Promise<FeedRow[]> {
  const query = db.select().from(feeds).orderBy(desc(feeds.createdAt));
  return processId ? query.where(eq(feeds.processId, processId)) : query;
}

export async function setFeedActive(db: Db, actor: Writer, id: string, active: boolean): Promise<FeedRow> {
  authorizeFeedChange(actor, undefined);
  const [row] = await db.update(feeds).set({ active }).where(eq(feeds.id, id)).returning();
  if (!row) throw new NotFoundError("feeds", id);
  return row;
}

export interface PollResult {
  feedId: string;
  status: "ok" | "not_modified" | "error";
  newItems: number;
  outcomes: IntakeOutcome[];
  error?: string;
}

/** A poll that ran longer than this is taken to have died with its process; the feed is free again. */
const stalePollMinutes = 10;
const maxBackoffMinutes = 24 * 60;

/**
 * Polls one feed now: a conditional request (ETag, Last-Modified), then every item not seen before
 * taken in — its page fetched for the full article when the feed is set so, else its own content.
 * The feed's state (last poll, new items, the error) is written whatever happens.
 */
export async function pollFeed(db: Db, actor: Writer, id: string): Promise<PollResult> {
  const [feed] = await db.select().from(feeds).where(eq(feeds.id, id));
  if (!feed) throw new NotFoundError("feeds", id);
  authorizeFeedChange(actor, undefined);
  try {
    const fetched = await guardedFetch(
      feed.url,
      fetchSettings({
        acceptTypes: "feed",
        etag: feed.etag ?? undefined,
        lastModified: feed.lastModified ?? undefined,
      }),
    );
    if (fetched.status === "not_modified") {
      await recordPoll(db, feed, { lastStatus: "not_modified", lastError: null, lastNewItems: 0 });
      return { feedId: id, status: "not_modified", newItems: 0, outcomes: [] };
    }
    const parsed = parseFeedBytes(fetched.bytes, { contentType: fetched.contentType, url: fetched.url });
    const outcomes = await takeInNewItems(db, actor, feed, parsed);
    const newItems = outcomes.filter((outcome) => outcome.outcome === "created").length;
    await recordPoll(db, feed, {
      lastStatus: "ok",
      lastError: null,
      lastNewItems: newItems,
      etag: fetched.etag ?? null,
      lastModified: fetched.lastModified ?? null,
      kind: parsed.kind,
      title: feed.title || parsed.title,
      itemsTotal: sql`${feeds.itemsTotal} + ${newItems}`,
    });
    return { feedId: id, status: "ok", newItems, outcomes };
  } catch (error) {
    const message = isIntakeError(error) ? `${error.code}: ${error.message}` : String(error);
    await recordPoll(db, feed, { lastStatus: "error", lastError: message.slice(0, 2000), lastNewItems: 0 });
    return { feedId: id, status: "error", newItems: 0, outcomes: [], error: message };
  }
}

const itemKey = (item: FeedItem) => item.guid ?? item.url ?? `${item.title}|${item.publishedAt ?? ""}`;

/** Items not seen before, each read (its page fetched, or its own content), then taken in as one batch. */
async function takeInNewItems(db: Db, actor: Writer, feed: FeedRow, parsed: ParsedFeed) {
  const seen = new Set(
    (await db.select({ key: feedItems.itemKey }).from(feedItems).where(eq(feedItems.feedId, feed.id))).map(
      (row) => row.key,
    ),
  );
  const fresh = parsed.items.filter((item) => !seen.has(itemKey(item).slice(0, 2000)));
  const outcomes = await readThenTakeIn(
    db,
    actor,
    fresh.map((item) => feedItemSource(actor, feed, parsed, item)),
  );
  const remembered = fresh.flatMap((item, index) => {
    const outcome = outcomes[index] as IntakeOutcome;
    // A page that timed out is tried again at the next poll; any other failure is final.
    if (outcome.outcome === "failed" && outcome.errorCode === "timeout") return [];
    const documentId = outcome.outcome === "failed" ? null : outcome.documentId;
    return [{ feedId: feed.id, itemKey: itemKey(item).slice(0, 2000), documentId }];
  });
  if (remembered.length > 0) await db.insert(feedItems).values(remembered).onConflictDoNothing();
  return outcomes;
}

function feedItemSource(actor: Writer, feed: FeedRow, parsed: ParsedFeed, item: FeedItem) {
  return {
    source: {
      via: "feed" as const,
      location: item.url ?? `${feed.url}#${item.guid ?? item.title}`,
      url: item.url,
      feedId: feed.id,
    },
    metadata: {
      processId: feed.processId,
      kind: feed.documentKind as "news_article",
      title: item.title || undefined,
      publisher: feed.publisher || parsed.title || undefined,
      url: item.url,
      feedPublishedAt: item.publishedAt,
      reviewState: actor.kind === "system" ? feed.publishAs : undefined,
    },
    read: async () => {
      if (feed.fetchArticles && item.url) {
        try {
          return await readPage(item.url, { acceptTypes: "page" });
        } catch (error) {
          // The item's own content is still a faithful copy of what the feed published.
          if (!isIntakeError(error) || !(item.contentHtml || item.summaryHtml)) throw error;
        }
      }
      return readFeedItem(item, parsed.language);
    },
  };
}

async function recordPoll(db: Db, feed: FeedRow, state: Partial<Record<keyof FeedRow, unknown>>) {
  const failed = state.lastStatus === "error";
  const failures = failed ? feed.consecutiveFailures + 1 : 0;
  // Failing feeds are polled less often: the interval doubles per failure, up to a day.
  const waitMinutes = Math.min(feed.pollIntervalMinutes * 2 ** Math.min(failures, 10), maxBackoffMinutes);
  await db
    .update(feeds)
    .set({
      ...(state as object),
      consecutiveFailures: failures,
      lastPolledAt: sql`now()`,
      nextPollAt: sql`now() + make_interval(mins => ${waitMinutes})`,
      pollingSince: null,
    })
    .where(eq(feeds.id, feed.id));
}

/**
 * Takes the feeds that are due, marking them as being polled (SKIP LOCKED: two servers on one
 * PostgreSQL never take the same feed), and polls them one after another.
 */
export async function pollDueFeeds(db: Db, actor: Writer, limit = 5): Promise<PollResult[]> {
  const due = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: feeds.id })
      .from(feeds)
      .where(
        and(
          eq(feeds.active, true),
          lte(feeds.nextPollAt, sql`now()`),
          or(
            isNull(feeds.pollingSince),
            lt(feeds.pollingSince, sql`now() - make_interval(mins => ${stalePollMinutes})`),
          ),
        ),
      )
      .orderBy(asc(feeds.nextPollAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const row of rows)
      await tx.update(feeds).set({ pollingSince: sql`now()` }).where(eq(feeds.id, row.id));
    return rows;
  });
  const results: PollResult[] = [];
  for (const row of due) results.push(await pollFeed(db, actor, row.id));
  return results;
}

export interface FeedPolling {
  stop(): Promise<void>;
}

/** The server's background poller: every `everyMs`, the due feeds; stops cleanly, never keeps a process alive. */
export function startFeedPolling(
  db: Db,
  options: { everyMs?: number; log?: (message: string, error?: unknown) => void } = {},
): FeedPolling {
  const actor: Writer = { kind: "system", name: "feed-poller" };
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = pollDueFeeds(db, actor).catch((error) => options.log?.("feed polling failed", error));
  };
  const timer = setInterval(tick, options.everyMs ?? 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
