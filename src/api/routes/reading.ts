import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { getAgreementWithText } from "../../services/agreements.js";
import { processOverview } from "../../services/overview.js";
import type { Database } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import { recordSchema } from "./records.js";

const IdParams = z.object({ id: Id });

const ProvisionWithTexts = recordSchema("provisions").extend({
  texts: z.record(z.string(), z.object({ text: z.string(), incomplete: z.boolean() })),
});
const AgreementWithText = recordSchema("agreements").extend({
  versions: z.array(recordSchema("agreementVersions")),
  provisions: z.array(ProvisionWithTexts),
  commitments: z.array(recordSchema("commitments")),
});
const Overview = z.object({
  process: recordSchema("processes"),
  agreements: z.array(recordSchema("agreements")),
  parties: z.array(recordSchema("parties")),
  latestIncidents: z.array(recordSchema("incidents")),
  latestDocuments: z.array(recordSchema("documents")),
  counts: z.record(z.string(), z.number()),
});

/** Composite reads that the pages need in one request. */
export function registerReadingRoutes(app: FastifyInstance, database: Database, version: string) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = database;
  api.get(
    "/api/health",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness and which database is in use",
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["pglite", "postgres"]),
            version: z.string(),
          }),
        },
      },
    },
    async () => ({ status: "ok" as const, database: database.kind, version }),
  );
  api.get(
    "/api/agreements/:id",
    {
      schema: {
        tags: ["agreements"],
        summary: "An agreement with its versions, provisions (text per version) and commitments",
        params: IdParams,
        response: { 200: AgreementWithText, ...errorResponses },
      },
    },
    async (request) => getAgreementWithText(db, request.params.id),
  );
  api.get(
    "/api/processes/:id/overview",
    {
      schema: {
        tags: ["processes"],
        summary: "A process at a glance: agreements, parties, latest incidents and documents, counts",
        params: IdParams,
        response: { 200: Overview, ...errorResponses },
      },
    },
    async (request) => processOverview(db, request.params.id),
  );
}
