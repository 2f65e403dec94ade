import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ReviewState } from "../../domain/common.js";
import { type EntityName, entityNames } from "../../domain/entities.js";
import { queueStates, ReviewQueue } from "../../domain/review-queue.js";
import { recordTransitions, replyTransitions, reviewActions } from "../../domain/review-transitions.js";
import { readReviewQueue } from "../../services/review-queue.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const Transition = z.object({
  from: ReviewState,
  to: ReviewState,
  action: z.enum(reviewActions),
  requiresReason: z.boolean(),
});
const Transitions = z.object({ records: z.array(Transition), replies: z.array(Transition) });

const QueueQuery = z.object({
  kind: z.enum(entityNames as [EntityName, ...EntityName[]]).optional(),
  state: z.enum(queueStates).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** GET /api/review-queue: records under review and the caller's own drafts, across kinds, newest first. */
export function registerReviewQueueRoutes(app: FastifyInstance, db: Db) {
  // The workflow's moves as data, so the web app asks for a reason exactly where the API requires one
  // (it takes only types from the domain, never the table itself).
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/review-transitions",
    {
      schema: {
        tags: ["review"],
        summary: "The review workflow's moves: from, to, action and whether the move needs a reason",
        response: { 200: Transitions },
      },
    },
    async () => ({ records: [...recordTransitions], replies: [...replyTransitions] }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/review-queue",
    {
      schema: {
        tags: ["review"],
        summary: "Records under review (and the caller's own drafts), across kinds, newest first",
        description:
          "For monitors, mediators and administrators: 401 for the public, 403 for party representatives. Each item carries the caller's allowedActions (publish, return_to_draft…).",
        querystring: QueueQuery,
        response: { 200: ReviewQueue, ...errorResponses },
      },
    },
    async (request) => ({ items: await readReviewQueue(db, request.actor, request.query) }),
  );
}
