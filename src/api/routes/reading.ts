import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { RestrictedCorridor } from "../../domain/corridor.js";
import { getAgreementWithText } from "../../services/agreements.js";
import { processOverview } from "../../services/overview.js";
import { checkDatabase } from "../../store/availability.js";
import type { Database } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import { recordSchema, summarySchema } from "./records.js";

const IdParams = z.object({ id: Id });

const DatabaseKind = z.enum(["pglite", "postgres"]);
const HealthUp = z.object({
  status: z.literal("ok"),
  database: DatabaseKind,
  databaseState: z.literal("up"),
  version: z.string(),
});
const HealthDown = z.object({
  status: z.literal("unavailable"),
  database: DatabaseKind,
  databaseState: z.literal("down"),
  version: z.string(),
  message: z.string(),
});
// Under the pool's connect timeout, so a dead server shows as "down" before a client gives up on us.
const healthCheckTimeoutMs = 3_000;

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
  latestDocuments: z.array(summarySchema("documents")),
  counts: z.record(z.string(), z.number()),
  restrictedCorridors: z.array(RestrictedCorridor),
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
        summary: "Readiness: which database is in use, and whether it answers right now",
        response: { 200: HealthUp, 503: HealthDown },
      },
    },
    async (_request, reply) => {
      const check = await checkDatabase(db, healthCheckTimeoutMs);
      if (check.state === "up")
        return { status: "ok" as const, database: database.kind, databaseState: "up" as const, version };
      return reply
        .code(503)
        .header("retry-after", "5")
        .send({
          status: "unavailable" as const,
          database: database.kind,
          databaseState: "down" as const,
          version,
          message: `The database is not reachable right now: ${check.message}`,
        });
    },
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
    async (request) => getAgreementWithText(db, request.actor, request.params.id),
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
    async (request) => processOverview(db, request.actor, request.params.id),
  );
}
