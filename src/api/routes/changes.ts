import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ChangesPage, changesGuarantee } from "../../domain/changes.js";
import { listChanges } from "../../services/changes.js";
import type { Db } from "../../store/database.js";
import { ErrorBody } from "../errors.js";

const ChangesQuery = z.object({
  since: z.string().max(200).optional().describe("nextCursor of the previous page; omit to start"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/changes: the changes feed, for clients that mirror the data (src/domain/changes.ts). */
export function registerChangesRoutes(app: FastifyInstance, db: Db) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/changes",
    {
      schema: {
        tags: ["changes"],
        summary: "Every create, update and removal, in order, from a cursor",
        description: changesGuarantee,
        querystring: ChangesQuery,
        response: { 200: ChangesPage, 400: ErrorBody },
      },
    },
    async (request) => listChanges(db, request.actor, request.query),
  );
}
