import { z } from "zod";
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

/** ACLED's event types, kept verbatim so rows round-trip. */
export const acledEventTypes = [
  "Battles",
  "Violence against civilians",
  "Explosions/Remote violence",
  "Riots",
  "Protests",
  "Strategic developments",
] as const;

/** Monitoring types that ACLED folds into "Strategic developments" but a peace monitor needs apart. */
export const monitoringIncidentTypes = [
  "ceasefire_violation",
  "movement_restriction",
  "blockade",
  "checkpoint_installed",
  "utility_cut",
  "threat_of_force",
  "line_of_contact_advance",
] as const;

export const IncidentActor = z.object({
  partyId: Id.optional(),
  /** ACLED's actor name when no party record fits ("Protesters (Azerbaijan)"). */
  name: z.string().max(300).optional(),
  role: z.enum(["perpetrator", "target", "alleged_perpetrator", "affected", "observer"]),
});

export const Fatalities = z
  .object({
    best: z.number().int().min(0),
    low: z.number().int().min(0),
    high: z.number().int().min(0),
  })
  .refine((f) => f.low <= f.best && f.best <= f.high, { message: "fatalities need low ≤ best ≤ high" });

export const Incident = z.object({
  processId: Id,
  title: z.string().min(1).max(500),
  monitoringType: z.enum(monitoringIncidentTypes),
  acledEventType: z.enum(acledEventTypes).optional(),
  acledSubEventType: z.string().max(200).optional(),
  startDate: IsoDate,
  startPrecision: TimePrecision.default("day"),
  endDate: IsoDate.optional(),
  endPrecision: TimePrecision.optional(),
  /** True while the incident is still going on as of the latest source (a blockade). */
  ongoing: z.boolean().default(false),
  placeId: Id.optional(),
  locationDescription: z.string().max(500).default(""),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  geoPrecision: GeoPrecision.default(1),
  actors: z.array(IncidentActor).default([]),
  fatalities: Fatalities.optional(),
  description: z.string().max(20000).default(""),
  allegedBreachProvisionIds: z.array(Id).default([]),
  allegedByPartyIds: z.array(Id).default([]),
  verificationStatus: VerificationStatus.default("reported"),
  externalIds: z.record(z.string(), z.string()).default({}),
  sources: Sources,
});

export const accessStatuses = ["open", "restricted", "closed"] as const;
export const trafficCategories = ["civilian", "humanitarian", "peacekeeping", "commercial"] as const;

export const CrossingCount = z.object({
  direction: z.enum(["inbound", "outbound"]),
  category: z.enum(trafficCategories),
  persons: z.number().int().min(0).optional(),
  vehicles: z.number().int().min(0).optional(),
  cargoTonnes: z.number().min(0).optional(),
});

export const AccessObservation = z.object({
  processId: Id,
  placeId: Id,
  observedOn: IsoDate,
  status: z.enum(accessStatuses),
  /** What "inbound" means at this place, e.g. "towards Stepanakert / Khankendi". */
  inboundMeaning: z.string().max(300).default(""),
  counts: z.array(CrossingCount).default([]),
  note: z.string().max(5000).default(""),
  reportedByPartyId: Id.optional(),
  sources: Sources,
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
  authorPartyId: Id.optional(),
  url: WebUrl.optional(),
  language: z.string().max(20).default("en"),
  /** null when the source carries no machine-readable date; never guessed. */
  publishedOn: IsoDate.nullable().default(null),
  text: z.string().max(2_000_000),
  /** SHA-256 (hex) of the text as received; set by the store when omitted. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  receivedAt: IsoDateTime.optional(),
  duplicateClusterId: z.string().max(120).optional(),
  sourceNote: z.string().max(2000).default(""),
});
