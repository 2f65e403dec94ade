import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { DocumentExtraction, ExtractionDecision, ExtractionItemView } from "../../domain/extraction.js";
import {
  acceptConfident,
  decideExtractionItem,
  readExtraction,
  rerunExtraction,
} from "../../services/extraction-review.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

/** Reviewing what extraction suggested in a document (issue #11). */
export function registerExtractionRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const DocumentParams = z.object({ id: Id });
  api.get(
    "/api/documents/:id/extraction",
    {
      schema: {
        tags: ["extraction"],
        summary: "A document's mentions, dates, quotes and claims (the public sees accepted ones only)",
        params: DocumentParams,
        response: { 200: DocumentExtraction, ...errorResponses },
      },
    },
    async (request) => readExtraction(db, request.actor, request.params.id),
  );
  api.post(
    "/api/extraction-items/:id/decision",
    {
      schema: {
        tags: ["extraction"],
        summary:
          "Accept, reject, correct (the speaker, the claim type, the date, the linked commitment) or reopen one item",
        params: z.object({ id: z.string().max(120) }),
        body: ExtractionDecision,
        response: { 200: ExtractionItemView, ...errorResponses },
      },
    },
    async (request) => decideExtractionItem(db, request.actor, request.params.id, request.body),
  );
  api.post(
    "/api/documents/:id/extraction/accept-confident",
    {
      schema: {
        tags: ["extraction"],
        summary: "Accept every open suggestion at or above a confidence",
        params: DocumentParams,
        body: z.object({ minimum: z.number().min(0.5).max(1).default(0.8) }),
        response: { 200: z.object({ accepted: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => ({
      accepted: await acceptConfident(db, request.actor, request.params.id, request.body.minimum),
    }),
  );
  api.post(
    "/api/documents/:id/extraction/rerun",
    {
      schema: {
        tags: ["extraction"],
        summary: "Read the document again with the current rules and registry; decisions made stay",
        params: DocumentParams,
        // A JSON body or none: anything else (text/plain included) is refused like on every write.
        body: z.object({}).strict().nullish(),
        response: { 200: z.object({ items: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => ({ items: await rerunExtraction(db, request.actor, request.params.id) }),
  );
}
