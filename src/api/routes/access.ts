import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IsoDate } from "../../domain/common.js";
import { PlaceAccess } from "../../domain/corridor.js";
import { placeAccess } from "../../services/place-access.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

/** Access at crossing places: observations, restriction periods, day counter (docs/CORRIDORS.md). */
export function registerAccessRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/places/:id/access",
    {
      schema: {
        tags: ["places"],
        summary:
          "A crossing place as of a date: observations by day (every reporter side by side), status band, restriction periods, day N, traffic, incidents, governing commitments",
        params: z.object({ id: Id }),
        querystring: z.object({
          asOf: IsoDate.optional().describe("YYYY-MM-DD, default today; not in the future"),
        }),
        response: { 200: PlaceAccess, ...errorResponses },
      },
    },
    async (request) => placeAccess(db, request.actor, request.params.id, request.query.asOf),
  );
}
