import { z } from "zod";
import { AllowedActions } from "./allowed-actions.js";
import { Id, IsoDate, VerificationStatus } from "./common.js";
import { RecordEnvelope } from "./entities.js";
import { acledEventTypes, allAcledSubEventTypes, Incident, monitoringIncidentTypes } from "./events.js";

/**
 * The incident list's query and its items, defined once: the API validates with these, the OpenAPI
 * document is generated from them, and the web app takes its types from them.
 */

/** A decimal number as text, e.g. 44.5 or -0.25 (no exponent: it is a coordinate). */
const decimal = String.raw`-?\d{1,3}(\.\d{1,12})?`;
const bboxPattern = `^${decimal},${decimal},${decimal},${decimal}$`;

export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Reads `minLon,minLat,maxLon,maxLat`; minLon > maxLon is a box across the antimeridian (RFC 7946 §5.2). */
export function parseBbox(text: string): LonLatBox | string {
  if (!new RegExp(bboxPattern).test(text)) return "four numbers: minLon,minLat,maxLon,maxLat";
  const [minLon, minLat, maxLon, maxLat] = text.split(",").map(Number) as [number, number, number, number];
  if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) return "longitudes run from -180 to 180";
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) return "latitudes run from -90 to 90";
  if (minLat > maxLat) return "minLat is above maxLat";
  return { minLon, minLat, maxLon, maxLat };
}

/** Words of a text search: letters and digits, each matched as a word prefix ("Lach" finds Lachin). */
export const searchWords = (text: string) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);

const shortText = (max: number) => z.string().min(1).max(max);

export const IncidentFilterQuery = z.object({
  processId: Id.optional(),
  from: IsoDate.optional().describe("earliest start date, inclusive"),
  to: IsoDate.optional().describe("latest start date, inclusive"),
  monitoringType: z.enum(monitoringIncidentTypes).optional(),
  acledEventType: z.enum(acledEventTypes).optional(),
  acledSubEventType: z.enum(allAcledSubEventTypes as [string, ...string[]]).optional(),
  actor: shortText(300).optional().describe("a party id or an actor name as the dataset gives it (exact)"),
  allegedBy: Id.optional().describe(
    "a party that alleges the incident, in allegedByPartyIds or an alleged breach",
  ),
  verificationStatus: VerificationStatus.optional().describe(
    "only this status; machine-coded signals (GDELT) are left out unless asked for here",
  ),
  country: shortText(100).optional(),
  admin1: shortText(200).optional(),
  placeId: Id.optional(),
  bbox: z
    .string()
    .max(200)
    .regex(new RegExp(bboxPattern), "four numbers: minLon,minLat,maxLon,maxLat")
    .superRefine((value, context) => {
      const box = parseBbox(value);
      if (typeof box === "string") context.addIssue({ code: "custom", message: box });
    })
    .optional()
    .describe("minLon,minLat,maxLon,maxLat in WGS 84 (CRS84); minLon > maxLon crosses the antimeridian"),
  q: z
    .string()
    .max(200)
    .refine((value) => searchWords(value).length > 0, "no word to search for")
    .optional()
    .describe("words in the title, location or description; each word matches as a prefix"),
  cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
});
export type IncidentFilterQuery = z.infer<typeof IncidentFilterQuery>;

export const IncidentListQuery = IncidentFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

/** Exports stream many rows, but a request is still bounded; follow the cursor for the rest. */
export const exportMaxRows = 50_000;
export const IncidentExportQuery = IncidentFilterQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(exportMaxRows)
    .default(10_000)
    .describe(`rows per request, at most ${exportMaxRows}; the rest comes with the cursor`),
});
export type IncidentExportQuery = z.infer<typeof IncidentExportQuery>;

export const incidentExcerptLength = 300;

/**
 * One item of the list: the record without its long or nested parts (description, sources, alleged
 * breaches), plus an excerpt and counts in their place. The detail route has the whole record.
 */
export const IncidentSummary = Incident.omit({
  description: true,
  sources: true,
  allegedBreaches: true,
  sourceNames: true,
}).extend({
  ...RecordEnvelope.shape,
  excerpt: z.string().describe(`the first ${incidentExcerptLength} characters of the description`),
  descriptionLength: z.number().int().describe("length of the full description, in characters"),
  sourceCount: z.number().int(),
  allegedBreachCount: z.number().int(),
  allowedActions: AllowedActions,
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const IncidentPage = z.object({
  items: z.array(IncidentSummary),
  nextCursor: z.string().nullable(),
});
export type IncidentPage = z.infer<typeof IncidentPage>;
