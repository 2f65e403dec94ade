import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { ScoringAssessment, ScoringCommitment } from "../domain/compliance.js";
import type { Db } from "./database.js";
import { assessments, commitments, provisions, recordEvents } from "./schema.js";

export type CommitmentForScoring = ScoringCommitment;
export type AssessmentForScoring = ScoringAssessment;

/** The commitments of a process with the agreement each comes from (through its provision). */
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
    .where(and(eq(commitments.processId, processId), isNull(commitments.deletedAt)));
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

/** The newest change to anything scoring depends on: a cache built at this number is still good. */
export async function scoringChangeMark(db: Db): Promise<number> {
  const rows = await db
    .select({ seq: max(recordEvents.seq) })
    .from(recordEvents)
    .where(inArray(recordEvents.entity, ["assessments", "commitments", "provisions"]));
  return Number(rows[0]?.seq ?? 0);
}
