import { z } from "zod";
import { Id, IsoDateTime, ReviewState } from "./common.js";

/**
 * The moves of the review workflow, as data. The permission policy (policy.ts) and the workflow
 * (review-workflow.ts) both read these tables, so "which moves exist" is said once.
 *
 * Records:  draft → under_review → published;  under_review → draft (returned or withdrawn);
 *           published → disputed | retracted;  disputed → published (reinstated) | retracted.
 * Replies:  draft → published → retracted. A reply is its party's own word: it is not reviewed by the
 *           mission, nor disputed (it is answered by the record it answers, and may be answered in turn).
 *
 * There is no way back from retracted, and none from published to draft: a record that has been public
 * stays in the public history, corrected in place (with its change history) or retracted with a reason.
 */
export const reviewActions = [
  "submit_for_review",
  "publish",
  "dispute",
  "retract",
  "return_to_draft",
] as const;
export type ReviewAction = (typeof reviewActions)[number];

export const ReviewReason = z.string().trim().min(1, "say why").max(2000);

/** One move of a record through review, as its history keeps it: who moved it, when, and why. */
export const ReviewMove = z.object({
  from: ReviewState,
  to: ReviewState,
  action: z.enum(reviewActions),
  /** The name the history shows (actorName): an e-mail address, or "token:<name>". */
  by: z.string().min(1).max(320),
  /** The account behind it, so that the four-eyes rule can tell who submitted what. */
  byAccountId: Id,
  at: IsoDateTime,
  reason: ReviewReason.optional(),
});
export type ReviewMove = z.infer<typeof ReviewMove>;

export interface ReviewTransition {
  from: ReviewState;
  to: ReviewState;
  action: ReviewAction;
  /** Moves that take something out of the public view, mark it, or send work back say why. */
  requiresReason: boolean;
}

export const recordTransitions: readonly ReviewTransition[] = [
  { from: "draft", to: "under_review", action: "submit_for_review", requiresReason: false },
  { from: "under_review", to: "draft", action: "return_to_draft", requiresReason: true },
  { from: "under_review", to: "published", action: "publish", requiresReason: false },
  { from: "published", to: "disputed", action: "dispute", requiresReason: true },
  { from: "published", to: "retracted", action: "retract", requiresReason: true },
  // Ending a dispute is a judgement the public will ask about: it says why, as the dispute did.
  { from: "disputed", to: "published", action: "publish", requiresReason: true },
  { from: "disputed", to: "retracted", action: "retract", requiresReason: true },
];

export const replyTransitions: readonly ReviewTransition[] = [
  { from: "draft", to: "published", action: "publish", requiresReason: false },
  { from: "published", to: "retracted", action: "retract", requiresReason: true },
];

/** The review states a reply can be in; the others belong to the mission's review of its own work. */
export const replyStates = ["draft", "published", "retracted"] as const satisfies readonly ReviewState[];

/** The states the public sees: a disputed record stays public, marked as disputed. */
export const publicReviewStates = ["published", "disputed"] as const satisfies readonly ReviewState[];

export const isPublicState = (state: ReviewState): boolean =>
  (publicReviewStates as readonly ReviewState[]).includes(state);

export function transitionsFor(kind: string): readonly ReviewTransition[] {
  return kind === "replies" ? replyTransitions : recordTransitions;
}

/** The move `action` makes from `from` for this kind of record, if there is one. */
export function findTransition(
  kind: string,
  action: ReviewAction,
  from: ReviewState,
): ReviewTransition | undefined {
  return transitionsFor(kind).find((t) => t.action === action && t.from === from);
}

export const isReviewAction = (action: string): action is ReviewAction =>
  (reviewActions as readonly string[]).includes(action);

/** Human words for review states, for refusal messages. */
export const reviewStateLabels: Record<ReviewState, string> = {
  draft: "a draft",
  under_review: "under review",
  published: "published",
  disputed: "disputed",
  retracted: "retracted",
};
