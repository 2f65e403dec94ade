import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { anonymous } from "../domain/actor.js";
import type { ScoringAssessment, ScoringCommitment } from "../domain/compliance.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import { assessments, commitments, provisions } from "./schema.js";

export type CommitmentForScoring = ScoringCommitment;
export type AssessmentForScoring = ScoringAssessment;

/**
 * The public commitments of a process (published or disputed) with the agreement each comes from. The
 * compliance index is a public figure, the same for every reader: a draft commitment is neither scored
 * nor counted as overdue until it is published.
 */
export async function commitmentsForScoring(db: Db, processId: string): Promise<CommitmentForScoring[]> {
  const rows = await db
    .select({
      id: commitments.id,
      processId: commitments.processId,
      agreementId: provisions.agreementId,
      obligorPartyIds: commitments.obligorPartyIds,
      categories: commitments.categories,
      deadline: commitments.deadline,
    })
    .from(commitments)
    .leftJoin(provisions, eq(provisions.id, commitments.provisionId))
    .where(
      and(
        eq(commitments.processId, processId),
        isNull(commitments.deletedAt),
        readableBy(anonymous, "commitments", commitments),
      ),
    );
  return rows.map((row) => ({ ...row, agreementId: row.agreementId ?? undefined }));
}

const assessmentColumns = {
  id: assessments.id,
  commitmentId: assessments.commitmentId,
  partyId: assessments.partyId,
  asOf: assessments.asOf,
  level: assessments.level,
  supersedesId: assessments.supersedesId,
  reviewState: assessments.reviewState,
  // Milliseconds, as the export and the API write createdAt, so a reproduction from the export orders ties alike.
  createdAt: sql<string>`to_char(${assessments.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

type AssessmentRow = {
  id: string;
  commitmentId: string;
  partyId: string;
  asOf: string;
  level: number | null;
  supersedesId: string | null;
  reviewState: string;
  createdAt: string;
};

function toScoring(row: AssessmentRow): AssessmentForScoring {
  return {
    id: row.id,
    commitmentId: row.commitmentId,
    partyId: row.partyId,
    asOf: row.asOf,
    level: row.level as AssessmentForScoring["level"],
    supersedesId: row.supersedesId ?? undefined,
    // Only a published assessment counts: drafts, those under review, retracted and disputed ones never
    // do (a disputed judgement stays public, marked, but the index does not rest on it).
    confirmed: row.reviewState === "published",
    createdAt: row.createdAt,
  };
}

/** Every assessment of a process's commitments, whatever its review state (the scoring filters). */
export async function assessmentsForScoring(db: Db, processId: string): Promise<AssessmentForScoring[]> {
  const rows = (await db
    .select(assessmentColumns)
    .from(assessments)
    .innerJoin(commitments, eq(commitments.id, assessments.commitmentId))
    .where(and(eq(commitments.processId, processId), isNull(assessments.deletedAt)))) as AssessmentRow[];
  return rows.map(toScoring);
}

export async function assessmentsOfCommitments(
  db: Db,
  commitmentIds: string[],
): Promise<AssessmentForScoring[]> {
  if (commitmentIds.length === 0) return [];
  const rows = (await db
    .select(assessmentColumns)
    .from(assessments)
    .where(
      and(inArray(assessments.commitmentId, commitmentIds), isNull(assessments.deletedAt)),
    )) as AssessmentRow[];
  return rows.map(toScoring);
}

/** The kinds of record the scoring reads: a change to any other kind leaves the index as it is. */
const scoringEntities = ["assessments", "commitments", "provisions"];

/**
 * The snapshot the caller's transaction reads in (pg_snapshot text, "xmin:xmax:running,…"). Taken
 * in the REPEATABLE READ transaction that reads the scoring data, it names exactly which
 * transactions that data reflects.
 */
export async function currentSnapshot(tx: Db): Promise<string> {
  const result = (await tx.execute(sql`SELECT pg_current_snapshot()::text AS snapshot`)) as unknown as {
    rows: { snapshot: string }[];
  };
  return result.rows[0]?.snapshot as string;
}

/**
 * Whether a change to what scoring reads has committed that `snapshot` did not see: an event of
 * those kinds whose transaction had not ended when the snapshot was taken. Events are written in
 * their change's transaction, so this is exactly "the data read in that snapshot is out of date".
 * A highest event number cannot say this: a transaction that took a lower number can commit after
 * the mark was read, and the mark would not move. One indexed query, (entity, xid), over the events
 * newer than the snapshot's horizon only.
 */
export async function scoringChangedSince(db: Db, snapshot: string): Promise<boolean> {
  const result = (await db.execute(sql`
    SELECT EXISTS (
      SELECT 1 FROM record_events
      WHERE entity IN (${sql.join(
        scoringEntities.map((entity) => sql`${entity}`),
        sql`, `,
      )})
        AND xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
        AND NOT pg_visible_in_snapshot(xid, ${snapshot}::pg_snapshot)
    ) AS changed`)) as unknown as { rows: { changed: boolean }[] };
  return result.rows[0]?.changed === true;
}
