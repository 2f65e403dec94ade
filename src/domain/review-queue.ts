import { z } from "zod";
import { AllowedActions } from "./allowed-actions.js";
import { Id, ReviewState } from "./common.js";
import { entityNames } from "./entities.js";

/**
 * One line of the review queue (issue #9, item 4): what a reviewer needs to pick a record up — its
 * kind, id and label, where it stands, who submitted it and when, and what the reader may do with it.
 */
export const ReviewQueueItem = z.object({
  kind: z.enum(entityNames as [string, ...string[]]),
  id: Id,
  label: z.string(),
  reviewState: ReviewState,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  /** The last submit_for_review move: null for a draft never submitted. */
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  claimOfPartyId: Id.optional(),
  allowedActions: AllowedActions,
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const queueStates = ["under_review", "draft"] as const;

export const ReviewQueue = z.object({ items: z.array(ReviewQueueItem) });
export type ReviewQueue = z.infer<typeof ReviewQueue>;
