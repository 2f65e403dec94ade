import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { NotificationEvent } from "../domain/notifications.js";
import type { Db } from "./database.js";
import { parties } from "./schema.js";
import { notificationReads, notifications, webhookDeliveries, webhooks } from "./schema-notifications.js";

/**
 * Reads and writes of notifications and their read marks, and the outbox rows written beside them.
 * Which notifications a caller may see is the policy's (read_notifications); these take its answer as
 * a party filter: one party, or every party (undefined).
 */

export type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  id: string;
  partyId: string;
  event: NotificationEvent;
  recordKind: string;
  recordId: string;
  replyId?: string;
  title: string;
  summary: string;
  actorName: string;
}

/**
 * Writes the notifications and, for each, one pending delivery per active webhook of its party, in
 * the caller's transaction: the outbox the delivery worker sends from once the transaction commits.
 * Answers how many deliveries were queued.
 */
export async function insertNotifications(
  tx: Db,
  wanted: readonly NewNotification[],
  deliveryId: () => string,
): Promise<number> {
  if (wanted.length === 0) return 0;
  // Only parties that exist are told: a reference the record's rules did not hold must not fail the move.
  const known = new Set(
    (
      await tx
        .select({ id: parties.id })
        .from(parties)
        .where(inArray(parties.id, [...new Set(wanted.map((row) => row.partyId))]))
    ).map((party) => party.id),
  );
  const rows = wanted.filter((row) => known.has(row.partyId));
  if (rows.length === 0) return 0;
  await tx.insert(notifications).values([...rows]);
  const hooks = await tx
    .select({ id: webhooks.id, partyId: webhooks.partyId })
    .from(webhooks)
    .where(
      and(
        inArray(webhooks.partyId, [...new Set(rows.map((row) => row.partyId))]),
        eq(webhooks.active, true),
        isNull(webhooks.removedAt),
      ),
    );
  const deliveries = rows.flatMap((row) =>
    hooks
      .filter((hook) => hook.partyId === row.partyId)
      .map((hook) => ({ id: deliveryId(), webhookId: hook.id, notificationId: row.id })),
  );
  if (deliveries.length > 0) await tx.insert(webhookDeliveries).values(deliveries);
  return deliveries.length;
}

/** The short names of the given parties ("Armenia"), by id. */
export async function partyNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: parties.id, name: parties.shortName })
    .from(parties)
    .where(inArray(parties.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name || row.id]));
}

export interface NotificationScope {
  /** One party's notifications; undefined: every party's. */
  partyId?: string;
  accountId: string;
}

const inScope = (scope: NotificationScope): SQL | undefined =>
  scope.partyId === undefined ? undefined : eq(notifications.partyId, scope.partyId);

const readByAccount = (accountId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${notificationReads} WHERE ${notificationReads.notificationId} = ${notifications.id} AND ${notificationReads.accountId} = ${accountId})`;

/** Newest first, after the keyset `before` (createdAt, id), with whether this account has read each. */
export async function notificationPage(
  db: Db,
  scope: NotificationScope,
  options: { limit: number; before?: [string, string]; unreadOnly?: boolean },
) {
  const conditions = [inScope(scope)];
  if (options.unreadOnly) conditions.push(sql`NOT ${readByAccount(scope.accountId)}`);
  if (options.before) {
    const [createdAt, id] = options.before;
    conditions.push(
      or(
        lt(notifications.createdAt, createdAt),
        and(eq(notifications.createdAt, createdAt), lt(notifications.id, id)),
      ),
    );
  }
  return db
    .select({ notification: notifications, read: readByAccount(scope.accountId) })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
}

export async function unreadCount(db: Db, scope: NotificationScope): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(inScope(scope), sql`NOT ${readByAccount(scope.accountId)}`));
  return Number(row?.count ?? 0);
}

export async function notificationById(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

/** Marks notifications read for one account: one by id, or every one in scope. Marking twice is harmless. */
export async function markRead(db: Db, scope: NotificationScope, id?: string): Promise<void> {
  const where = and(inScope(scope), id === undefined ? undefined : eq(notifications.id, id));
  await db.execute(sql`INSERT INTO ${notificationReads} (notification_id, account_id)
    SELECT ${notifications.id}, ${scope.accountId} FROM ${notifications} WHERE ${where ?? sql`TRUE`}
    ON CONFLICT DO NOTHING`);
}
