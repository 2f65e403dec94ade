import { randomUUID } from "node:crypto";
import type { Actor } from "../domain/actor.js";
import type { PolicyKind } from "../domain/concerned-parties.js";
import type { NotificationEvent } from "../domain/notifications.js";
import { can, concernedParties } from "../domain/policy.js";
import { kindLabels } from "../domain/policy-rules.js";
import type { Reply } from "../domain/replies.js";
import type { ReviewAction } from "../domain/review-transitions.js";
import { decodeCursor, encodeCursor } from "../store/cursor.js";
import type { Db } from "../store/database.js";
import { NotFoundError } from "../store/errors.js";
import {
  insertNotifications,
  markRead,
  type NewNotification,
  type NotificationRow,
  type NotificationScope,
  notificationById,
  notificationPage,
  partyNames,
  unreadCount,
} from "../store/notification-queries.js";
import { notifications } from "../store/schema-notifications.js";
import { authorize, requireSignedIn } from "./context.js";

/**
 * The party is told when something about it is published (issue #9, item 5). The notifications are
 * written by the use case that publishes, in its transaction: a move that fails or rolls back tells
 * nobody, and one that commits has told every party it concerns (concernedParties), in the app and,
 * through the outbox rows written beside them, by webhook (webhook-deliveries.ts).
 */

/** Delivery workers running in this process (webhook-deliveries.ts), woken when a use case has committed. */
const workers = new Set<() => void>();

export function onDeliveriesQueued(wake: () => void): () => void {
  workers.add(wake);
  return () => workers.delete(wake);
}

/** Call after the use case's transaction committed: this process's workers send at once, not at their next look. */
export function deliveriesQueued(): void {
  for (const wake of workers) wake();
}

const eventOfMove: Partial<Record<ReviewAction, NotificationEvent>> = {
  publish: "published",
  dispute: "disputed",
  retract: "retracted",
};

/** What a record is called in a notification: its title, name or text, else its id. */
export function recordTitle(record: Record<string, unknown>): string {
  for (const field of ["title", "shortName", "action", "heading", "text", "summary"]) {
    const value = record[field];
    if (typeof value === "string" && value.trim()) return clip(value.trim(), 200);
  }
  return String(record.id ?? "record");
}

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** "incident", "access observation", "party": one record of the kind. */
function singular(kind: PolicyKind): string {
  const label = kindLabels[kind];
  if (label.endsWith("ies")) return `${label.slice(0, -3)}y`;
  if (label.endsWith("sses")) return label.slice(0, -2);
  return label.endsWith("s") ? label.slice(0, -1) : label;
}

const pastTense: Record<NotificationEvent, string> = {
  published: "published",
  disputed: "marked disputed",
  retracted: "retracted",
  reply_published: "answered",
};

/**
 * Tells each party a record concerns that it was published, disputed or retracted (other moves tell
 * nobody). Call it inside the review move's transaction, with the record as it now stands.
 */
export async function notifyOfReviewMove(
  tx: Db,
  move: {
    kind: PolicyKind;
    record: Record<string, unknown>;
    action: ReviewAction;
    actorName: string;
    reason?: string | undefined;
  },
): Promise<number> {
  const event = eventOfMove[move.action];
  if (!event) return 0;
  const title = recordTitle(move.record);
  const because = move.reason ? ` Reason: ${clip(move.reason, 500)}` : "";
  const summary = `The ${singular(move.kind)} "${title}" was ${pastTense[event]} by ${move.actorName}.${because}`;
  const rows = concernedParties(move.kind, move.record).map(
    (partyId): NewNotification => ({
      id: randomUUID(),
      partyId,
      event,
      recordKind: move.kind,
      recordId: String(move.record.id),
      title,
      summary,
      actorName: move.actorName,
    }),
  );
  return insertNotifications(tx, rows, randomUUID);
}

/**
 * Tells the other parties the answered record concerns that a party's reply to it is published: an
 * allegation's other side learns of the answer as it learnt of the allegation. The replying party
 * wrote it and is not told.
 */
export async function notifyOfReply(
  tx: Db,
  published: { reply: Reply; answered: Record<string, unknown>; actorName: string },
): Promise<number> {
  const { reply, answered } = published;
  const told = concernedParties(reply.answers.kind, answered).filter((id) => id !== reply.partyId);
  if (told.length === 0) return 0;
  const replier = (await partyNames(tx, [reply.partyId])).get(reply.partyId) ?? reply.partyId;
  const title = recordTitle(answered);
  const summary = `${replier} replied to the ${singular(reply.answers.kind)} "${title}": ${clip(reply.text, 300)}`;
  const rows = told.map(
    (partyId): NewNotification => ({
      id: randomUUID(),
      partyId,
      event: "reply_published",
      recordKind: reply.answers.kind,
      recordId: reply.answers.id,
      replyId: reply.id,
      title,
      summary,
      actorName: published.actorName,
    }),
  );
  return insertNotifications(tx, rows, randomUUID);
}

export interface NotificationView {
  id: string;
  partyId: string;
  event: NotificationEvent;
  record: { kind: string; id: string; title: string };
  replyId?: string;
  summary: string;
  actorName: string;
  createdAt: string;
  read: boolean;
}

/** PostgreSQL's text form of a timestamptz ("2026-11-22 12:23:55.053+00") as ISO 8601. */
export const isoTimestamp = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

export function notificationView(row: NotificationRow, read: boolean): NotificationView {
  return {
    id: row.id,
    partyId: row.partyId,
    event: row.event,
    record: { kind: row.recordKind, id: row.recordId, title: row.title },
    ...(row.replyId ? { replyId: row.replyId } : {}),
    summary: row.summary,
    actorName: row.actorName,
    createdAt: isoTimestamp(row.createdAt),
    read,
  };
}

/**
 * Whose notifications the actor reads: a representative their party's (whatever `partyId` asked, a
 * different party is refused), staff every party's or the one asked for. The public: 401.
 */
function scopeOf(actor: Actor, partyId: string | undefined): NotificationScope {
  requireSignedIn(actor);
  if (actor.kind !== "account") throw new Error("unreachable: requireSignedIn admits accounts only");
  const party = partyId ?? actor.partyId;
  authorize(actor, "read_notifications", { type: "notifications", ...(party ? { partyId: party } : {}) });
  return { accountId: actor.accountId, ...(party ? { partyId: party } : {}) };
}

export interface NotificationQuery {
  partyId?: string | undefined;
  unread?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listNotifications(db: Db, actor: Actor, query: NotificationQuery) {
  const scope = scopeOf(actor, query.partyId);
  const before = query.cursor ? decodeCursor(query.cursor, notifications.createdAt) : undefined;
  const rows = await notificationPage(db, scope, {
    limit: query.limit,
    ...(before ? { before } : {}),
    unreadOnly: query.unread === true,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1)?.notification;
  return {
    items: page.map((row) => notificationView(row.notification, Boolean(row.read))),
    unreadCount: await unreadCount(db, scope),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** Marks one notification read for the caller; one they may not see is 404, as anywhere else. */
export async function markNotificationRead(db: Db, actor: Actor, id: string) {
  const own = scopeOf(actor, undefined);
  const row = await notificationById(db, id);
  if (!row || !can(actor, "read_notifications", { type: "notifications", partyId: row.partyId }).allowed)
    throw new NotFoundError("notifications", id);
  await markRead(db, { ...own, partyId: row.partyId }, id);
  return { unreadCount: await unreadCount(db, own) };
}

/** Marks every notification the caller sees (of one party, when given) read. */
export async function markAllNotificationsRead(db: Db, actor: Actor, partyId?: string) {
  const scope = scopeOf(actor, partyId);
  await markRead(db, scope);
  return { unreadCount: await unreadCount(db, scope) };
}
