import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { Reply, ReplyableKind } from "../domain/replies.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import { replies } from "./schema-replies.js";

/**
 * Reads and writes of the replies table. Every read that serves a caller is cut by the same readable
 * filter as the records (published replies for the public, plus a representative's own party's).
 */

export type ReplyRow = typeof replies.$inferSelect;

/** The stored row in the domain's shape: the answered record grouped under `answers`. */
export function replyOfRow(row: ReplyRow): Reply {
  return {
    id: row.id,
    answers: {
      kind: row.recordKind as ReplyableKind,
      id: row.recordId,
      ...(row.allegedBreachProvisionId ? { allegedBreachProvisionId: row.allegedBreachProvisionId } : {}),
    },
    text: row.text,
    language: row.language,
    sources: row.sources,
    partyId: row.partyId,
    authorAccountId: row.authorAccountId,
    authorName: row.authorName,
    reviewState: row.reviewState,
    ...(row.publishedAt ? { publishedAt: new Date(row.publishedAt).toISOString() } : {}),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

const readableReplies = (actor: Actor) =>
  readableBy(actor, "replies", { reviewState: replies.reviewState, partyId: replies.partyId });

/** The replies to the given records of one kind that `actor` may read, oldest first. */
export async function repliesTo(
  db: Db,
  actor: Actor,
  kind: ReplyableKind,
  recordIds: readonly string[],
): Promise<Reply[]> {
  if (recordIds.length === 0) return [];
  const rows = await db
    .select()
    .from(replies)
    .where(
      and(eq(replies.recordKind, kind), inArray(replies.recordId, [...recordIds]), readableReplies(actor)),
    )
    .orderBy(asc(replies.createdAt), asc(replies.id));
  return rows.map(replyOfRow);
}

/** One reply, locked until the transaction ends (for a change to it). */
export async function replyForUpdate(tx: Db, id: string): Promise<ReplyRow | undefined> {
  const [row] = await tx.select().from(replies).where(eq(replies.id, id)).for("update");
  return row;
}

export async function insertReply(tx: Db, row: typeof replies.$inferInsert): Promise<ReplyRow> {
  const [inserted] = await tx.insert(replies).values(row).returning();
  if (!inserted) throw new Error("the reply was not stored");
  return inserted;
}

export async function updateReplyRow(
  tx: Db,
  id: string,
  changes: Partial<typeof replies.$inferInsert>,
): Promise<ReplyRow> {
  const [updated] = await tx
    .update(replies)
    .set({ ...changes, updatedAt: new Date().toISOString() })
    .where(eq(replies.id, id))
    .returning();
  if (!updated) throw new Error("the reply was not updated");
  return updated;
}
