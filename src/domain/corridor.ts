import { z } from "zod";
import { PlaceDirection, PlaceGeometry, placeKinds } from "./actors.js";
import { Id, IsoDate, Names, ReviewState, Sources, VerificationStatus } from "./common.js";
import { accessStatuses, CrossingCount, monitoringIncidentTypes, trafficCategories } from "./events.js";

/**
 * What the corridor page reads in one request (GET /api/places/:id/access): a crossing place, what
 * every reporter observed there day by day, the restriction periods derived from it
 * (restriction-periods.ts), the incidents on it and the commitments that govern it. The web app
 * imports the types only.
 */

/** A day's status: what the reports say, "contested" when they disagree, "unknown" when there are none. */
export const dayStatuses = ["open", "restricted", "closed", "contested", "unknown"] as const;
export const DayStatus = z.enum(dayStatuses);
export type DayStatus = z.infer<typeof DayStatus>;

/** Consecutive days of one status, both ends included. */
export const StatusRun = z.object({
  from: IsoDate,
  to: IsoDate,
  status: DayStatus,
  days: z.number().int().min(1),
});
export type StatusRun = z.infer<typeof StatusRun>;

export const RestrictionPeriod = z.object({
  start: IsoDate.describe("day 1: the first day a report said restricted or closed"),
  end: IsoDate.nullable().describe(
    "the last day of the restriction (the day before the reopening); null while ongoing",
  ),
  reopenedOn: IsoDate.nullable().describe("the first day every report said open"),
  ongoing: z.boolean(),
  days: z.number().int().min(1).describe("its length in days; for an ongoing period, up to `through`"),
  lastReportedOn: IsoDate.describe("the last day within it that a report said restricted or closed"),
  contestedDays: z.number().int().min(0).describe("days within it on which reports disagreed"),
  unknownDays: z.number().int().min(0).describe("days within it on which nothing was reported"),
  reportedByPartyIds: z
    .array(Id)
    .describe("the parties whose observations within it said restricted or closed"),
});
export type RestrictionPeriod = z.infer<typeof RestrictionPeriod>;

export const counterStates = ["no_data", "not_restricted", "restricted", "reopened"] as const;

/** "Day N" as of a date. */
export const DayCounter = z.object({
  asOf: IsoDate,
  state: z
    .enum(counterStates)
    .describe(
      "no_data: nothing reported on or before asOf; not_restricted: reports, but no restriction had started; restricted: day N of a restriction; reopened: the last restriction had ended",
    ),
  statusOnDay: DayStatus,
  day: z.number().int().min(1).nullable().describe("N of 'day N' while restricted (day 1 = the first day)"),
  period: RestrictionPeriod.nullable().describe("the current restriction, or the one that ended (reopened)"),
});
export type DayCounter = z.infer<typeof DayCounter>;

export const PlaceLocation = z.discriminatedUnion("known", [
  z.object({
    known: z.literal(true),
    latitude: z.number(),
    longitude: z.number(),
    geoPrecision: z.number().int(),
  }),
  // Never a made-up 0,0: a place whose position nobody recorded says so.
  z.object({ known: z.literal(false), note: z.literal("location unknown") }),
]);
export type PlaceLocation = z.infer<typeof PlaceLocation>;

export const CorridorPlace = z.object({
  id: Id,
  processId: Id,
  kind: z.enum(placeKinds),
  names: Names,
  location: PlaceLocation,
  geometry: PlaceGeometry.nullable(),
  directions: z.array(PlaceDirection),
  parentPlaceId: Id.nullable(),
  description: z.string(),
  sources: Sources,
});
export type CorridorPlace = z.infer<typeof CorridorPlace>;

export const ObservationView = z.object({
  id: Id,
  reviewState: ReviewState,
  placeId: Id,
  observedOn: IsoDate,
  status: z.enum(accessStatuses),
  counts: z.array(CrossingCount),
  note: z.string(),
  reportedByPartyId: Id.nullable(),
  /** Set when the party's representative submitted it: the party's claim, not the mission's finding. */
  claimOfPartyId: Id.optional(),
  sources: Sources,
});
export type ObservationView = z.infer<typeof ObservationView>;

/** One date's observations, every reporter's side by side, never merged into one. */
export const ObservationDay = z.object({
  date: IsoDate,
  status: DayStatus.describe("the day's status from all reports, as in the status band"),
  observations: z.array(ObservationView),
});
export type ObservationDay = z.infer<typeof ObservationDay>;

/** One count, for the traffic chart: per date, category, direction and reporter (never summed across reporters). */
export const TrafficPoint = z.object({
  date: IsoDate,
  category: z.enum(trafficCategories),
  direction: z.string(),
  persons: z.number().int().nullable(),
  vehicles: z.number().int().nullable(),
  cargoTonnes: z.number().nullable(),
  reportedByPartyId: Id.nullable(),
  observationId: Id,
});
export type TrafficPoint = z.infer<typeof TrafficPoint>;

export const incidentEffects = ["restriction", "reopening", "none"] as const;

export const CorridorIncident = z.object({
  id: Id,
  title: z.string(),
  monitoringType: z.enum(monitoringIncidentTypes),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  ongoing: z.boolean(),
  placeId: Id,
  verificationStatus: VerificationStatus,
  reviewState: ReviewState,
  allegedByPartyIds: z.array(Id),
  effect: z.enum(incidentEffects).describe("what the incident does to the restriction periods"),
});
export type CorridorIncident = z.infer<typeof CorridorIncident>;

export const ObligorAssessment = z.object({
  partyId: Id,
  assessment: z
    .object({
      id: Id,
      asOf: IsoDate,
      level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable(),
      reversed: z.boolean(),
      rationale: z.string(),
      assessor: z.string(),
    })
    .nullable()
    .describe("the latest confirmed assessment as of asOf; null when none"),
});
export type ObligorAssessment = z.infer<typeof ObligorAssessment>;

export const GoverningCommitment = z.object({
  id: Id,
  title: z.string(),
  action: z.string(),
  categories: z.array(z.string()),
  provisionId: Id.nullable(),
  provisionPath: z.string().nullable(),
  agreementId: Id.nullable(),
  agreementTitle: z.string().nullable(),
  obligors: z.array(ObligorAssessment),
});
export type GoverningCommitment = z.infer<typeof GoverningCommitment>;

export const PartyLabel = z.object({ id: Id, shortName: z.string(), names: Names });
export type PartyLabel = z.infer<typeof PartyLabel>;

export const PlaceAccess = z.object({
  asOf: IsoDate,
  through: IsoDate.describe("the last day of the status band: asOf or the latest report, whichever is later"),
  place: CorridorPlace,
  observationsByDate: z.array(ObservationDay),
  statusBand: z.array(StatusRun),
  periods: z.array(RestrictionPeriod),
  dayCounter: DayCounter,
  traffic: z.array(TrafficPoint),
  incidents: z.array(CorridorIncident),
  commitments: z.array(GoverningCommitment),
  /** The parties named above (reporters, obligors, alleging parties), for their names. */
  parties: z.array(PartyLabel),
});
export type PlaceAccess = z.infer<typeof PlaceAccess>;

/** A crossing place restricted as of the overview's date, with its day count. */
export const RestrictedCorridor = z.object({
  placeId: Id,
  kind: z.enum(placeKinds),
  names: Names,
  statusOnDay: DayStatus,
  since: IsoDate,
  day: z.number().int().min(1),
  lastReportedOn: IsoDate,
});
export type RestrictedCorridor = z.infer<typeof RestrictedCorridor>;
