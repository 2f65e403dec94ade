import type { Actor } from "../domain/actor.js";
import type { EntityName } from "../domain/entities.js";
import { entityNames } from "../domain/entities.js";
import type { ReviewQueueItem } from "../domain/review-queue.js";
import type { Db } from "../store/database.js";
import { reviewQueueRows } from "../store/review-queue-queries.js";
import { forbidden, notSignedIn } from "./access-errors.js";
import { recordActionsFor } from "./record-reads.js";

export interface ReviewQueueRequest {
  kind?: EntityName;
  state?: "under_review" | "draft";
  limit: number;
}

/**
 * The review queue (issue #9, item 4) for the mission's staff: every record under review, and the
 * reader's own drafts. Representatives are refused: the policy lets them only submit or withdraw their
 * own party's claims, which their lists already show them; reviewing is the mission's work, and a queue
 * of everything under review would show them the other side's unpublished records.
 */
export async function readReviewQueue(
  db: Db,
  actor: Actor,
  request: ReviewQueueRequest,
): Promise<ReviewQueueItem[]> {
  if (actor.kind === "anonymous") throw notSignedIn();
  if (actor.role === "party_representative")
    throw forbidden("The review queue is for monitors, mediators and administrators.");
  const rows = await reviewQueueRows(db, {
    kinds: request.kind ? [request.kind] : entityNames,
    states: request.state ? [request.state] : ["under_review", "draft"],
    accountId: actor.accountId,
    limit: request.limit,
  });
  return rows.map((row) => {
    const submitted = row.reviewHistory.findLast((move) => move.action === "submit_for_review");
    // The policy reads the envelope only for review moves: state, creator, party, last submitter.
    const record = {
      id: row.id,
      reviewState: row.reviewState,
      reviewHistory: row.reviewHistory,
      ...(row.createdByAccountId ? { createdByAccountId: row.createdByAccountId } : {}),
      ...(row.claimOfPartyId ? { claimOfPartyId: row.claimOfPartyId } : {}),
    };
    return {
      kind: row.kind,
      id: row.id,
      label: row.label,
      reviewState: row.reviewState,
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      updatedAt: row.updatedAt,
      submittedBy: submitted?.by ?? null,
      submittedAt: submitted?.at ?? null,
      ...(row.claimOfPartyId ? { claimOfPartyId: row.claimOfPartyId } : {}),
      allowedActions: recordActionsFor(actor, row.kind, record),
    };
  });
}
