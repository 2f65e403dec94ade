import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { DeliveryState, NotificationEvent } from "../domain/notifications.js";
import { parties } from "./schema.js";
import { accounts } from "./schema-accounts.js";

/**
 * Telling a party when something about it is published (issue #9, item 5): one notification per
 * concerned party, written in the same transaction as the review move or the reply, and one delivery
 * row per active webhook of that party (an outbox: the delivery worker sends them after commit, so a
 * move that rolls back sends nothing). Re-exported from schema.ts, which drizzle-kit reads.
 */
const at = () => timestamp({ withTimezone: true, mode: "string" });

export const notifications = pgTable(
  "notifications",
  {
    id: text().primaryKey(),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    event: text().$type<NotificationEvent>().notNull(),
    /** The record the party is told about (for a reply: the record it answers). */
    recordKind: text().notNull(),
    recordId: text().notNull(),
    /** Set for reply_published: the reply itself. */
    replyId: text(),
    title: text().notNull(),
    summary: text().notNull(),
    /** Who made the move, as the history names them (never an e-mail). */
    actorName: text().notNull(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index("notifications_party_created").on(t.partyId, t.createdAt, t.id),
    index("notifications_created").on(t.createdAt, t.id),
    check(
      "notifications_event_known",
      sql`${t.event} IN ('published', 'disputed', 'retracted', 'reply_published')`,
    ),
  ],
);

/** Read marks are per account: two representatives of one party each have their own unread count. */
export const notificationReads = pgTable(
  "notification_reads",
  {
    notificationId: text()
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    readAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.accountId] })],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: text().primaryKey(),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    url: text().notNull(),
    /**
     * The HMAC signing secret. Kept as it is, not hashed: every delivery is signed with it. Shown to
     * the caller once, at creation; no read answers it again.
     */
    secret: text().notNull(),
    description: text().notNull().default(""),
    active: boolean().notNull().default(true),
    createdAt: at().notNull().defaultNow(),
    createdBy: text().notNull(),
    /** Set when removed: its history of deliveries stays readable to administrators. */
    removedAt: at(),
    removedBy: text(),
    lastAttemptAt: at(),
    lastSuccessAt: at(),
    lastError: text(),
    lastErrorAt: at(),
    /** Deliveries that ran out of attempts. */
    failedDeliveries: integer().notNull().default(0),
  },
  (t) => [index("webhooks_party").on(t.partyId)],
);

export interface DeliveryAttempt {
  at: string;
  /** The HTTP status answered, when one was. */
  status?: number;
  error?: string;
  durationMs: number;
}

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text().primaryKey(),
    webhookId: text()
      .notNull()
      .references(() => webhooks.id),
    notificationId: text()
      .notNull()
      .references(() => notifications.id),
    state: text().$type<DeliveryState>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: at().notNull().defaultNow(),
    /** While "delivering": until when the claiming worker holds it; past it, another may retry. */
    leaseUntil: at(),
    attemptLog: jsonb().$type<DeliveryAttempt[]>().notNull().default([]),
    deliveredAt: at(),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due").on(t.state, t.nextAttemptAt),
    index("webhook_deliveries_webhook").on(t.webhookId, t.createdAt),
    check(
      "webhook_deliveries_state_known",
      sql`${t.state} IN ('pending', 'delivering', 'delivered', 'failed', 'cancelled')`,
    ),
  ],
);
