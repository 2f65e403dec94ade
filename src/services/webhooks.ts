import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { DeliveryState, NotificationEvent, Webhook } from "../domain/notifications.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { parties } from "../store/schema.js";
import {
  type DeliveryAttempt,
  notifications,
  webhookDeliveries,
  webhooks,
} from "../store/schema-notifications.js";
import { authorize, requireSignedIn, runUseCase, writerName } from "./context.js";
import { isoTimestamp } from "./notifications.js";
import { checkWebhookUrl } from "./webhook-address.js";

/**
 * A party's webhooks (issue #9, item 5): where its notifications are sent, each body signed with the
 * webhook's own secret (webhook-deliveries.ts). Who may manage them is the policy's (manage_webhooks):
 * an administrator any party's, a representative their own party's. The secret is generated here and
 * answered once, on creation.
 */

/** A webhook as GET /api/webhooks answers it. */
export type WebhookView = Webhook;

type WebhookRow = typeof webhooks.$inferSelect;

const isoOrNull = (value: string | null) => (value ? isoTimestamp(value) : null);

function viewOf(row: WebhookRow, pending: number): WebhookView {
  return {
    id: row.id,
    partyId: row.partyId,
    url: row.url,
    description: row.description,
    active: row.active,
    createdAt: isoTimestamp(row.createdAt),
    createdBy: row.createdBy,
    lastAttemptAt: isoOrNull(row.lastAttemptAt),
    lastSuccessAt: isoOrNull(row.lastSuccessAt),
    lastError: row.lastError,
    lastErrorAt: isoOrNull(row.lastErrorAt),
    failedDeliveries: row.failedDeliveries,
    pendingDeliveries: pending,
  };
}

/** A representative's own party when none is named; staff must name one to act on. */
function partyFor(actor: Actor, partyId: string | undefined): string | undefined {
  return partyId ?? (actor.kind === "account" ? actor.partyId : undefined);
}

export interface WebhookInput {
  partyId?: string | undefined;
  url: string;
  description?: string | undefined;
}

/** Registers a webhook; answers it with its signing secret, which no later read shows again. */
export async function createWebhook(
  db: Db,
  actor: Actor,
  input: WebhookInput,
): Promise<WebhookView & { secret: string }> {
  requireSignedIn(actor);
  const partyId = partyFor(actor, input.partyId);
  if (!partyId)
    throw new ValidationError("Name the party whose notifications the webhook receives.", [
      { path: "partyId", message: "required" },
    ]);
  authorize(actor, "manage_webhooks", { type: "webhooks", partyId });
  // Resolved before the transaction: a slow DNS answer must not hold a transaction open.
  const url = await checkWebhookUrl(input.url);
  return runUseCase(db, actor, async ({ tx }) => {
    const [party] = await tx.select({ id: parties.id }).from(parties).where(eq(parties.id, partyId));
    if (!party) throw new NotFoundError("parties", partyId);
    const secret = randomBytes(32).toString("base64url");
    const [row] = await tx
      .insert(webhooks)
      .values({
        id: randomUUID(),
        partyId,
        url: url.toString(),
        secret,
        description: input.description ?? "",
        createdBy: writerName(actor),
      })
      .returning();
    if (!row) throw new Error("the webhook was not stored");
    return { ...viewOf(row, 0), secret };
  });
}

/** The webhooks the actor manages: one party's (a representative: their own), or, for an administrator, all. */
export async function listWebhooks(db: Db, actor: Actor, partyId?: string): Promise<WebhookView[]> {
  requireSignedIn(actor);
  const party = partyFor(actor, partyId);
  if (party) authorize(actor, "manage_webhooks", { type: "webhooks", partyId: party });
  // Every party's webhooks: only who may manage any party's, an administrator.
  else authorize(actor, "manage_webhooks", { type: "webhooks", partyId: "" });
  const rows = await db
    .select()
    .from(webhooks)
    .where(and(isNull(webhooks.removedAt), party ? eq(webhooks.partyId, party) : undefined))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id));
  const pending = await pendingCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => viewOf(row, pending.get(row.id) ?? 0));
}

async function pendingCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: webhookDeliveries.webhookId, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.webhookId, ids),
        inArray(webhookDeliveries.state, ["pending", "delivering"]),
      ),
    )
    .groupBy(webhookDeliveries.webhookId);
  return new Map(rows.map((row) => [row.id, Number(row.count)]));
}

/**
 * Removes a webhook: nothing more is sent to it, deliveries still waiting are cancelled, and its row
 * is kept (removed) with the history of what was sent. One the actor may not manage is 404.
 */
export async function removeWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  requireSignedIn(actor);
  await runUseCase(db, actor, async ({ tx }) => {
    const [row] = await tx
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.id, id), isNull(webhooks.removedAt)))
      .for("update");
    if (!row) throw new NotFoundError("webhooks", id);
    if (actor.kind === "account" && actor.partyId && actor.partyId !== row.partyId)
      throw new NotFoundError("webhooks", id);
    authorize(actor, "manage_webhooks", { type: "webhooks", partyId: row.partyId });
    await tx
      .update(webhooks)
      .set({ active: false, removedAt: sql`now()`, removedBy: writerName(actor) })
      .where(eq(webhooks.id, id));
    await tx
      .update(webhookDeliveries)
      .set({ state: "cancelled", leaseUntil: null })
      .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.state, "pending")));
  });
}

export interface DeliveryView {
  id: string;
  notificationId: string;
  event: NotificationEvent;
  record: { kind: string; id: string; title: string };
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  attemptLog: DeliveryAttempt[];
}

/** A webhook's latest deliveries, newest first, each with every attempt's status or error. */
export async function webhookDeliveryLog(
  db: Db,
  actor: Actor,
  id: string,
  limit = 50,
): Promise<DeliveryView[]> {
  requireSignedIn(actor);
  const [hook] = await db.select({ partyId: webhooks.partyId }).from(webhooks).where(eq(webhooks.id, id));
  const own = actor.kind === "account" && (!actor.partyId || actor.partyId === hook?.partyId);
  if (!hook || !own) throw new NotFoundError("webhooks", id);
  authorize(actor, "manage_webhooks", { type: "webhooks", partyId: hook.partyId });
  const rows = await db
    .select({ delivery: webhookDeliveries, notification: notifications })
    .from(webhookDeliveries)
    .innerJoin(notifications, eq(notifications.id, webhookDeliveries.notificationId))
    .where(eq(webhookDeliveries.webhookId, id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map(({ delivery, notification }) => ({
    id: delivery.id,
    notificationId: notification.id,
    event: notification.event,
    record: { kind: notification.recordKind, id: notification.recordId, title: notification.title },
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.state === "pending" ? isoTimestamp(delivery.nextAttemptAt) : null,
    deliveredAt: isoOrNull(delivery.deliveredAt),
    createdAt: isoTimestamp(delivery.createdAt),
    attemptLog: delivery.attemptLog,
  }));
}
