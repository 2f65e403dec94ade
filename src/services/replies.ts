import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type Actor, actorName } from "../domain/actor.js";
import { LanguageTag, Sources } from "../domain/common.js";
import { recordTarget } from "../domain/policy.js";
import type { Reply, ReplyableKind, ReplyInput } from "../domain/replies.js";
import { type ReviewMove, ReviewReason } from "../domain/review-transitions.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { appendChangeEvent } from "../store/record-events.js";
import {
  insertReply,
  type ReplyRow,
  repliesTo,
  replyForUpdate,
  replyOfRow,
  updateReplyRow,
} from "../store/reply-queries.js";
import { repositories } from "../store/repository.js";
import { authorize, requireSignedIn, runUseCase } from "./context.js";
import { deliveriesQueued, notifyOfReply } from "./notifications.js";
import { policyRecordOf, type WithActions, withActions } from "./record-reads.js";

/**
 * The right of reply (issue #9, item 5). A party representative answers, in their party's name, a
 * public record that concerns that party; the reply is published beside it at once (a party's word is
 * its own: the mission does not review it), and only that party's representatives change or retract it.
 * The party and the author come from the actor, never from the request.
 */

export const ReplyPatch = z.object({
  text: z.string().trim().min(1, "a reply says something").max(20_000).optional(),
  language: LanguageTag.optional(),
  sources: Sources.optional(),
});
export type ReplyPatch = z.infer<typeof ReplyPatch>;

export const ReplyRetraction = z.object({ reason: ReviewReason });

export type ReplyWithActions = WithActions<Reply>;

const withReplyActions = (actor: Actor, reply: Reply): ReplyWithActions =>
  withActions(actor, "replies", reply);

async function recordChange(
  tx: Db,
  kind: "created" | "updated",
  actor: Actor,
  before: Reply | undefined,
  after: Reply,
) {
  await appendChangeEvent(tx, {
    entity: "replies",
    recordId: after.id,
    kind,
    actor: actorName(actor),
    ...(before ? { before } : {}),
    after,
  });
}

export async function createReply(db: Db, actor: Actor, input: ReplyInput): Promise<ReplyWithActions> {
  requireSignedIn(actor);
  const created = await runUseCase(db, actor, async ({ tx }) => {
    const { kind, id, allegedBreachProvisionId } = input.answers;
    // Read as the actor: a record it may not read is answered 404, as on every detail route. Held
    // (FOR SHARE) so that it cannot be retracted between this check and the write.
    const [record] = await repositories[kind].getMany(tx, [id], { lock: "share", readAs: actor });
    if (!record) throw new NotFoundError(kind, id);
    authorize(
      actor,
      "reply",
      recordTarget(kind, policyRecordOf(record as unknown as Record<string, unknown>)),
    );
    if (actor.kind !== "account" || !actor.partyId)
      throw new Error("the policy let a non-representative reply");
    if (allegedBreachProvisionId) checkAllegation(kind, record, allegedBreachProvisionId);
    const now = new Date().toISOString();
    const publication: ReviewMove = {
      from: "draft",
      to: "published",
      action: "publish",
      by: actorName(actor),
      byAccountId: actor.accountId,
      at: now,
    };
    const row = await insertReply(tx, {
      id: randomUUID(),
      recordKind: kind,
      recordId: id,
      allegedBreachProvisionId: allegedBreachProvisionId ?? null,
      partyId: actor.partyId,
      text: input.text,
      language: input.language,
      sources: input.sources,
      authorAccountId: actor.accountId,
      authorName: actorName(actor),
      reviewState: "published",
      reviewHistory: [publication],
      publishedAt: now,
    });
    const reply = replyOfRow(row);
    await recordChange(tx, "created", actor, undefined, reply);
    await notifyOfReply(tx, {
      reply,
      answered: record as unknown as Record<string, unknown>,
      actorName: actorName(actor),
    });
    return withReplyActions(actor, reply);
  });
  deliveriesQueued();
  return created;
}

function checkAllegation(kind: ReplyableKind, record: object, provisionId: string) {
  const breaches = (record as { allegedBreaches?: { provisionId?: string }[] }).allegedBreaches ?? [];
  if (kind === "incidents" && breaches.some((breach) => breach.provisionId === provisionId)) return;
  throw new ValidationError("The record alleges no breach of that provision.", [
    { path: "answers.allegedBreachProvisionId", message: "not one of the record's alleged breaches" },
  ]);
}

/** Locks the reply and asks the policy; a reply the actor may not read is 404, as anywhere else. */
async function lockedReply(
  tx: Db,
  actor: Actor,
  id: string,
  action: "update" | "retract",
): Promise<ReplyRow> {
  const row = await replyForUpdate(tx, id);
  const readable =
    row &&
    (await repliesTo(tx, actor, row.recordKind as ReplyableKind, [row.recordId])).some((r) => r.id === id);
  if (!row || !readable) throw new NotFoundError("replies", id);
  authorize(
    actor,
    action,
    recordTarget("replies", policyRecordOf(replyOfRow(row) as unknown as Record<string, unknown>)),
  );
  return row;
}

export async function updateReply(
  db: Db,
  actor: Actor,
  id: string,
  patch: ReplyPatch,
): Promise<ReplyWithActions> {
  requireSignedIn(actor);
  return runUseCase(db, actor, async ({ tx }) => {
    const row = await lockedReply(tx, actor, id, "update");
    const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const updated = replyOfRow(await updateReplyRow(tx, id, changes));
    await recordChange(tx, "updated", actor, replyOfRow(row), updated);
    return withReplyActions(actor, updated);
  });
}

/** A published reply leaves the public view with a reason; it is kept, never deleted. */
export async function retractReply(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
): Promise<ReplyWithActions> {
  requireSignedIn(actor);
  return runUseCase(db, actor, async ({ tx }) => {
    const row = await lockedReply(tx, actor, id, "retract");
    if (actor.kind !== "account") throw new Error("unreachable: authorize admits accounts only");
    const move: ReviewMove = {
      from: row.reviewState,
      to: "retracted",
      action: "retract",
      by: actorName(actor),
      byAccountId: actor.accountId,
      at: new Date().toISOString(),
      reason,
    };
    const updated = replyOfRow(
      await updateReplyRow(tx, id, { reviewState: "retracted", reviewHistory: [...row.reviewHistory, move] }),
    );
    await recordChange(tx, "updated", actor, replyOfRow(row), updated);
    return withReplyActions(actor, updated);
  });
}

/** The replies to one record that `actor` may read, each with the actions it may take. */
export async function readRepliesTo(db: Db, actor: Actor, kind: ReplyableKind, recordId: string) {
  return (await repliesTo(db, actor, kind, [recordId])).map((reply) => withReplyActions(actor, reply));
}

/** The replies `actor` may read to each of many records of one kind, by record id (one query). */
export async function repliesByRecord(
  db: Db,
  actor: Actor,
  kind: ReplyableKind,
  recordIds: readonly string[],
): Promise<Map<string, ReplyWithActions[]>> {
  const byRecord = new Map<string, ReplyWithActions[]>();
  for (const reply of await repliesTo(db, actor, kind, recordIds)) {
    const list = byRecord.get(reply.answers.id) ?? [];
    list.push(withReplyActions(actor, reply));
    byRecord.set(reply.answers.id, list);
  }
  return byRecord;
}
