import { dayNumber } from "./compliance-dates.js";
import type { ScoringAssessment } from "./compliance-schema.js";

/** One broken rule: the field it concerns and a sentence saying what is wrong and why. */
export interface RuleIssue {
  field: string;
  message: string;
}

/** What the rules read of an assessment about to be written. */
export interface NewAssessmentInput {
  /** Known when the caller chose it (seeding, imports); absent when the store will assign one. */
  id?: string | undefined;
  commitmentId: string;
  partyId: string;
  asOf: string;
  level: number | null;
  supersedesId?: string | undefined;
}

export type ExistingAssessment = Pick<
  ScoringAssessment,
  "id" | "commitmentId" | "partyId" | "supersedesId" | "asOf"
>;

const scale = "0 not initiated, 1 minimal, 2 intermediate, 3 full, or null for not applicable";
const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(" → ");

/**
 * The rules a new assessment must keep beyond its shape, checked before it is written: the party is an
 * obligor of the commitment, the level is on the scale, the as-of date is a date and not after `today`,
 * and a correction (supersedesId) names an existing assessment of the same commitment and party, dated
 * on or before it, that nothing supersedes yet, without closing a cycle. Returns every issue found; empty when it may be written.
 * `existing`: the assessments already on record for the commitment, in any review state.
 */
export function validateNewAssessment(
  assessment: NewAssessmentInput,
  commitment: { id: string; obligorPartyIds: readonly string[] },
  existing: readonly ExistingAssessment[],
  today: string,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (assessment.commitmentId !== commitment.id)
    issues.push({
      field: "commitmentId",
      message: `the assessment names commitment "${assessment.commitmentId}" but is checked against "${commitment.id}"`,
    });
  if (!commitment.obligorPartyIds.includes(assessment.partyId))
    issues.push({
      field: "partyId",
      message: `"${assessment.partyId}" is not an obligor of commitment "${commitment.id}" (obligors: ${commitment.obligorPartyIds.join(", ")}); only an obligor's implementation is assessed`,
    });
  const { level } = assessment;
  if (level !== null && !(level === 0 || level === 1 || level === 2 || level === 3))
    issues.push({ field: "level", message: `level ${level} is outside the scale: ${scale}` });
  if (Number.isNaN(dayNumber(assessment.asOf)))
    issues.push({ field: "asOf", message: `"${assessment.asOf}" is not a calendar date (YYYY-MM-DD)` });
  else if (assessment.asOf > today)
    issues.push({
      field: "asOf",
      message: `the as-of date ${assessment.asOf} is after today (${today}): an assessment judges what has happened`,
    });
  if (assessment.supersedesId !== undefined) {
    const issue = supersessionIssue(assessment, assessment.supersedesId, existing);
    if (issue) issues.push({ field: "supersedesId", message: issue });
  }
  return issues;
}

function supersessionIssue(
  assessment: NewAssessmentInput,
  targetId: string,
  existing: readonly ExistingAssessment[],
): string | undefined {
  if (assessment.id !== undefined && targetId === assessment.id)
    return "an assessment cannot supersede itself";
  const byId = new Map(existing.map((a) => [a.id, a]));
  const target = byId.get(targetId);
  if (!target)
    return `there is no assessment "${targetId}" of commitment "${assessment.commitmentId}" to supersede`;
  if (target.commitmentId !== assessment.commitmentId || target.partyId !== assessment.partyId)
    return `assessment "${targetId}" judges another commitment or party (commitment "${target.commitmentId}", party "${target.partyId}"); a correction must judge the same commitment ("${assessment.commitmentId}") and party ("${assessment.partyId}")`;
  // A correction takes effect from its own date; dated earlier, it would rewrite a past the corrected
  // assessment never spoke of.
  if (assessment.asOf < target.asOf)
    return `a correction is dated on or after what it corrects: "${targetId}" is as of ${target.asOf}, this one as of ${assessment.asOf}`;
  // Down the chain (what the target corrects, and so on): reaching the new assessment, or any assessment
  // twice, means the corrections would go round in a circle.
  const chain = [assessment.id ?? "(new)", targetId];
  for (let step: ExistingAssessment | undefined = target; step?.supersedesId !== undefined; ) {
    const nextId: string = step.supersedesId;
    const closes = nextId === assessment.id || chain.includes(nextId);
    chain.push(nextId);
    if (closes) return `superseding "${targetId}" would make a cycle of corrections: ${quoted(chain)}`;
    step = byId.get(nextId);
  }
  const supersededBy = new Map<string, string>();
  for (const a of existing)
    if (a.supersedesId !== undefined && a.id !== assessment.id && !supersededBy.has(a.supersedesId))
      supersededBy.set(a.supersedesId, a.id);
  const by = supersededBy.get(targetId);
  if (by === undefined) return undefined;
  // Up the chain to the latest correction, which is the one to supersede.
  let latest = by;
  const seen = new Set([targetId]);
  while (supersededBy.has(latest) && !seen.has(latest)) {
    seen.add(latest);
    latest = supersededBy.get(latest) as string;
  }
  return `assessment "${targetId}" is already superseded by "${by}": a correction supersedes the latest one in its chain, here "${latest}"`;
}
