import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  exportMaxRows,
  IncidentExportQuery,
  IncidentListQuery,
  IncidentPage,
} from "../../domain/incident-list.js";
import { incidentCsv, incidentGeoJson, incidentListJson } from "../../services/incidents.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const tags = ["incidents"];
const csv = "text/csv";
const geojson = "application/geo+json";

const LeftOut = z.object({ licence: z.string(), name: z.string(), count: z.number().int() });
const Feature = z.object({
  type: z.literal("Feature"),
  id: z.string(),
  geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.record(z.string(), z.unknown()),
});
const IncidentFeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(Feature).describe("[longitude, latitude] in WGS 84 (CRS84)"),
  numberReturned: z.number().int(),
  withoutCoordinates: z.number().int().describe("incidents matched but left out for want of coordinates"),
  leftOut: z.array(LeftOut).describe("rows matched but left out because their licence allows only counting"),
  attribution: z
    .array(z.string())
    .describe("the attribution the licences of the rows shown or counted require"),
  nextCursor: z.string().nullable().describe("where the next request starts, when rows were left for it"),
});

const exportNote =
  `Same filters and order as GET /api/incidents; only incidents the caller may read (the public: published and disputed); at most ${exportMaxRows} rows ` +
  "a request (limit), the rest with the cursor. Rows whose licence forbids handing them on are left out and counted.";

/**
 * GET /api/incidents with its filters, and the same selection as CSV and GeoJSON. The generic list
 * route of records.ts is skipped for incidents; their detail and write routes stay there.
 */
export function registerIncidentRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/incidents",
    {
      schema: {
        tags,
        summary: "List incidents (summaries; the full record is on GET /api/incidents/{id})",
        description:
          "Newest first by start date. Machine-coded signals (GDELT) are left out unless verificationStatus=machine_coded.",
        querystring: IncidentListQuery,
        response: { 200: IncidentPage, ...errorResponses },
      },
    },
    // The database wrote the items as JSON (store/incident-queries.ts): the text is sent as it is, not
    // parsed and serialised again; the tests hold it to IncidentPage.
    async (request, reply) =>
      reply
        .type("application/json; charset=utf-8")
        .send((await incidentListJson(db, request.actor, request.query)) as never),
  );
  api.get(
    "/api/incidents.csv",
    {
      schema: {
        tags,
        summary: "Incidents as CSV in ACLED's current column order, streamed",
        description: `${exportNote} Lines after the rows that start with # are notes: rows left out, attribution, the cursor for more.`,
        querystring: IncidentExportQuery.extend({
          replies: z
            .enum(["true", "false"])
            .optional()
            .describe(
              'true: a last column "replies" with each incident\'s published replies ("Party: text (date)", one a line); left out by default so that the file keeps ACLED\'s layout and imports back unchanged',
            ),
        }),
        produces: [csv],
        response: {
          200: { content: { [csv]: { schema: z.string().describe("CSV, header line first, UTF-8") } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { replies, ...query } = request.query;
      const lines = await incidentCsv(db, request.actor, query, { replies: replies === "true" });
      return reply
        .type("text/csv; charset=utf-8; header=present")
        .header("content-disposition", 'attachment; filename="incidents.csv"')
        .send(Readable.from(lines) as never);
    },
  );
  api.get(
    "/api/incidents.geojson",
    {
      schema: {
        tags,
        summary: "Incidents as a GeoJSON FeatureCollection (RFC 7946), streamed",
        description: `${exportNote} Incidents without coordinates are counted in withoutCoordinates. Each feature's properties carry "replies": the published replies of the parties, beside what they answer.`,
        querystring: IncidentExportQuery,
        produces: [geojson],
        response: {
          200: { content: { [geojson]: { schema: IncidentFeatureCollection } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const parts = await incidentGeoJson(db, request.actor, request.query);
      return reply.type(`${geojson}; charset=utf-8`).send(Readable.from(parts) as never);
    },
  );
}
