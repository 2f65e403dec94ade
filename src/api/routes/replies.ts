import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AllowedActions } from "../../domain/allowed-actions.js";
import { Id } from "../../domain/common.js";
import { Reply, ReplyInput, replyableKinds } from "../../domain/replies.js";
import { readRecord } from "../../services/record-reads.js";
import {
  createReply,
  ReplyPatch,
  ReplyRetraction,
  readRepliesTo,
  retractReply,
  updateReply,
} from "../../services/replies.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

/** A reply as the API answers it: with the actions the caller may take on it. */
export const ReplyResponse = Reply.extend({ allowedActions: AllowedActions });

const IdParams = z.object({ id: Id });
const tags = ["replies"];

/** The right of reply (issue #9, item 5): a party's answers, beside the records they answer. */
export function registerReplyRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/replies",
    {
      schema: {
        tags,
        summary: "The replies to one record (published ones for the public)",
        description: "A record the caller may not read answers 404, as its detail does.",
        querystring: z.object({ recordKind: z.enum(replyableKinds), recordId: Id }),
        response: { 200: z.object({ items: z.array(ReplyResponse) }), ...errorResponses },
      },
    },
    async (request) => {
      const { recordKind, recordId } = request.query;
      await readRecord(db, request.actor, recordKind, recordId);
      return { items: await readRepliesTo(db, request.actor, recordKind, recordId) };
    },
  );
  api.post(
    "/api/replies",
    {
      schema: {
        tags,
        summary: "Reply, in your party's name, to a record that concerns your party",
        description:
          "Only a party representative; the party and author are the signed-in representative's. The reply is published at once. 401 for the public, 403 with the reason when the record does not concern the party, 404 when the caller cannot read the record.",
        body: ReplyInput,
        response: { 201: ReplyResponse, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createReply(db, request.actor, request.body)),
  );
  api.patch(
    "/api/replies/:id",
    {
      schema: {
        tags,
        summary: "Change a reply (only its party's representatives)",
        params: IdParams,
        body: ReplyPatch,
        response: { 200: ReplyResponse, ...errorResponses },
      },
    },
    async (request) => updateReply(db, request.actor, request.params.id, request.body),
  );
  api.post(
    "/api/replies/:id/retract",
    {
      schema: {
        tags,
        summary: "Retract a published reply, with a reason (only its party's representatives)",
        params: IdParams,
        body: ReplyRetraction,
        response: { 200: ReplyResponse, ...errorResponses },
      },
    },
    async (request) => retractReply(db, request.actor, request.params.id, request.body.reason),
  );
}
