import { z } from "zod";
import { type Actor, actorName } from "./actor.js";
import type { ReviewState } from "./common.js";
import type { PolicyKind } from "./concerned-parties.js";
import { can, type PolicyOptions, type PolicyRecord } from "./policy.js";
import { notFromHere } from "./policy-decisions.js";
import {
  findTransition,
  type ReviewAction,
  type ReviewMove,
  ReviewReason,
  reviewActions,
} from "./review-transitions.js";

export {
  findTransition,
  isPublicState,
  publicReviewStates,
  type ReviewAction,
  type ReviewTransition,
  recordTransitions,
  replyStates,
  replyTransitions,
  reviewActions,
  transitionsFor,
} from "./review-transitions.js";

/**
 * The review workflow (issue #9, item 4): draft → under review → published; published → disputed or
 * retracted; disputed → published or retracted; under review → draft. Replies: draft → published →
 * retracted. The moves are data (review-transitions.ts); who may make them is the policy's (policy.ts);
 * `transition` asks both and returns the new state with the move to append to the record's history,
 * so the record shows who moved it, when, and why.
 */

// The move's shape lives beside the table of moves, so that the record envelope (entities.ts) can
// carry a history without importing the policy.
export { ReviewMove, ReviewReason } from "./review-transitions.js";

/** The body of a review request (e.g. POST /api/{kind}/{id}/review). */
export const ReviewRequest = z.object({
  action: z.enum(reviewActions),
  /** Required to return, dispute, retract, and to reinstate a disputed record; optional otherwise. */
  reason: ReviewReason.optional(),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/** What a review move acts on: the kind of record and the record as the policy reads it. */
export interface ReviewSubject {
  kind: PolicyKind;
  record: PolicyRecord;
}

/**
 * Why a move was refused, for the status the API answers: unauthenticated 401, forbidden 403,
 * wrong_state 409 (the record is not where the move starts, perhaps moved by someone else meanwhile),
 * reason_required 400.
 */
export type ReviewProblem = "unauthenticated" | "forbidden" | "wrong_state" | "reason_required";

export type TransitionResult =
  | { ok: true; state: ReviewState; move: ReviewMove }
  | { ok: false; problem: ReviewProblem; reason: string };

/**
 * Move `subject` by `action`, made by `actor` at `at` (ISO date-time), with `reason` where one is
 * needed. Refuses, with a problem and a sentence, whatever the table or the policy does not allow.
 */
export function transition(
  subject: ReviewSubject,
  action: ReviewAction,
  actor: Actor,
  reason: string | undefined,
  at: string,
  options: PolicyOptions = {},
): TransitionResult {
  if (actor.kind === "anonymous")
    return {
      ok: false,
      problem: "unauthenticated",
      reason: "sign in first: the public cannot review records",
    };
  const from = subject.record.reviewState;
  const move = findTransition(subject.kind, action, from);
  if (!move) return { ok: false, problem: "wrong_state", reason: notFromHere(subject.kind, action, from) };
  const decision = can(actor, action, { type: "record", ...subject }, options);
  if (!decision.allowed) return { ok: false, problem: "forbidden", reason: decision.reason };
  const said = reason?.trim() ? ReviewReason.safeParse(reason) : undefined;
  if (said && !said.success)
    return { ok: false, problem: "reason_required", reason: "a reason is at most 2000 characters" };
  if (move.requiresReason && !said)
    return { ok: false, problem: "reason_required", reason: `say why the record is ${pastTense[action]}` };
  return {
    ok: true,
    state: move.to,
    move: {
      from,
      to: move.to,
      action,
      by: actorName(actor),
      byAccountId: actor.accountId,
      at,
      ...(said ? { reason: said.data } : {}),
    },
  };
}

const pastTense: Record<ReviewAction, string> = {
  submit_for_review: "submitted for review",
  return_to_draft: "returned to draft",
  publish: "published again",
  dispute: "disputed",
  retract: "retracted",
};

/**
 * Who put the record forward for review most recently: what the policy's four-eyes rule reads as
 * `submittedByAccountId`. `history` is the record's moves, oldest first.
 */
export function lastSubmitter(history: readonly ReviewMove[]): string | undefined {
  return history.findLast((move) => move.action === "submit_for_review")?.byAccountId;
}
