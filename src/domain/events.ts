import { z } from "zod";
import { DirectionKey } from "./actors.js";
import {
  GeoPrecision,
  Id,
  IsoDate,
  IsoDateTime,
  Sources,
  TimePrecision,
  VerificationStatus,
  WebUrl,
} from "./common.js";
import {
  acledDisorderTypes,
  acledEventTypes,
  allAcledSubEventTypes,
  monitoringIncidentTypes,
} from "./incident-types.js";

export {
  acledDisorderTypes,
  acledEventTypes,
  acledSubEventTypes,
  allAcledSubEventTypes,
  monitoringIncidentTypes,
} from "./incident-types.js";

/**
 * ACLED's actor type codes (inter1/inter2): 1 state forces, 2 rebel groups, 3 political militias,
 * 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; 0 none.
 */
export const ActorTypeCode = z.number().int().min(0).max(8);

export const IncidentActor = z.object({
  partyId: Id.optional(),
  /** The dataset's actor name when no party record fits ("Protesters (Azerbaijan)"). */
  name: z.string().max(300).optional(),
  role: z.enum(["perpetrator", "target", "alleged_perpetrator", "affected", "observer"]),
  /** ACLED's side (actor1 / actor2) and whether the actor is associated with the side's main actor. */
  side: z.union([z.literal(1), z.literal(2)]).optional(),
  associated: z.boolean().optional(),
  typeCode: ActorTypeCode.optional(),
});

export const Fatalities = z
  .object({
    best: z.number().int().min(0),
    low: z.number().int().min(0),
    high: z.number().int().min(0),
  })
  .refine((f) => f.low <= f.best && f.best <= f.high, { message: "fatalities need low ≤ best ≤ high" });

export const allegationStatuses = ["alleged", "denied", "confirmed", "rejected"] as const;

/** One party's allegation that the incident breaches a provision, and where that allegation stands. */
export const AllegedBreach = z.object({
  provisionId: Id,
  allegedByPartyId: Id.optional(),
  status: z.enum(allegationStatuses).default("alleged"),
  sources: Sources,
});

/** Where an imported incident came from: the datasets whose ids are kept for round trips. */
export const incidentDatasets = ["acled", "ucdp", "gdelt"] as const;
export type IncidentDataset = (typeof incidentDatasets)[number];

export const Incident = z.object({
  processId: Id,
  title: z.string().min(1).max(500),
  monitoringType: z.enum(monitoringIncidentTypes),
  disorderType: z.enum(acledDisorderTypes).optional(),
  acledEventType: z.enum(acledEventTypes).optional(),
  acledSubEventType: z.enum(allAcledSubEventTypes as [string, ...string[]]).optional(),
  /** ACLED's two-digit interaction code (inter1 and inter2 together, e.g. 12). */
  interactionCode: z.number().int().min(0).max(88).optional(),
  civilianTargeting: z.boolean().default(false),
  startDate: IsoDate,
  startPrecision: TimePrecision.default("day"),
  endDate: IsoDate.optional(),
  endPrecision: TimePrecision.optional(),
  /** True while the incident is still going on as of the latest source (a blockade). */
  ongoing: z.boolean().default(false),
  placeId: Id.optional(),
  country: z.string().max(100).optional(),
  /** ISO 3166-1 numeric country code, as ACLED gives it. */
  isoCode: z.number().int().min(0).max(999).optional(),
  region: z.string().max(100).optional(),
  admin1: z.string().max(200).optional(),
  admin2: z.string().max(200).optional(),
  admin3: z.string().max(200).optional(),
  /** The dataset's own name of the location ("Lachin"); `placeId` links a place record where one fits. */
  locationName: z.string().max(300).optional(),
  locationDescription: z.string().max(500).default(""),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** ACLED's geo-precision: 1 the place itself, 2 near it or part of a region, 3 only the larger region. */
  geoPrecision: GeoPrecision.default(1),
  /** UCDP's where_prec, 1 (exact) to 7 (only the country or international waters), kept beside. */
  ucdpWherePrecision: z.number().int().min(1).max(7).optional(),
  actors: z.array(IncidentActor).default([]),
  fatalities: Fatalities.optional(),
  description: z.string().max(20000).default(""),
  /** The dataset's own list of its sources ("Azatutyun; Report.az") and their scale ("National"). */
  sourceNames: z.string().max(2000).optional(),
  sourceScale: z.string().max(200).optional(),
  tags: z.array(z.string().max(200)).default([]),
  /** When the dataset itself last changed the row (ACLED's `timestamp`). */
  sourceUpdatedAt: IsoDateTime.optional(),
  allegedBreaches: z.array(AllegedBreach).default([]),
  allegedByPartyIds: z.array(Id).default([]),
  verificationStatus: VerificationStatus.default("reported"),
  /** The dataset's ids (`acled`: event_id_cnty, `ucdp`: id, `gdelt`: GlobalEventID), unique per process. */
  externalIds: z.record(z.string(), z.string().max(200)).default({}),
  /** The terms the record came under (see `licences` in domain/licences.ts); own records: "own". */
  licence: z.string().max(60).default("own"),
  sources: Sources,
});

export const accessStatuses = ["open", "restricted", "closed"] as const;
export type AccessStatus = (typeof accessStatuses)[number];
export const trafficCategories = [
  "civilian",
  "humanitarian",
  "peacekeeping",
  "medical_evacuation",
  "commercial",
] as const;
export type TrafficCategory = (typeof trafficCategories)[number];

/**
 * Traffic one way through a place on the observed date. `direction` is the key of one of the place's
 * own directions (Place.directions); the store refuses a key the place does not define.
 */
export const CrossingCount = z
  .object({
    direction: DirectionKey,
    category: z.enum(trafficCategories),
    persons: z.number().int().min(0).optional(),
    vehicles: z.number().int().min(0).optional(),
    cargoTonnes: z.number().min(0).optional(),
  })
  .refine((c) => c.persons !== undefined || c.vehicles !== undefined || c.cargoTonnes !== undefined, {
    message:
      "a count gives persons, vehicles or cargoTonnes (0 is a count; leave the count out when unknown)",
  });
export type CrossingCount = z.infer<typeof CrossingCount>;

/** What one reporter saw at a crossing place on one date; two reporters' views are two records. */
export const AccessObservation = z.object({
  processId: Id,
  placeId: Id,
  observedOn: IsoDate,
  status: z.enum(accessStatuses),
  /** At most one count per direction and category. */
  counts: z.array(CrossingCount).max(200).default([]),
  note: z.string().max(5000).default(""),
  reportedByPartyId: Id.optional(),
  sources: Sources,
});

export const languageSources = ["metadata", "detected", "entered"] as const;
export const publishedDateSources = ["metadata", "feed", "leading_date", "dateline", "entered"] as const;
export const receivedVias = ["feed", "url", "file", "paste", "seed"] as const;
export type ReceivedVia = (typeof receivedVias)[number];

/** One edit cleaning made to a document's text: [start, end) of the original replaced. */
export const TextEditSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  replacement: z.string().max(2000),
  rule: z.string().max(40),
});

export const documentKinds = [
  "official_statement",
  "news_article",
  "interview",
  "court_order",
  "report",
  "agreement_text",
] as const;

export const Document = z.object({
  processId: Id,
  kind: z.enum(documentKinds),
  title: z.string().min(1).max(1000),
  publisher: z.string().max(300).default(""),
  author: z.string().max(300).default(""),
  authorPartyId: Id.optional(),
  url: WebUrl.optional(),
  /** ISO 639-1 code; left out, the server detects it among the candidate languages. */
  language: z.string().max(20).optional(),
  languageSource: z.enum(languageSources).optional(),
  /** null when neither the source's metadata nor its text gives a date; never guessed. */
  publishedOn: IsoDate.nullable().default(null),
  publishedDateSource: z.enum(publishedDateSources).nullable().optional(),
  /** The text as received (a page's article text as extracted); kept untouched. */
  text: z.string().max(2_000_000),
  /** SHA-256 (hex) of the bytes received (of the text, for pasted text); computed by the server. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  receivedAt: IsoDateTime.optional(),
  receivedVia: z.enum(receivedVias).default("paste"),
  contentType: z.string().max(200).optional(),
  fileName: z.string().max(300).optional(),
  encoding: z.string().max(40).optional(),
  /** The text with web debris removed; computed by the server from `text`, with the edits it made. */
  cleanedText: z.string().max(2_000_000).optional(),
  cleaningEdits: z.array(TextEditSchema).max(20_000).optional(),
  /** Set by the server when near-duplicates are found; the id of the cluster's first document. */
  duplicateClusterId: z.string().max(120).optional(),
  /** The member of its cluster published first, where the dates allow telling. */
  isClusterOriginal: z.boolean().optional(),
  sourceNote: z.string().max(2000).default(""),
});
