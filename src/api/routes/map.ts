import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import {
  IncidentPoints,
  IncidentPointsQuery,
  IncidentTitles,
  IncidentTitlesQuery,
  incidentPointsMaxRows,
} from "../../domain/incident-points.js";
import { incidentPointsText, incidentTitleList } from "../../services/incident-points.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import type { MapTileSetting } from "../map-config.js";

const tags = ["map"];
const ProcessParams = z.object({ id: Id });

const MapConfig = z.object({
  tiles: z
    .object({ url: z.string(), attribution: z.string(), maxZoom: z.number().int() })
    .nullable()
    .describe("a raster XYZ basemap (PEACETRACK_MAP_TILES); null: the bundled boundaries only"),
});

/** The map page's reads: its settings, every incident of a selection as compact arrays, titles by id. */
export function registerMapRoutes(app: FastifyInstance, db: Db, tiles: MapTileSetting | null) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/map/config",
    {
      schema: {
        tags,
        summary: "The map's settings: an optional raster basemap beside the bundled boundaries",
        response: { 200: MapConfig },
      },
    },
    async () => ({ tiles }),
  );
  api.get(
    "/api/processes/:id/incident-points",
    {
      schema: {
        tags,
        summary: "A process's incidents for the map, as parallel arrays (one entry per incident)",
        description:
          `The filters of GET /api/incidents; at most ${incidentPointsMaxRows} incidents, newest first. ` +
          "An incident without coordinates takes its place's, at the less precise of the two precisions " +
          "(fromPlace = 1); with neither, lon and lat are null and it is counted in unlocated, never put at 0,0.",
        params: ProcessParams,
        querystring: IncidentPointsQuery,
        response: { 200: IncidentPoints, ...errorResponses },
      },
    },
    // The database wrote the JSON (store/incident-point-queries.ts); re-validating a few hundred
    // thousand array entries here would cost more than the query. The tests hold it to IncidentPoints.
    async (request, reply) =>
      reply
        .type("application/json; charset=utf-8")
        .send((await incidentPointsText(db, request.actor, request.params.id, request.query)) as never),
  );
  api.get(
    "/api/processes/:id/incident-titles",
    {
      schema: {
        tags,
        summary: "Titles and dates of a few incidents by id (a map popup, a cluster's list)",
        params: ProcessParams,
        querystring: IncidentTitlesQuery,
        response: { 200: IncidentTitles, ...errorResponses },
      },
    },
    async (request) => incidentTitleList(db, request.actor, request.params.id, request.query.ids),
  );
}
