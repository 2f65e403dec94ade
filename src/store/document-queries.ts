import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import {
  accessObservations,
  assessments,
  commitments,
  documentIntakes,
  documentOriginals,
  documentSimilarities,
  documents,
  evidenceLinks,
  incidents,
  meetings,
  persons,
} from "./schema.js";

/** What the store knows about a document beside its record: its bytes, sightings, cluster, citations. */

export async function originalOf(db: Db, documentId: string) {
  const [row] = await db.select().from(documentOriginals).where(eq(documentOriginals.documentId, documentId));
  return row;
}

export async function originalSizeOf(db: Db, documentId: string) {
  const [row] = await db
    .select({ byteLength: documentOriginals.byteLength })
    .from(documentOriginals)
    .where(eq(documentOriginals.documentId, documentId));
  return row?.byteLength;
}

export function sightingsOf(db: Db, documentId: string) {
  return db
    .select({
      at: documentIntakes.at,
      via: documentIntakes.via,
      location: documentIntakes.location,
      actor: documentIntakes.actor,
      outcome: documentIntakes.outcome,
      feedId: documentIntakes.feedId,
    })
    .from(documentIntakes)
    .where(eq(documentIntakes.documentId, documentId))
    .orderBy(asc(documentIntakes.at))
    .limit(500);
}

const readableDocuments = (actor: Actor): SQL | undefined =>
  readableBy(actor, "documents", {
    reviewState: documents.reviewState,
    claimOfPartyId: documents.claimOfPartyId,
  });

/** The other members of a cluster the actor may read, with their similarity to `documentId` where measured. */
export async function clusterMembers(db: Db, actor: Actor, clusterId: string, documentId: string) {
  const members = await db
    .select({
      id: documents.id,
      title: documents.title,
      publisher: documents.publisher,
      publishedOn: documents.publishedOn,
      receivedAt: documents.receivedAt,
      isClusterOriginal: documents.isClusterOriginal,
    })
    .from(documents)
    .where(
      and(eq(documents.duplicateClusterId, clusterId), isNull(documents.deletedAt), readableDocuments(actor)),
    )
    .orderBy(asc(documents.publishedOn), asc(documents.receivedAt))
    .limit(200);
  const similarities = await db
    .select()
    .from(documentSimilarities)
    .where(
      and(
        eq(documentSimilarities.documentId, documentId),
        ne(documentSimilarities.otherDocumentId, documentId),
      ),
    );
  const byOther = new Map(similarities.map((row) => [row.otherDocumentId, row]));
  return members.map((member) => ({
    ...member,
    score: byOther.get(member.id)?.score ?? null,
    containment: byOther.get(member.id)?.containment ?? null,
  }));
}

const linkColumns = {
  id: evidenceLinks.id,
  documentId: evidenceLinks.documentId,
  documentTitle: documents.title,
  documentPublisher: documents.publisher,
  documentPublishedOn: documents.publishedOn,
  cleaningEdits: documents.cleaningEdits,
  recordKind: evidenceLinks.recordKind,
  recordId: evidenceLinks.recordId,
  passageStart: evidenceLinks.passageStart,
  passageEnd: evidenceLinks.passageEnd,
  quote: evidenceLinks.quote,
  note: evidenceLinks.note,
  createdAt: evidenceLinks.createdAt,
  createdBy: evidenceLinks.createdBy,
};

/** Evidence links over documents the actor may read, by the documents they cite or the records they support. */
export function evidenceLinksWhere(db: Db, actor: Actor, condition: SQL | undefined) {
  return db
    .select(linkColumns)
    .from(evidenceLinks)
    .innerJoin(documents, eq(documents.id, evidenceLinks.documentId))
    .where(
      and(condition, isNull(evidenceLinks.deletedAt), isNull(documents.deletedAt), readableDocuments(actor)),
    )
    .orderBy(desc(evidenceLinks.createdAt))
    .limit(500);
}

export const linksOfDocument = (db: Db, actor: Actor, documentId: string) =>
  evidenceLinksWhere(db, actor, eq(evidenceLinks.documentId, documentId));

export const linksOfRecords = (db: Db, actor: Actor, recordKind: string, recordIds: string[]) =>
  evidenceLinksWhere(
    db,
    actor,
    and(eq(evidenceLinks.recordKind, recordKind), inArray(evidenceLinks.recordId, recordIds)),
  );

export async function intakesList(
  db: Db,
  filters: {
    processId?: string;
    outcome?: "created" | "sighting" | "failed";
    feedId?: string;
    limit: number;
  },
) {
  return db
    .select()
    .from(documentIntakes)
    .where(
      and(
        filters.processId ? eq(documentIntakes.processId, filters.processId) : undefined,
        filters.outcome ? eq(documentIntakes.outcome, filters.outcome) : undefined,
        filters.feedId ? eq(documentIntakes.feedId, filters.feedId) : undefined,
      ),
    )
    .orderBy(desc(documentIntakes.at))
    .limit(filters.limit);
}

/** A readable label for each cited record: its title, or what names it (party and date, place and date). */
const recordLabels = {
  incidents: { table: incidents, label: sql<string>`${incidents.title}` },
  commitments: { table: commitments, label: sql<string>`${commitments.title}` },
  meetings: { table: meetings, label: sql<string>`${meetings.title}` },
  assessments: {
    table: assessments,
    label: sql<string>`${assessments.partyId} || ', ' || ${assessments.asOf}`,
  },
  persons: { table: persons, label: sql<string>`${persons.names}->0->>'text'` },
  accessObservations: {
    table: accessObservations,
    label: sql<string>`${accessObservations.placeId} || ', ' || ${accessObservations.observedOn}`,
  },
} as const;

export async function recordLabelsOf(db: Db, kind: keyof typeof recordLabels, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const { table, label } = recordLabels[kind];
  const rows = await db
    .select({ id: table.id, label })
    .from(table)
    .where(inArray(table.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.label]));
}
