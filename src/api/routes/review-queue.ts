import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type EntityName, entityNames } from "../../domain/entities.js";
import { queueStates, ReviewQueue } from "../../domain/review-queue.js";
import { readReviewQueue } from "../../services/review-queue.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const QueueQuery = z.object({
  kind: z.enum(entityNames as [EntityName, ...EntityName[]]).optional(),
  state: z.enum(queueStates).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** GET /api/review-queue: records under review and the caller's own drafts, across kinds, newest first. */
export function registerReviewQueueRoutes(app: FastifyInstance, db: Db) {
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
