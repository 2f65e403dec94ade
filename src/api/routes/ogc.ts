import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  collectionsDocument,
  conformanceClasses,
  itemsPage,
  landingPage,
  oneCollection,
  oneItem,
} from "../../services/ogc.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";
import {
  CollectionParams,
  Collection as CollectionSchema,
  Collections,
  Conformance,
  FeatureCollection,
  ItemParams,
  ItemsQuery,
  LandingPage,
  OneFeature,
  PlainQuery,
} from "./ogc-schemas.js";

const tags = ["ogc"];
const geojson = "application/geo+json";

/** Media ranges that a JSON answer satisfies; a client asking only for others gets 406. */
const jsonRanges = new Set(["*/*", "application/*", "application/json", geojson]);

function refuseUnacceptable(request: FastifyRequest) {
  const accept = request.headers.accept;
  if (!accept) return;
  const acceptable = accept.split(",").some((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    return jsonRanges.has(type) && (q === undefined || Number(q.slice(2)) > 0);
  });
  if (!acceptable)
    throw Object.assign(
      new Error(
        "This API answers in JSON (GeoJSON for features) only: accept application/json or application/geo+json.",
      ),
      { statusCode: 406 },
    );
}

const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** OGC API – Features Part 1: Core at /ogc (landing page, conformance, collections, items). */
export function registerOgcRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = async (request: FastifyRequest) => refuseUnacceptable(request);

  api.get(
    "/ogc",
    {
      preHandler,
      schema: {
        tags,
        summary: "OGC API – Features landing page",
        querystring: PlainQuery,
        response: { 200: LandingPage, ...errorResponses },
      },
    },
    async (request) => landingPage(baseOf(request)),
  );
  api.get(
    "/ogc/conformance",
    {
      preHandler,
      schema: {
        tags,
        summary: "The conformance classes implemented (Core, GeoJSON, OpenAPI)",
        querystring: PlainQuery,
        response: { 200: Conformance, ...errorResponses },
      },
    },
    async () => ({ conformsTo: conformanceClasses }),
  );
  api.get(
    "/ogc/collections",
    {
      preHandler,
      schema: {
        tags,
        summary: "The feature collections: incidents, places, crossing-points",
        querystring: PlainQuery,
        response: { 200: Collections, ...errorResponses },
      },
    },
    async (request) => collectionsDocument(db, request.actor, baseOf(request)),
  );
  api.get(
    "/ogc/collections/:collectionId",
    {
      preHandler,
      schema: {
        tags,
        summary: "One feature collection, with its extent and licence links",
        params: CollectionParams,
        querystring: PlainQuery,
        response: { 200: CollectionSchema, ...errorResponses },
      },
    },
    async (request) => oneCollection(db, request.actor, baseOf(request), request.params.collectionId),
  );
  api.get(
    "/ogc/collections/:collectionId/items",
    {
      preHandler,
      schema: {
        tags,
        summary: "Features of a collection (GeoJSON), filtered by bbox and datetime, paged by cursor",
        params: CollectionParams,
        querystring: ItemsQuery,
        produces: [geojson],
        response: { 200: { content: { [geojson]: { schema: FeatureCollection } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      const page = await itemsPage(db, request.actor, baseOf(request), collectionId, request.query);
      return reply.type(geojson).send(page);
    },
  );
  api.get(
    "/ogc/collections/:collectionId/items/:featureId",
    {
      preHandler,
      schema: {
        tags,
        summary: "One feature (GeoJSON)",
        params: ItemParams,
        querystring: PlainQuery,
        produces: [geojson],
        response: { 200: { content: { [geojson]: { schema: OneFeature } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      return reply
        .type(geojson)
        .send(await oneItem(db, request.actor, baseOf(request), collectionId, featureId));
    },
  );
}
