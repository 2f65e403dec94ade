import { and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../domain/actor.js";
import type { AllegedIncident, DoneAssessment, SaidClaim } from "../domain/says-and-does.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import { assessments, commitments, documents, extractionItems, incidents, parties } from "./schema.js";

/**
 * The reads behind "says and does" (issue #11, item 3). Every list is cut in the database for the
 * caller: a claim shows only when its document may be read (the public never sees a draft document's
 * claims), an assessment or incident only when it may be read itself. Claims count once a reviewer
 * accepted or corrected them; suggestions and rejected items never show here.
 */

export interface DateRange {
  from?: string;
  to?: string;
}

const confirmed = inArray(extractionItems.status, ["accepted", "corrected"]);

/** A document's date: its publication day, else the (UTC) day it was received. */
const documentDay = sql<string>`coalesce(${documents.publishedOn}, (${documents.receivedAt} at time zone 'UTC')::date)`;

function within(column: SQL | typeof assessments.asOf | typeof incidents.startDate, range: DateRange) {
  return [
    range.from ? sql`${column} >= ${range.from}::date` : undefined,
    range.to ? sql`${column} <= ${range.to}::date` : undefined,
  ];
}

/** Containment on a jsonb id array: uses the GIN index (jsonb_path_ops) on it. */
const containsId = (column: SQL | typeof extractionItems.bearsOnIds, id: string) =>
  sql`${column} @> ${JSON.stringify([id])}::jsonb`;

/** Confirmed claims whose documents `actor` may read, oldest first, at most `limit`. */
export async function confirmedClaims(
  db: Db,
  actor: Actor,
  which: { partyId: string } | { bearsOnAny: string[] },
  range: DateRange,
  limit: number,
): Promise<SaidClaim[]> {
  const selects =
    "partyId" in which
      ? eq(extractionItems.partyId, which.partyId)
      : or(...which.bearsOnAny.map((id) => containsId(extractionItems.bearsOnIds, id)));
  const rows = await db
    .select({
      id: extractionItems.id,
      date: sql<string>`(${documentDay})::text`,
      published: sql<boolean>`${documents.publishedOn} IS NOT NULL`,
      claimType: extractionItems.claimType,
      text: extractionItems.text,
      partyId: extractionItems.partyId,
      partyName: parties.shortName,
      targetPartyId: extractionItems.targetPartyId,
      bearsOnIds: extractionItems.bearsOnIds,
      documentId: documents.id,
      documentTitle: documents.title,
      spanStart: extractionItems.spanStart,
      spanEnd: extractionItems.spanEnd,
    })
    .from(extractionItems)
    .innerJoin(documents, eq(documents.id, extractionItems.documentId))
    .leftJoin(parties, eq(parties.id, extractionItems.partyId))
    .where(
      and(
        eq(extractionItems.kind, "claim"),
        confirmed,
        selects,
        isNull(documents.deletedAt),
        readableBy(actor, "documents", documents),
        ...within(documentDay, range),
      ),
    )
    .orderBy(asc(documentDay), asc(documents.id), asc(extractionItems.spanStart))
    .limit(limit);
  return rows
    .filter((row) => row.claimType !== null)
    .map(({ published, ...row }) => ({
      ...row,
      claimType: row.claimType as SaidClaim["claimType"],
      dateSource: published ? "published" : "received",
    }));
}

/**
 * Standing assessments `actor` may read: those no readable, undeleted correction supersedes (a draft
 * correction does not take the public's view of the published judgement away).
 */
export async function standingAssessments(
  db: Db,
  actor: Actor,
  which: { partyId: string } | { commitmentId: string },
  range: DateRange,
  limit: number,
): Promise<DoneAssessment[]> {
  const successor = alias(assessments, "successor");
  const successorReadable = readableBy(actor, "assessments", successor);
  const rows = await db
    .select({
      id: assessments.id,
      commitmentId: assessments.commitmentId,
      commitmentTitle: commitments.title,
      partyId: assessments.partyId,
      partyName: parties.shortName,
      asOf: assessments.asOf,
      level: assessments.level,
      reviewState: assessments.reviewState,
    })
    .from(assessments)
    .innerJoin(commitments, eq(commitments.id, assessments.commitmentId))
    .innerJoin(parties, eq(parties.id, assessments.partyId))
    .where(
      and(
        "partyId" in which
          ? eq(assessments.partyId, which.partyId)
          : eq(assessments.commitmentId, which.commitmentId),
        isNull(assessments.deletedAt),
        isNull(commitments.deletedAt),
        readableBy(actor, "assessments", assessments),
        readableBy(actor, "commitments", commitments),
        sql`NOT EXISTS (SELECT 1 FROM ${assessments} AS ${successor} WHERE ${successor.supersedesId} = ${assessments.id}
          AND ${successor.deletedAt} IS NULL${successorReadable ? sql` AND ${successorReadable}` : sql``})`,
        ...within(assessments.asOf, range),
      ),
    )
    .orderBy(asc(assessments.asOf), asc(assessments.id))
    .limit(limit);
  return rows;
}

/** The provisions of the commitments a party owes (what an alleged breach is measured against). */
export async function provisionsOwedBy(db: Db, actor: Actor, partyId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ provisionId: commitments.provisionId })
    .from(commitments)
    .where(
      and(
        containsId(sql`${commitments.obligorPartyIds}`, partyId),
        isNull(commitments.deletedAt),
        readableBy(actor, "commitments", commitments),
      ),
    );
  return rows.map((row) => row.provisionId).filter((id): id is string => id !== null);
}

const actorWith = (partyId: string, role: string) =>
  sql`${incidents.actors} @> ${JSON.stringify([{ partyId, role }])}::jsonb`;
const breachOf = (provisionId: string) =>
  sql`${incidents.allegedBreaches} @> ${JSON.stringify([{ provisionId }])}::jsonb`;

/**
 * Incidents alleged against a party (an actor with role alleged_perpetrator or perpetrator, or an
 * alleged breach of a provision it owes) or alleged to breach given provisions; oldest first. Each
 * condition is a containment the GIN indexes on `actors` and `alleged_breaches` answer.
 */
export async function allegedIncidents(
  db: Db,
  actor: Actor,
  which: { partyId?: string; provisionIds: string[] },
  range: DateRange,
  limit: number,
): Promise<AllegedIncident[]> {
  const conditions: SQL[] = which.provisionIds.map(breachOf);
  if (which.partyId)
    conditions.push(actorWith(which.partyId, "alleged_perpetrator"), actorWith(which.partyId, "perpetrator"));
  if (conditions.length === 0) return [];
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      date: incidents.startDate,
      endDate: incidents.endDate,
      actors: incidents.actors,
      allegedBreaches: incidents.allegedBreaches,
      verificationStatus: incidents.verificationStatus,
      reviewState: incidents.reviewState,
    })
    .from(incidents)
    .where(
      and(
        or(...conditions),
        isNull(incidents.deletedAt),
        readableBy(actor, "incidents", incidents),
        ...within(incidents.startDate, range),
      ),
    )
    .orderBy(asc(incidents.startDate), asc(incidents.id))
    .limit(limit);
  const provisions = new Set(which.provisionIds);
  return rows.map(({ actors, allegedBreaches, ...row }) => {
    const provisionIds = [
      ...new Set(allegedBreaches.map((b) => b.provisionId).filter((id) => provisions.has(id))),
    ];
    const roles = new Set(actors.filter((a) => a.partyId === which.partyId).map((a) => a.role));
    const grounds: AllegedIncident["grounds"] = [];
    if (roles.has("alleged_perpetrator")) grounds.push("alleged_perpetrator");
    if (roles.has("perpetrator")) grounds.push("perpetrator");
    if (provisionIds.length > 0) grounds.push("alleged_breach");
    return { ...row, endDate: row.endDate ?? null, provisionIds, grounds };
  });
}
