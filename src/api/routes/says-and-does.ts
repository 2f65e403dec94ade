import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { CommitmentSaysAndDoes, PartySaysAndDoes, SaysAndDoesQuery } from "../../domain/says-and-does.js";
import { commitmentSaysAndDoes, partySaysAndDoes } from "../../services/says-and-does.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

/** What a party says next to what it does, per party and per commitment (issue #11, item 3). */
export function registerSaysAndDoesRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const IdParams = z.object({ id: Id });
  api.get(
    "/api/parties/:id/says-and-does",
    {
      schema: {
        tags: ["parties"],
        summary:
          "A party's confirmed claims beside its assessments and the incidents alleged against it, with threats per month",
        description:
          "Claims count once a reviewer accepted or corrected them, and only from documents the caller may read. " +
          "Each claim carries its document and the passage's offsets in the original text.",
        params: IdParams,
        querystring: SaysAndDoesQuery,
        response: { 200: PartySaysAndDoes, ...errorResponses },
      },
    },
    async (request) => partySaysAndDoes(db, request.actor, request.params.id, request.query),
  );
  api.get(
    "/api/commitments/:id/says-and-does",
    {
      schema: {
        tags: ["commitments"],
        summary:
          "Confirmed claims bearing on a commitment, its assessments per obligor over time, and incidents alleged to breach it",
        params: IdParams,
        querystring: SaysAndDoesQuery,
        response: { 200: CommitmentSaysAndDoes, ...errorResponses },
      },
    },
    async (request) => commitmentSaysAndDoes(db, request.actor, request.params.id, request.query),
  );
}
