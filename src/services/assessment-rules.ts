import { validateNewAssessment } from "../domain/compliance.js";
import { assessmentsOfCommitments } from "../store/compliance-queries.js";
import type { Db } from "../store/database.js";
import type { FieldIssue } from "../store/errors.js";
import { type NewRecord, repositories } from "../store/repository.js";

/**
 * Checks a batch of new assessments against their commitments and the assessments already on
 * record (and those earlier in the batch): obligor, scale, as-of date, supersession. Two corrections
 * of one assessment racing each other both pass here; the unique index on supersedes_id refuses the
 * second.
 */
export async function checkAssessments(
  db: Db,
  batch: NewRecord<"assessments">[],
  today: string,
): Promise<FieldIssue[]> {
  const commitmentIds = [...new Set(batch.map((a) => a.commitmentId))];
  // Locked FOR SHARE: a concurrent change of the obligors waits for this write, then sees it.
  const commitments = new Map(
    (await repositories.commitments.getMany(db, commitmentIds, { lock: "share" })).map((c) => [c.id, c]),
  );
  const known = await assessmentsOfCommitments(db, commitmentIds);
  const issues: FieldIssue[] = [];
  batch.forEach((assessment, index) => {
    const commitment = commitments.get(assessment.commitmentId);
    if (!commitment) {
      issues.push({
        path: `${index}.commitmentId`,
        message: `no commitments record with id "${assessment.commitmentId}"`,
      });
      return;
    }
    const found = validateNewAssessment(assessment, commitment, known, today);
    issues.push(...found.map((issue) => ({ path: `${index}.${issue.field}`, message: issue.message })));
    if (found.length === 0)
      known.push({
        id: assessment.id ?? `batch-${index}`,
        commitmentId: assessment.commitmentId,
        partyId: assessment.partyId,
        asOf: assessment.asOf,
        level: assessment.level,
        supersedesId: assessment.supersedesId,
        confirmed: (assessment.reviewState ?? "published") === "published",
        createdAt: new Date().toISOString(),
      });
  });
  return issues;
}
