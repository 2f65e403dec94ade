import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { FetchAllowList } from "../ingest/sources/address-policy.js";
import type { Db } from "../store/database.js";
import { partyNames } from "../store/notification-queries.js";
import {
  type DeliveryAttempt,
  notifications,
  webhookDeliveries,
  webhooks,
} from "../store/schema-notifications.js";
import { isoTimestamp, onDeliveriesQueued } from "./notifications.js";
import { packageVersion } from "./version.js";
import { guardedLookup, literalAddressProblem, webhookAllowList } from "./webhook-address.js";

/**
 * Sends the outbox (webhook_deliveries) to the parties' webhooks. A delivery is claimed with
 * FOR UPDATE SKIP LOCKED and leased (state "delivering" until leaseUntil) in one short statement, so
 * several servers on one PostgreSQL never send one delivery at once; the POST happens outside any
 * transaction; its outcome is written back only if the lease is still ours. A 2xx answer delivers;
 * anything else is retried with exponential backoff and jitter, up to `maxAttempts`, then "failed".
 * A server that dies mid-send leaves the lease to run out and another sends again: receivers see a
 * delivery at least once, and X-Peacetrack-Delivery lets them drop a repeat.
 */

export interface WebhookDeliveryOptions {
  log?: (message: string, error?: unknown) => void;
  /** How often to look for due deliveries (default 5 s). */
  pollIntervalMs?: number;
  /** Delay before attempt n + 1 after n failed attempts (default: 30 s × 4^(n−1), ±20 %, at most a day). */
  backoffMs?: (failedAttempts: number) => number;
  /** Default 8. */
  maxAttempts?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Where records' links in payloads point (default PEACETRACK_PUBLIC_URL, else http://localhost:PORT). */
  publicUrl?: string;
  /** Addresses allowed although private (default: PEACETRACK_FETCH_ALLOW). */
  allow?: FetchAllowList;
  /** Deliveries claimed at once (default 20). */
  batchSize?: number;
}

export const defaultMaxAttempts = 8;

/** 30 s, 2 min, 8 min, 32 min, ~2 h, ~8.5 h, then a day; each ±20 % so that retries do not march in step. */
export function defaultBackoffMs(failedAttempts: number): number {
  const base = Math.min(30_000 * 4 ** Math.max(0, failedAttempts - 1), 24 * 3600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The signature a receiver checks: HMAC-SHA256 over "<timestamp>.<body>", hex (docs/WEBHOOKS.md). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

const leaseMs = (timeoutMs: number) => timeoutMs * 3 + 30_000;

interface Claimed {
  id: string;
  webhookId: string;
  notificationId: string;
  attempts: number;
}

/** Claims up to `limit` due deliveries (pending and due, or leased by a worker whose lease ran out). */
export async function claimDueDeliveries(db: Db, limit: number, timeoutMs: number): Promise<Claimed[]> {
  const result = (await db.execute(sql`
    WITH due AS (
      SELECT id FROM ${webhookDeliveries}
      WHERE (state = 'pending' AND next_attempt_at <= now())
         OR (state = 'delivering' AND lease_until < now())
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE ${webhookDeliveries} AS d
    SET state = 'delivering', attempts = d.attempts + 1,
        lease_until = now() + make_interval(secs => ${leaseMs(timeoutMs) / 1000})
    FROM due WHERE d.id = due.id
    RETURNING d.id AS "id", d.webhook_id AS "webhookId", d.notification_id AS "notificationId",
      d.attempts AS "attempts"`)) as unknown as { rows: Claimed[] };
  return result.rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
}

/** The JSON body sent for one notification (the same bytes on every attempt, while the settings hold). */
export function webhookBody(
  notification: typeof notifications.$inferSelect,
  partyName: string,
  publicUrl: string,
): string {
  return JSON.stringify({
    id: notification.id,
    event: notification.event,
    party: { id: notification.partyId, name: partyName },
    record: {
      kind: notification.recordKind,
      id: notification.recordId,
      title: notification.title,
      url: recordUrl(publicUrl, notification.recordKind, notification.recordId),
    },
    ...(notification.replyId ? { replyId: notification.replyId } : {}),
    summary: notification.summary,
    occurredAt: isoTimestamp(notification.createdAt),
  });
}

const pages = new Set(["incidents", "agreements", "commitments", "formats", "meetings", "parties", "places"]);

function recordUrl(base: string, kind: string, id: string): string {
  const path = kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `${base.replace(/\/$/, "")}/${pages.has(kind) ? "" : "api/"}${path}/${encodeURIComponent(id)}`;
}

export interface PostOutcome {
  status?: number;
  error?: string;
}

/** One POST, bounded by `timeoutMs`, to an address the allow-list admits; the answer's body is discarded. */
export function postSigned(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allow: FetchAllowList; signal?: AbortSignal },
): Promise<PostOutcome> {
  const target = new URL(url);
  const problem = literalAddressProblem(target.hostname, options.allow);
  if (problem) return Promise.resolve({ error: problem });
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: guardedLookup(options.allow),
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
        response.on("error", (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
      },
    );
    // The whole attempt, answer included, within the timeout (the socket timeout is only idle time).
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    timer.unref();
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    request.on("error", (error) => resolve({ error: error.message }));
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}

interface Settings {
  backoffMs: (failedAttempts: number) => number;
  maxAttempts: number;
  timeoutMs: number;
  publicUrl: string;
  allow: FetchAllowList;
  batchSize: number;
}

function settingsOf(options: WebhookDeliveryOptions): Settings {
  return {
    backoffMs: options.backoffMs ?? defaultBackoffMs,
    maxAttempts: options.maxAttempts ?? defaultMaxAttempts,
    timeoutMs: options.timeoutMs ?? 10_000,
    publicUrl:
      options.publicUrl ??
      process.env.PEACETRACK_PUBLIC_URL ??
      `http://localhost:${process.env.PORT ?? 3000}`,
    allow: options.allow ?? webhookAllowList(),
    batchSize: options.batchSize ?? 20,
  };
}

/**
 * Claims what is due and sends it, concurrently; answers how many deliveries were attempted. Safe to
 * run in several processes at once.
 */
export async function deliverDue(
  db: Db,
  options: WebhookDeliveryOptions = {},
  signal?: AbortSignal,
): Promise<number> {
  const settings = settingsOf(options);
  const claimed = await claimDueDeliveries(db, settings.batchSize, settings.timeoutMs);
  if (claimed.length === 0) return 0;
  const hooks = await db
    .select()
    .from(webhooks)
    .where(inArray(webhooks.id, [...new Set(claimed.map((c) => c.webhookId))]));
  const told = await db
    .select()
    .from(notifications)
    .where(inArray(notifications.id, [...new Set(claimed.map((c) => c.notificationId))]));
  const names = await partyNames(
    db,
    told.map((n) => n.partyId),
  );
  await Promise.all(
    claimed.map(async (delivery) => {
      const hook = hooks.find((h) => h.id === delivery.webhookId);
      const notification = told.find((n) => n.id === delivery.notificationId);
      if (!hook || !notification || !hook.active || hook.removedAt) return cancel(db, delivery);
      const body = webhookBody(
        notification,
        names.get(notification.partyId) ?? notification.partyId,
        settings.publicUrl,
      );
      const timestamp = String(Math.floor(Date.now() / 1000));
      const started = Date.now();
      const outcome = await postSigned(
        hook.url,
        body,
        {
          "content-type": "application/json",
          "user-agent": `Peacetrack-Webhooks/${packageVersion}`,
          "x-peacetrack-event": notification.event,
          "x-peacetrack-delivery": delivery.id,
          "x-peacetrack-timestamp": timestamp,
          "x-peacetrack-signature": webhookSignature(hook.secret, timestamp, body),
        },
        { timeoutMs: settings.timeoutMs, allow: settings.allow, ...(signal ? { signal } : {}) },
      );
      // A server stopping mid-send leaves the delivery leased: another attempt follows the lease.
      if (signal?.aborted) return;
      const attempt: DeliveryAttempt = {
        at: new Date(started).toISOString(),
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(outcome.error ? { error: outcome.error.slice(0, 500) } : {}),
        durationMs: Date.now() - started,
      };
      await recordAttempt(db, delivery, attempt, settings);
    }),
  );
  return claimed.length;
}

const succeeded = (attempt: DeliveryAttempt) =>
  attempt.error === undefined &&
  attempt.status !== undefined &&
  attempt.status >= 200 &&
  attempt.status < 300;

/** Writes the outcome, if the lease is still this worker's (same attempt number, still delivering). */
async function recordAttempt(db: Db, delivery: Claimed, attempt: DeliveryAttempt, settings: Settings) {
  const ok = succeeded(attempt);
  const givingUp = !ok && delivery.attempts >= settings.maxAttempts;
  const state = ok ? "delivered" : givingUp ? "failed" : "pending";
  const next = new Date(Date.now() + (ok || givingUp ? 0 : settings.backoffMs(delivery.attempts)));
  const updated = await db
    .update(webhookDeliveries)
    .set({
      state,
      leaseUntil: null,
      nextAttemptAt: next.toISOString(),
      attemptLog: sql`${webhookDeliveries.attemptLog} || ${JSON.stringify([attempt])}::jsonb`,
      ...(ok ? { deliveredAt: attempt.at } : {}),
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.state, "delivering"),
        eq(webhookDeliveries.attempts, delivery.attempts),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) return;
  const error = ok ? undefined : (attempt.error ?? `HTTP ${attempt.status}`);
  await db
    .update(webhooks)
    .set({
      lastAttemptAt: attempt.at,
      ...(ok ? { lastSuccessAt: attempt.at } : { lastError: error ?? null, lastErrorAt: attempt.at }),
      ...(givingUp ? { failedDeliveries: sql`${webhooks.failedDeliveries} + 1` } : {}),
    })
    .where(eq(webhooks.id, delivery.webhookId));
}

async function cancel(db: Db, delivery: Claimed) {
  await db
    .update(webhookDeliveries)
    .set({ state: "cancelled", leaseUntil: null })
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.state, "delivering")));
}

export interface WebhookDeliveries {
  /** Looks for due deliveries now. */
  wake(): void;
  /** Stops: no new claims; sends in flight are aborted (their lease lets another send them later). */
  close(): Promise<void>;
}

/** Started by the server beside the import jobs; its timer never keeps a process alive. */
export function startWebhookDeliveries(db: Db, given: WebhookDeliveryOptions = {}): WebhookDeliveries {
  // Read once, at start: a typo in PEACETRACK_FETCH_ALLOW stops the server rather than every send.
  const options = { ...given, allow: given.allow ?? webhookAllowList() };
  const log = options.log ?? (() => {});
  const stop = new AbortController();
  let busy = false;
  let current: Promise<void> = Promise.resolve();
  const drain = async () => {
    if (busy || stop.signal.aborted) return;
    busy = true;
    try {
      while (!stop.signal.aborted && (await deliverDue(db, options, stop.signal)) > 0);
    } catch (error) {
      if (!stop.signal.aborted) log("webhooks: could not send due deliveries", error);
    } finally {
      busy = false;
    }
  };
  const wake = () => {
    current = current.then(drain);
  };
  const timer = setInterval(wake, options.pollIntervalMs ?? 5_000);
  timer.unref();
  const unsubscribe = onDeliveriesQueued(wake);
  wake();
  return {
    wake,
    close: async () => {
      unsubscribe();
      clearInterval(timer);
      stop.abort();
      await current;
    },
  };
}
