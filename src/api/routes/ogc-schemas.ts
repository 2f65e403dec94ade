import { z } from "zod";
import { Id } from "../../domain/common.js";

/**
 * Response and parameter schemas of the OGC API – Features routes. GeoJSON is written out here as
 * zod, so these routes are in the OpenAPI document (and the hostile tier fuzzes them) like any other.
 */

export const Link = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});

const Withheld = z
  .array(
    z.object({
      licence: z.string(),
      count: z.number().int(),
      atLeast: z
        .literal(true)
        .optional()
        .describe("the count stopped at the counting limit: at least this many"),
    }),
  )
  .optional()
  .describe("Rows under a licence whose public use is count_only: counted here, not served");
const Attribution = z
  .array(z.string())
  .optional()
  .describe("The attribution every licence of the rows served or counted here requires");

export const LandingPage = z.object({ title: z.string(), description: z.string(), links: z.array(Link) });
export const Conformance = z.object({ conformsTo: z.array(z.string()) });

export const Collection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  itemType: z.literal("feature"),
  crs: z.array(z.string()),
  extent: z.object({
    spatial: z
      .object({ bbox: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])), crs: z.string() })
      .optional(),
    temporal: z
      .object({ interval: z.array(z.tuple([z.string().nullable(), z.string().nullable()])), trs: z.string() })
      .optional(),
  }),
  links: z.array(Link),
  withheld: Withheld,
  attribution: Attribution,
});
export const Collections = z.object({ links: z.array(Link), collections: z.array(Collection) });

const Point = z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) });
const nullableString = z.string().nullable();

export const IncidentProperties = z.object({
  title: z.string(),
  processId: z.string(),
  monitoringType: z.string(),
  startDate: z.string(),
  startPrecision: z.string(),
  endDate: nullableString,
  ongoing: z.boolean(),
  placeId: nullableString,
  locationName: nullableString,
  country: nullableString,
  admin1: nullableString,
  admin2: nullableString,
  geoPrecision: z.number(),
  fatalities: z.number().nullable(),
  fatalitiesLow: z.number().nullable(),
  fatalitiesHigh: z.number().nullable(),
  civilianTargeting: z.boolean(),
  disorderType: nullableString,
  acledEventType: nullableString,
  acledSubEventType: nullableString,
  verificationStatus: z.string(),
  licence: z.string(),
  updatedAt: z.string(),
  replies: z
    .array(
      z.object({
        id: z.string(),
        partyId: z.string(),
        party: z.string(),
        text: z.string(),
        language: z.string(),
        publishedAt: z.string(),
        allegedBreachProvisionId: z.string().optional(),
      }),
    )
    .describe("the parties' published replies to the incident, oldest first"),
});
export const PlaceProperties = z.object({
  name: z.string(),
  otherNames: nullableString,
  kind: z.string(),
  processId: z.string(),
  parentPlaceId: nullableString,
  geoPrecision: z.number(),
  updatedAt: z.string(),
});

/** An RFC 7946 Feature: a point in longitude/latitude order, the record's short fields, and links. */
export const Feature = z.object({
  type: z.literal("Feature"),
  id: z.string(),
  geometry: Point,
  properties: z.union([IncidentProperties, PlaceProperties]),
  links: z.array(Link),
});
export const OneFeature = Feature.extend({ timeStamp: z.string(), attribution: Attribution });

export const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(Feature),
  links: z.array(Link),
  timeStamp: z.string(),
  numberMatched: z.number().int().optional().describe("left out when counting would read too many rows"),
  numberReturned: z.number().int(),
  withheld: Withheld,
  attribution: Attribution,
});

/** `f` selects the encoding; JSON (GeoJSON for features) is the only one, so only it is accepted. */
const Format = z.enum(["json"]).optional().describe("Encoding: json (GeoJSON for features), the only one");

export const PlainQuery = z.strictObject({ f: Format });
export const CollectionParams = z.object({ collectionId: Id });
export const ItemParams = z.object({ collectionId: Id, featureId: Id });

// Unknown parameters are refused with 400, as OGC API – Features requires (/req/core/query-param-unknown).
export const ItemsQuery = z.strictObject({
  f: Format,
  bbox: z
    .string()
    .max(300)
    .optional()
    .describe(
      "minLon,minLat,maxLon,maxLat in CRS84 (or six numbers with heights); minLon > maxLon crosses the antimeridian",
    ),
  datetime: z
    .string()
    .max(100)
    .optional()
    .describe(
      'An RFC 3339 instant or interval "start/end"; ".." or an empty end is open; dates alone are allowed',
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      "Features per page: default 10, at most 1000 (larger values are served as 1000, as the standard asks)",
    ),
  cursor: z.string().max(500).optional().describe("The opaque cursor of a next or prev link"),
});
