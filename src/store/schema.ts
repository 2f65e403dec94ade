import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { PersonRole, PlaceDirection, PlaceGeometry } from "../domain/actors.js";
import type { Deadline, EvidenceLink } from "../domain/commitments.js";
import type { LocalizedName, ReviewState, SourceRef } from "../domain/common.js";
import {
  type AllegedBreach,
  type CrossingCount,
  type IncidentActor,
  incidentDatasets,
  type TextEditSchema,
} from "../domain/events.js";
import type { ReviewMove } from "../domain/review-transitions.js";

type StatusChange = { status: string; from: string; note?: string; sources: SourceRef[] };

/** Columns every record has: who made and changed it and when; deletion is a tombstone. */
const recordColumns = () => ({
  id: text().primaryKey(),
  reviewState: text().$type<ReviewState>().notNull().default("published"),
  createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  createdBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  updatedBy: text().notNull(),
  deletedAt: timestamp({ withTimezone: true, mode: "string" }),
  deletedBy: text(),
  /** The account that created it through the API; null for seeded and imported records (issue #9). */
  createdByAccountId: text(),
  /** Set when a party representative submitted it: the record is that party's claim, not a finding. */
  claimOfPartyId: text(),
  /** The review moves, oldest first: who moved it, when, why (domain/review-workflow.ts). */
  reviewHistory: jsonb().$type<ReviewMove[]>().notNull().default([]),
});
const sources = () => jsonb().$type<SourceRef[]>().notNull().default([]);
const ids = () => jsonb().$type<string[]>().notNull().default([]);
const names = () => jsonb().$type<LocalizedName[]>().notNull();

export const processes = pgTable("processes", {
  ...recordColumns(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  description: text().notNull().default(""),
  startedOn: date({ mode: "string" }),
  isDemonstration: boolean().notNull().default(false),
  sources: sources(),
});

const processId = () =>
  text()
    .notNull()
    .references(() => processes.id);

export const parties = pgTable(
  "parties",
  {
    ...recordColumns(),
    processId: processId(),
    kind: text().notNull(),
    shortName: text().notNull(),
    names: names(),
    description: text().notNull().default(""),
    memberPartyIds: ids(),
    sources: sources(),
  },
  (t) => [index().on(t.processId)],
);

export const persons = pgTable(
  "persons",
  {
    ...recordColumns(),
    processId: processId(),
    names: names(),
    roles: jsonb().$type<z.output<typeof PersonRole>[]>().notNull().default([]),
    sources: sources(),
  },
  (t) => [index().on(t.processId)],
);

export const places = pgTable(
  "places",
  {
    ...recordColumns(),
    processId: processId(),
    kind: text().notNull(),
    names: names(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    geoPrecision: integer().notNull().default(1),
    geometry: jsonb().$type<PlaceGeometry>(),
    directions: jsonb().$type<PlaceDirection[]>().notNull().default([]),
    parentPlaceId: text(),
    description: text().notNull().default(""),
    sources: sources(),
  },
  (t) => [
    index().on(t.processId),
    check("places_not_own_parent", sql`${t.parentPlaceId} IS NULL OR ${t.parentPlaceId} <> ${t.id}`),
    check("places_position_whole", sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
  ],
);

export const formats = pgTable("negotiation_formats", {
  ...recordColumns(),
  processId: processId(),
  name: text().notNull(),
  mediatorPartyIds: ids(),
  memberPartyIds: ids(),
  principles: text().notNull().default(""),
  statusHistory: jsonb().$type<StatusChange[]>().notNull().default([]),
  sources: sources(),
});

export const meetings = pgTable(
  "meetings",
  {
    ...recordColumns(),
    processId: processId(),
    formatId: text().references(() => formats.id),
    title: text().notNull(),
    date: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }),
    placeId: text().references(() => places.id),
    level: text().notNull(),
    mediatorPartyIds: ids(),
    participantPartyIds: ids(),
    participantPersonIds: ids(),
    agendaTopics: jsonb().$type<string[]>().notNull().default([]),
    outcome: text().notNull().default(""),
    documentIds: ids(),
    sources: sources(),
  },
  (t) => [
    index().on(t.processId, t.date),
    check("meetings_end_not_before_start", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.date}`),
  ],
);

export const agreements = pgTable(
  "agreements",
  {
    ...recordColumns(),
    processId: processId(),
    title: text().notNull(),
    shortTitle: text(),
    kind: text().notNull(),
    signedOn: date({ mode: "string" }),
    effectiveAt: timestamp({ withTimezone: true, mode: "string" }),
    signatoryPartyIds: ids(),
    signatoryPersonIds: ids(),
    guarantorPartyIds: ids(),
    issuerPartyId: text().references(() => parties.id),
    meetingId: text().references(() => meetings.id),
    statusHistory: jsonb().$type<StatusChange[]>().notNull().default([]),
    summary: text().notNull().default(""),
    sources: sources(),
  },
  (t) => [index().on(t.processId, t.signedOn)],
);

export const agreementVersions = pgTable(
  "agreement_versions",
  {
    ...recordColumns(),
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    label: text().notNull(),
    publisher: text().notNull(),
    language: text().notNull(),
    publishedOn: date({ mode: "string" }),
    sourceUrl: text(),
    preamble: text().notNull().default(""),
    complete: boolean().notNull().default(true),
    completenessNote: text().notNull().default(""),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [index().on(t.agreementId)],
);

export const provisions = pgTable(
  "provisions",
  {
    ...recordColumns(),
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    path: text().notNull(),
    heading: text().notNull().default(""),
    categories: jsonb().$type<string[]>().notNull().default([]),
    pageRef: text(),
    note: text().notNull().default(""),
    sources: sources(),
  },
  (t) => [uniqueIndex().on(t.agreementId, t.path)],
);

export const provisionTexts = pgTable(
  "provision_texts",
  {
    ...recordColumns(),
    provisionId: text()
      .notNull()
      .references(() => provisions.id),
    versionId: text()
      .notNull()
      .references(() => agreementVersions.id),
    text: text().notNull(),
    incomplete: boolean().notNull().default(false),
    sources: sources(),
  },
  (t) => [uniqueIndex().on(t.provisionId, t.versionId)],
);

export const commitments = pgTable(
  "commitments",
  {
    ...recordColumns(),
    processId: processId(),
    provisionId: text().references(() => provisions.id),
    meetingId: text().references(() => meetings.id),
    title: text().notNull(),
    obligorPartyIds: ids(),
    beneficiaryPartyIds: ids(),
    action: text().notNull(),
    object: text().notNull().default(""),
    deadline: jsonb().$type<Deadline>().notNull().default({ kind: "none" }),
    duration: text().notNull().default(""),
    renewal: text().notNull().default(""),
    conditions: text().notNull().default(""),
    dependsOnCommitmentIds: ids(),
    categories: jsonb().$type<string[]>().notNull().default([]),
    placeIds: ids(),
    sources: sources(),
  },
  (t) => [
    index().on(t.processId),
    index().on(t.provisionId),
    // The commitments that govern a place (its corridor page): containment on the id array.
    index("commitments_place_ids").using("gin", t.placeIds.op("jsonb_path_ops")),
  ],
);

export const assessments = pgTable(
  "assessments",
  {
    ...recordColumns(),
    commitmentId: text()
      .notNull()
      .references(() => commitments.id),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    asOf: date({ mode: "string" }).notNull(),
    level: integer(),
    rationale: text().notNull(),
    evidence: jsonb().$type<z.output<typeof EvidenceLink>[]>().notNull().default([]),
    assessor: text().notNull(),
    supersedesId: text(),
    sources: sources(),
  },
  (t) => [
    index().on(t.commitmentId, t.partyId, t.asOf),
    // One correction per assessment: two writers correcting it at once cannot fork the chain.
    uniqueIndex("assessments_one_correction_each")
      .on(t.supersedesId)
      .where(sql`${t.supersedesId} IS NOT NULL`),
    check("assessments_level_on_scale", sql`${t.level} IS NULL OR ${t.level} BETWEEN 0 AND 3`),
    check("assessments_not_self_correcting", sql`${t.supersedesId} IS NULL OR ${t.supersedesId} <> ${t.id}`),
  ],
);

export const interpretations = pgTable(
  "interpretations",
  {
    ...recordColumns(),
    processId: processId(),
    commitmentId: text().references(() => commitments.id),
    provisionId: text().references(() => provisions.id),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    term: text().notNull().default(""),
    reading: text().notNull(),
    statedOn: date({ mode: "string" }),
    sources: sources(),
  },
  (t) => [index().on(t.commitmentId), index().on(t.provisionId)],
);

export const incidents = pgTable(
  "incidents",
  {
    ...recordColumns(),
    processId: processId(),
    title: text().notNull(),
    monitoringType: text().notNull(),
    disorderType: text(),
    acledEventType: text(),
    acledSubEventType: text(),
    interactionCode: integer(),
    civilianTargeting: boolean().notNull().default(false),
    startDate: date({ mode: "string" }).notNull(),
    startPrecision: text().notNull().default("day"),
    endDate: date({ mode: "string" }),
    endPrecision: text(),
    ongoing: boolean().notNull().default(false),
    placeId: text().references(() => places.id),
    country: text(),
    isoCode: integer(),
    region: text(),
    admin1: text(),
    admin2: text(),
    admin3: text(),
    locationName: text(),
    locationDescription: text().notNull().default(""),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    geoPrecision: integer().notNull().default(1),
    ucdpWherePrecision: integer(),
    actors: jsonb().$type<z.output<typeof IncidentActor>[]>().notNull().default([]),
    fatalities: jsonb().$type<{ best: number; low: number; high: number }>(),
    description: text().notNull().default(""),
    sourceNames: text(),
    sourceScale: text(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    sourceUpdatedAt: timestamp({ withTimezone: true, mode: "string" }),
    allegedBreaches: jsonb().$type<z.output<typeof AllegedBreach>[]>().notNull().default([]),
    allegedByPartyIds: ids(),
    verificationStatus: text().notNull().default("reported"),
    externalIds: jsonb().$type<Record<string, string>>().notNull().default({}),
    licence: text().notNull().default("own"),
    sources: sources(),
    /**
     * A digest of the row as last imported from a dataset file (null for incidents never imported):
     * a re-import compares digests to tell unchanged rows from changed ones without reading them.
     */
    importHash: text(),
  },
  (t) => [
    // The incident list (src/store/incident-queries.ts) pages by (start_date, id) descending: each
    // filter that can stand alone gets a btree led by its column, then start_date and id, so a page,
    // however deep, is one index range. Columns most rows leave empty are indexed where present.
    index("incidents_list_process").on(t.processId, t.startDate, t.id),
    index("incidents_list_date").on(t.startDate, t.id),
    index("incidents_list_type").on(t.monitoringType, t.startDate, t.id),
    index("incidents_list_status").on(t.verificationStatus, t.startDate, t.id),
    index("incidents_list_event_type")
      .on(t.acledEventType, t.startDate, t.id)
      .where(sql`${t.acledEventType} IS NOT NULL`),
    index("incidents_list_sub_event_type")
      .on(t.acledSubEventType, t.startDate, t.id)
      .where(sql`${t.acledSubEventType} IS NOT NULL`),
    index("incidents_list_country").on(t.country, t.startDate, t.id).where(sql`${t.country} IS NOT NULL`),
    index("incidents_list_admin1").on(t.admin1, t.startDate, t.id).where(sql`${t.admin1} IS NOT NULL`),
    // Containment (@>) on the id arrays: actor by party or name, alleging party in either place.
    index("incidents_actors").using("gin", t.actors.op("jsonb_path_ops")),
    index("incidents_alleged_by").using("gin", t.allegedByPartyIds.op("jsonb_path_ops")),
    index("incidents_alleged_breaches").using("gin", t.allegedBreaches.op("jsonb_path_ops")),
    // Text search: the stored `search_vector` column and its GIN index `incidents_search` are written in
    // migration 0019 by hand, outside drizzle, so records and their events never carry the vector.
    // Bounding boxes: longitude first, as in GeoJSON.
    index("incidents_position").using("gist", sql`point(${t.longitude}, ${t.latitude})`),
    index().on(t.placeId),
    check("incidents_end_not_before_start", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
    check("incidents_ongoing_has_no_end", sql`NOT ${t.ongoing} OR ${t.endDate} IS NULL`),
    check("incidents_position_whole", sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
    // A dataset's id names one incident per process: re-importing a file updates, never duplicates.
    ...incidentDatasets.map((dataset) =>
      uniqueIndex(`incidents_${dataset}_id`)
        .on(t.processId, sql`(${t.externalIds}->>'${sql.raw(dataset)}')`)
        .where(sql`(${t.externalIds}->>'${sql.raw(dataset)}') IS NOT NULL`),
    ),
  ],
);

export const accessObservations = pgTable(
  "access_observations",
  {
    ...recordColumns(),
    processId: processId(),
    placeId: text()
      .notNull()
      .references(() => places.id),
    observedOn: date({ mode: "string" }).notNull(),
    status: text().notNull(),
    counts: jsonb().$type<z.output<typeof CrossingCount>[]>().notNull().default([]),
    note: text().notNull().default(""),
    reportedByPartyId: text().references(() => parties.id),
    sources: sources(),
  },
  (t) => [index().on(t.placeId, t.observedOn)],
);

/** A stored full-text vector (PostgreSQL tsvector); the column is generated, never written. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });

/**
 * Full-text configuration by language: stemming where PostgreSQL has it (English, Russian), the
 * simple configuration (lower-cased words, no stemming) for Armenian, Azerbaijani and the rest.
 */
const documentVector = (language: AnyColumn, title: AnyColumn, body: AnyColumn) =>
  sql`CASE ${language} WHEN 'en' THEN setweight(to_tsvector('english'::regconfig, ${title}), 'A') || setweight(to_tsvector('english'::regconfig, ${body}), 'B') WHEN 'ru' THEN setweight(to_tsvector('russian'::regconfig, ${title}), 'A') || setweight(to_tsvector('russian'::regconfig, ${body}), 'B') ELSE setweight(to_tsvector('simple'::regconfig, ${title}), 'A') || setweight(to_tsvector('simple'::regconfig, ${body}), 'B') END`;

export const documents = pgTable(
  "documents",
  {
    ...recordColumns(),
    processId: processId(),
    kind: text().notNull(),
    title: text().notNull(),
    publisher: text().notNull().default(""),
    author: text().notNull().default(""),
    authorPartyId: text().references(() => parties.id),
    url: text(),
    language: text().notNull().default("und"),
    languageSource: text().notNull().default("detected"),
    publishedOn: date({ mode: "string" }),
    publishedDateSource: text(),
    text: text().notNull(),
    sha256: text().notNull(),
    receivedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    receivedVia: text().notNull().default("paste"),
    contentType: text(),
    fileName: text(),
    encoding: text(),
    cleanedText: text().notNull().default(""),
    cleaningEdits: jsonb().$type<z.output<typeof TextEditSchema>[]>().notNull().default([]),
    duplicateClusterId: text(),
    isClusterOriginal: boolean().notNull().default(false),
    sourceNote: text().notNull().default(""),
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL => documentVector(documents.language, documents.title, documents.cleanedText),
      ),
  },
  (t) => [
    index().on(t.processId, t.publishedOn),
    // The same bytes are stored once per process: a second intake is a sighting of the first.
    uniqueIndex("documents_process_sha256").on(t.processId, t.sha256).where(sql`${t.deletedAt} IS NULL`),
    index().on(t.duplicateClusterId),
    index("documents_search").using("gin", t.searchVector),
    index("documents_title_trgm").using("gin", sql`${t.title} gin_trgm_ops`),
  ],
);

export const tables = {
  processes,
  parties,
  persons,
  places,
  formats,
  meetings,
  agreements,
  agreementVersions,
  provisions,
  provisionTexts,
  commitments,
  assessments,
  interpretations,
  incidents,
  accessObservations,
  documents,
} as const;

// Accounts, sessions, API tokens, invitations.
export * from "./schema-accounts.js";
export * from "./schema-documents.js";
// What extraction suggests, and the reviewers decide, in documents.
export * from "./schema-extraction.js";
// Notifications to parties and their webhooks (an outbox of deliveries).
export * from "./schema-notifications.js";
// Tables that are not records: the change history, settings, import runs.
export * from "./schema-operations.js";
// Parties' replies to the records that concern them.
export * from "./schema-replies.js";
