import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { type EntityName, excerptLength, summaryOmits } from "../domain/entities.js";
import * as t from "./schema.js";

export interface EntityStoreConfig {
  table: PgTable & { id: AnyPgColumn; deletedAt: AnyPgColumn };
  /** Keyset order for lists: one non-null column, then id. */
  sort: { column: AnyPgColumn; descending: boolean };
  /** Query parameters that filter by equality on a column. */
  filters: Record<string, AnyPgColumn>;
  /** The date column that `from` / `to` bound, where the entity has one. */
  dateRange?: AnyPgColumn;
  /** What a list's summary computes in place of the long fields it leaves out (domain `summaryOmits`). */
  summaryExtras?: Record<string, SQL>;
}

const byId = (table: { id: AnyPgColumn }) => ({ column: table.id, descending: false });

export const entityStore: Record<EntityName, EntityStoreConfig> = {
  processes: { table: t.processes, sort: byId(t.processes), filters: { slug: t.processes.slug } },
  parties: {
    table: t.parties,
    sort: byId(t.parties),
    filters: { processId: t.parties.processId, kind: t.parties.kind },
  },
  persons: { table: t.persons, sort: byId(t.persons), filters: { processId: t.persons.processId } },
  places: {
    table: t.places,
    sort: byId(t.places),
    filters: { processId: t.places.processId, kind: t.places.kind, parentPlaceId: t.places.parentPlaceId },
  },
  formats: { table: t.formats, sort: byId(t.formats), filters: { processId: t.formats.processId } },
  meetings: {
    table: t.meetings,
    sort: { column: t.meetings.date, descending: true },
    filters: { processId: t.meetings.processId, formatId: t.meetings.formatId, level: t.meetings.level },
    dateRange: t.meetings.date,
  },
  agreements: {
    table: t.agreements,
    sort: byId(t.agreements),
    filters: { processId: t.agreements.processId, kind: t.agreements.kind },
  },
  agreementVersions: {
    table: t.agreementVersions,
    sort: byId(t.agreementVersions),
    filters: { agreementId: t.agreementVersions.agreementId, language: t.agreementVersions.language },
  },
  provisions: {
    table: t.provisions,
    sort: byId(t.provisions),
    filters: { agreementId: t.provisions.agreementId },
  },
  provisionTexts: {
    table: t.provisionTexts,
    sort: byId(t.provisionTexts),
    filters: { provisionId: t.provisionTexts.provisionId, versionId: t.provisionTexts.versionId },
  },
  commitments: {
    table: t.commitments,
    sort: byId(t.commitments),
    filters: {
      processId: t.commitments.processId,
      provisionId: t.commitments.provisionId,
      meetingId: t.commitments.meetingId,
    },
  },
  assessments: {
    table: t.assessments,
    sort: { column: t.assessments.asOf, descending: true },
    filters: { commitmentId: t.assessments.commitmentId, partyId: t.assessments.partyId },
    dateRange: t.assessments.asOf,
  },
  interpretations: {
    table: t.interpretations,
    sort: byId(t.interpretations),
    filters: {
      processId: t.interpretations.processId,
      commitmentId: t.interpretations.commitmentId,
      provisionId: t.interpretations.provisionId,
      partyId: t.interpretations.partyId,
    },
  },
  incidents: {
    table: t.incidents,
    sort: { column: t.incidents.startDate, descending: true },
    filters: {
      processId: t.incidents.processId,
      monitoringType: t.incidents.monitoringType,
      placeId: t.incidents.placeId,
      verificationStatus: t.incidents.verificationStatus,
    },
    dateRange: t.incidents.startDate,
  },
  accessObservations: {
    table: t.accessObservations,
    sort: { column: t.accessObservations.observedOn, descending: true },
    filters: {
      processId: t.accessObservations.processId,
      placeId: t.accessObservations.placeId,
      status: t.accessObservations.status,
    },
    dateRange: t.accessObservations.observedOn,
  },
  documents: {
    table: t.documents,
    sort: { column: t.documents.receivedAt, descending: true },
    filters: {
      processId: t.documents.processId,
      kind: t.documents.kind,
      sha256: t.documents.sha256,
      language: t.documents.language,
      publisher: t.documents.publisher,
      receivedVia: t.documents.receivedVia,
      authorPartyId: t.documents.authorPartyId,
      duplicateClusterId: t.documents.duplicateClusterId,
    },
    summaryExtras: {
      excerpt: sql<string>`left(${t.documents.cleanedText}, ${sql.raw(String(excerptLength))})`,
      textLength: sql<number>`char_length(${t.documents.text})::int`,
    },
  },
};

/**
 * Array fields holding ids of other records, which the database cannot check with a foreign key;
 * the store checks them before writing. Scalar references are foreign keys.
 */
export const arrayReferences: Partial<Record<string, EntityName>> = {
  memberPartyIds: "parties",
  mediatorPartyIds: "parties",
  participantPartyIds: "parties",
  participantPersonIds: "persons",
  documentIds: "documents",
  signatoryPartyIds: "parties",
  signatoryPersonIds: "persons",
  guarantorPartyIds: "parties",
  obligorPartyIds: "parties",
  beneficiaryPartyIds: "parties",
  dependsOnCommitmentIds: "commitments",
  placeIds: "places",
  allegedBreachProvisionIds: "provisions",
  allegedByPartyIds: "parties",
};

/** Arrays of objects whose fields hold ids: array field → inner field → referenced kind. */
export const nestedReferences: Partial<Record<string, Partial<Record<string, EntityName>>>> = {
  allegedBreaches: { provisionId: "provisions", allegedByPartyId: "parties" },
};

/** Scalar id fields, checked before writing so the caller learns which field is wrong. */
export const scalarReferences: Partial<Record<string, EntityName>> = {
  processId: "processes",
  partyId: "parties",
  placeId: "places",
  parentPlaceId: "places",
  formatId: "formats",
  meetingId: "meetings",
  agreementId: "agreements",
  versionId: "agreementVersions",
  provisionId: "provisions",
  commitmentId: "commitments",
  supersedesId: "assessments",
  issuerPartyId: "parties",
  authorPartyId: "parties",
  reportedByPartyId: "parties",
};

/** The fields a list summary leaves out, per kind. */
export const omittedInSummary = (name: EntityName): readonly string[] => summaryOmits[name] ?? [];
