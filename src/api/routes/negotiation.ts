import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CodebookCategory } from "../../domain/codebook.js";
import { Id } from "../../domain/common.js";
import { loadCodebook } from "../../services/codebook.js";
import {
  getFormatWithMeetings,
  getMeetingWithCommitments,
  meetingsCalendar,
} from "../../services/meetings.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import { recordSchema } from "./records.js";

const IdParams = z.object({ id: Id });

/** Formats, meetings and the codebook: the negotiation side of a process. */
export function registerNegotiationRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/codebook",
    {
      schema: {
        tags: ["codebook"],
        summary: "Provision and commitment categories",
        response: { 200: z.array(CodebookCategory) },
      },
    },
    async () => loadCodebook(),
  );
  api.get(
    "/api/meetings/:id",
    {
      schema: {
        tags: ["meetings"],
        summary: "A meeting with the commitments it created",
        params: IdParams,
        response: {
          200: recordSchema("meetings").extend({ commitments: z.array(recordSchema("commitments")) }),
          ...errorResponses,
        },
      },
    },
    async (request) => getMeetingWithCommitments(db, request.actor, request.params.id),
  );
  api.get(
    "/api/formats/:id",
    {
      schema: {
        tags: ["formats"],
        summary: "A negotiation format with its meetings",
        params: IdParams,
        response: {
          200: recordSchema("formats").extend({ meetings: z.array(recordSchema("meetings")) }),
          ...errorResponses,
        },
      },
    },
    async (request) => getFormatWithMeetings(db, request.actor, request.params.id),
  );
  api.get(
    "/api/meetings.ics",
    {
      schema: {
        tags: ["meetings"],
        summary: "Meetings as an iCalendar (RFC 5545) feed",
        querystring: z.object({ processId: Id.optional() }),
        produces: ["text/calendar"],
      },
    },
    async (request, reply) => {
      const baseUrl = `${request.protocol}://${request.host}`;
      const body = await meetingsCalendar(db, {
        processId: request.query.processId,
        baseUrl,
        readAs: request.actor,
      });
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", 'attachment; filename="peacetrack-meetings.ics"')
        .send(body);
    },
  );
}
