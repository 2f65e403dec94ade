import { z } from "zod";
import { Party, Person, Place, Process } from "./actors.js";
import { Agreement, AgreementVersion, Provision, ProvisionText } from "./agreements.js";
import { Assessment, Commitment, Interpretation } from "./commitments.js";
import { Id, ReviewState } from "./common.js";
import { AccessObservation, Document, Incident } from "./events.js";
import { Meeting, NegotiationFormat } from "./negotiation.js";
import { ReviewMove } from "./review-transitions.js";

/**
 * Every kind of record the platform keeps, by the name used in the API path and in data files.
 * The store, the API, the seed loader and the exports all walk this one list.
 */
export const entitySchemas = {
  processes: Process,
  parties: Party,
  persons: Person,
  places: Place,
  formats: NegotiationFormat,
  meetings: Meeting,
  agreements: Agreement,
  agreementVersions: AgreementVersion,
  provisions: Provision,
  provisionTexts: ProvisionText,
  commitments: Commitment,
  assessments: Assessment,
  interpretations: Interpretation,
  incidents: Incident,
  accessObservations: AccessObservation,
  documents: Document,
} as const;

export type EntityName = keyof typeof entitySchemas;
export const entityNames = Object.keys(entitySchemas) as EntityName[];
export type EntityInput<E extends EntityName> = z.input<(typeof entitySchemas)[E]>;
export type EntityData<E extends EntityName> = z.output<(typeof entitySchemas)[E]>;

/** Order in which records can be loaded so that every reference points backwards. */
export const loadOrder: readonly EntityName[] = [
  "processes",
  "parties",
  "persons",
  "places",
  "documents",
  "formats",
  "meetings",
  "agreements",
  "agreementVersions",
  "provisions",
  "provisionTexts",
  "commitments",
  "assessments",
  "interpretations",
  "incidents",
  "accessObservations",
];

/** Records appended, never edited: a correction is a new record that supersedes. */
export const appendOnlyEntities: ReadonlySet<EntityName> = new Set(["assessments"]);

/** What a caller may send when creating: the data, with an optional id and review state. */
export function createSchema<E extends EntityName>(name: E) {
  return (entitySchemas[name] as z.ZodObject).extend({
    id: Id.optional(),
    reviewState: ReviewState.optional(),
  });
}

/**
 * What a caller may send when updating: any subset of fields. zod's own partial() would still
 * fill defaults in and so overwrite fields the caller never sent; the defaults are unwrapped first.
 * An optional field sent as null is cleared (an incident's end date that turned out wrong).
 */
export function patchSchema<E extends EntityName>(name: E) {
  const shape = (entitySchemas[name] as z.ZodObject).shape;
  const patchField = (field: z.ZodType): z.ZodType => {
    if (field instanceof z.ZodDefault) return (field.unwrap() as z.ZodType).optional();
    if (field instanceof z.ZodOptional) return (field.unwrap() as z.ZodType).nullable().optional();
    return field.optional();
  };
  const optionalShape = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, patchField(field as z.ZodType)]),
  );
  return z.object(optionalShape).extend({ reviewState: ReviewState.optional() });
}

/**
 * Lists return summaries: fields that can be long (a document's full text, up to 2 MB) are left out
 * and replaced by a short excerpt, so a page of 500 items stays small. The detail route has it all.
 */
export const summaryOmits: { [E in EntityName]?: readonly (keyof EntityData<E> & string)[] } = {
  documents: ["text", "cleanedText", "cleaningEdits"],
};
export const summaryExtras: { [E in EntityName]?: z.ZodRawShape } = {
  documents: {
    excerpt: z.string().describe("the first 300 characters of the cleaned text"),
    textLength: z.number().int().describe("length of the full text, in characters"),
  },
};
export const excerptLength = 300;

export type DocumentSummaryExtras = { excerpt: string; textLength: number };
export type EntitySummary<E extends EntityName> = E extends "documents"
  ? Omit<EntityData<E>, "text" | "cleanedText" | "cleaningEdits"> & DocumentSummaryExtras
  : EntityData<E>;

export const RecordEnvelope = z.object({
  id: Id,
  reviewState: ReviewState,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** The account that created it through the API; absent for seeded and imported records. */
  createdByAccountId: Id.optional(),
  /** Present when a party representative submitted it: the record is that party's claim, not a finding. */
  claimOfPartyId: Id.optional(),
  /** Every review move, oldest first: who, when, why. */
  reviewHistory: z.array(ReviewMove).default([]),
});
