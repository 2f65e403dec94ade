import { z } from "zod";
import { Id, IsoDate } from "./common.js";
import { IncidentFilterQuery } from "./incident-list.js";

/**
 * The map's data: every incident of a selection as a few numbers, in parallel arrays (one entry per
 * incident, the same position in every array), so that a few hundred thousand incidents travel and
 * parse in well under a second. Words repeated on every row (types, statuses) are sent once, in
 * `dictionaries`, and the rows carry their position there. The web app imports these types only.
 */

export const incidentPointsMaxRows = 300_000;
/** Incidents without a position are listed beside the map by title; this many at most. */
export const unlocatedListMax = 100;

/** The incident list's filters (one definition: incident-list.ts), without its paging. */
export const IncidentPointsQuery = IncidentFilterQuery.omit({ processId: true, cursor: true }).extend({
  signals: z
    .enum(["include", "exclude"])
    .default("exclude")
    .describe(
      "machine-coded signals (GDELT) beside the incidents; they carry their own status code and the map draws them apart. Ignored when verificationStatus is given",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(incidentPointsMaxRows)
    .default(incidentPointsMaxRows)
    .describe("at most this many incidents, the newest first; `truncated` says when more matched"),
});
export type IncidentPointsQuery = z.infer<typeof IncidentPointsQuery>;

const codes = (what: string) => z.array(z.number().int().min(-1)).describe(what);

export const IncidentPoints = z.object({
  count: z.number().int().describe("incidents in the arrays"),
  matched: z.number().int().describe("incidents that matched; more than count when truncated"),
  truncated: z.boolean().describe("more incidents matched than `limit`; the oldest were left out"),
  dictionaries: z.object({
    monitoringType: z.array(z.string()),
    acledEventType: z.array(z.string()),
    verificationStatus: z.array(z.string()),
  }),
  id: z.array(z.string()),
  lon: z
    .array(z.number().nullable())
    .describe("WGS 84 longitude; null when neither the incident nor its place has a position"),
  lat: z.array(z.number().nullable()),
  day: z.array(z.number().int()).describe("start date as days since 1970-01-01"),
  monitoringType: codes("position in dictionaries.monitoringType"),
  acledEventType: codes("position in dictionaries.acledEventType; -1 when the incident has none"),
  verificationStatus: codes("position in dictionaries.verificationStatus"),
  geoPrecision: z
    .array(z.number().int().min(1).max(3))
    .describe(
      "1 the place itself, 2 near it or part of a region, 3 only the larger region; a position taken from the incident's place counts the less precise of the two",
    ),
  wherePrecision: z
    .array(z.number().int().min(0).max(7))
    .describe("UCDP's where_prec, 1 (exact) to 7; 0 when the dataset gives none"),
  fromPlace: z
    .array(z.number().int().min(0).max(1))
    .describe("1 when the position is the incident's place's, the incident having none of its own"),
  unlocated: z.object({
    count: z.number().int().describe("incidents in the arrays whose lon/lat are null"),
    first: z
      .array(z.object({ id: Id, title: z.string(), startDate: IsoDate }))
      .describe(`the newest of them, at most ${unlocatedListMax}, to list beside the map`),
  }),
});
export type IncidentPoints = z.infer<typeof IncidentPoints>;

export const incidentTitlesMax = 100;

export const IncidentTitlesQuery = z.object({
  ids: z
    .string()
    .max(incidentTitlesMax * 121)
    .transform((text) => [...new Set(text.split(",").filter(Boolean))])
    .pipe(z.array(Id).min(1).max(incidentTitlesMax))
    .describe(`incident ids separated by commas, at most ${incidentTitlesMax}`),
});

/** What the map shows of an incident it has drawn: enough for a popup or a cluster's list. */
export const IncidentTitle = z.object({
  id: Id,
  title: z.string(),
  startDate: IsoDate,
  startPrecision: z.string(),
  locationName: z.string().nullable(),
  placeId: Id.nullable(),
  fatalities: z.number().int().nullable().describe("best estimate, where given"),
});
export type IncidentTitle = z.infer<typeof IncidentTitle>;
export const IncidentTitles = z.object({ items: z.array(IncidentTitle) });
export type IncidentTitles = z.infer<typeof IncidentTitles>;
