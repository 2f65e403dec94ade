import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { SearchQuery, SearchResponse, searchMatchCap } from "../../domain/search.js";
import { search } from "../../services/search.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

/** GET /api/search: ranked summaries of documents and records, with facets (src/domain/search.ts). */
export function registerSearchRoutes(app: FastifyInstance, db: Db) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search documents and records in any language; ranked summaries with snippets and facets",
        description:
          "Words are matched with English and Russian stemming and as written (Armenian, Azerbaijani and any " +
          "other language); names of parties, persons and places also by similarity, in any script. Only what " +
          `the caller may read (the public: published and disputed). At most ${searchMatchCap} matches of each ` +
          "kind are ranked and counted. Results are summaries: the full text is on each record's own route. " +
          "Documents are also faceted and filtered by what extraction found in them and a reviewer confirmed " +
          "(speaker, party named or speaking, place mentioned, claim type, commitment a claim bears on).",
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses },
      },
    },
    async (request) => search(db, request.actor, request.query),
  );
}
