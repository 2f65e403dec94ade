import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { publicUses } from "../../domain/licences.js";
import { incidentsFeed } from "../../services/atom.js";
import { licenceOverview } from "../../services/licence-policy.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import { registerOgcRoutes } from "./ogc.js";

const PublicUse = z.enum(publicUses);
const LicenceView = z.object({
  id: z.string(),
  name: z.string(),
  redistributable: z.boolean(),
  attribution: z.string(),
  url: z.string().optional(),
  publicUse: PublicUse.describe("What public outputs do with rows under this licence now"),
  defaultPublicUse: PublicUse.describe("What applies while no administrator has set it"),
  setting: z.object({ updatedAt: z.string(), updatedBy: z.string() }).nullable(),
});

const atom = "application/atom+xml";

/**
 * The public outputs of the data, where licences decide what is shown: OGC API – Features, the
 * Atom feed of incidents, and the licences themselves with their current public use.
 */
export function registerPublicOutputRoutes(app: FastifyInstance, db: Db) {
  registerOgcRoutes(app, db);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/licences",
    {
      schema: {
        tags: ["licences"],
        summary: "Each licence imported data comes under: terms, attribution, current public use",
        response: { 200: z.object({ items: z.array(LicenceView) }), ...errorResponses },
      },
    },
    async () => ({ items: await licenceOverview(db) }),
  );
  api.get(
    "/api/incidents.atom",
    {
      schema: {
        tags: ["incidents"],
        summary: "Published incidents as an Atom 1.0 feed (RFC 4287), most recently changed first",
        querystring: z.object({ process: Id.optional().describe("Only this process's incidents (its id)") }),
        produces: [atom],
        response: {
          200: { content: { [atom]: { schema: z.string().describe("An Atom 1.0 feed document") } } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const baseUrl = `${request.protocol}://${request.host}`;
      const feed = await incidentsFeed(db, {
        baseUrl,
        processId: request.query.process,
        readAs: request.actor,
      });
      return reply.type(`${atom}; charset=utf-8`).send(feed);
    },
  );
}
