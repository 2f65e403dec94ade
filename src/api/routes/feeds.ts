import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { FeedView, NewFeedRequest, PollResultView } from "../../domain/documents.js";
import { addFeed, listFeeds, pollFeed, setFeedActive } from "../../services/feeds.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const FeedParams = z.object({ id: z.string().min(1).max(120) });

/** Feeds polled on a schedule (services/feeds.ts), with their state for everyone to see. */
export function registerFeedRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/feeds",
    {
      schema: {
        tags: ["feeds"],
        summary: "Feeds and their state: last poll, new items, the last error",
        querystring: z.object({ processId: Id.optional() }),
        response: { 200: z.object({ items: z.array(FeedView) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listFeeds(db, request.query.processId)) as FeedView[] }),
  );
  api.post(
    "/api/feeds",
    {
      schema: {
        tags: ["feeds"],
        summary:
          "Register a feed (RSS 2.0, Atom or RDF) to poll; the same address again answers the feed held",
        body: NewFeedRequest,
        response: { 201: FeedView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send((await addFeed(db, request.actor, request.body)) as FeedView),
  );
  api.post(
    "/api/feeds/:id/poll",
    {
      schema: {
        tags: ["feeds"],
        summary: "Poll a feed now (a conditional request); every new item is taken in",
        params: FeedParams,
        body: z.object({}).strict().nullish(),
        response: { 200: PollResultView, ...errorResponses },
      },
    },
    async (request) => pollFeed(db, request.actor, request.params.id),
  );
  api.patch(
    "/api/feeds/:id",
    {
      schema: {
        tags: ["feeds"],
        summary: "Pause or resume a feed",
        params: FeedParams,
        body: z.object({ active: z.boolean() }),
        response: { 200: FeedView, ...errorResponses },
      },
    },
    async (request) =>
      (await setFeedActive(db, request.actor, request.params.id, request.body.active)) as FeedView,
  );
}
