import type { Level, ScoringAssessment } from "./compliance.js";

export interface RuleIssue {
  field: string;
  message: string;
}

interface NewAssessment {
  id?: string;
  commitmentId: string;
  partyId: string;
  asOf: string;
  level: number | null;
  supersedesId?: string;
}

const levels: readonly Level[] = [0, 1, 2, 3, null];

/**
 * The rules a new assessment must keep, beyond its shape: the party owes the commitment, the level is
 * on the scale, the date is not in the future, and a supersession names an assessment of the same
 * commitment and party that nothing supersedes yet, without closing a cycle.
 */
export function validateNewAssessment(
  assessment: NewAssessment,
  commitment: { id: string; obligorPartyIds: readonly string[] },
  existing: readonly Pick<ScoringAssessment, "id" | "commitmentId" | "partyId" | "supersedesId">[],
  today: string,
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (!commitment.obligorPartyIds.includes(assessment.partyId))
    issues.push({
      field: "partyId",
      message: `"${assessment.partyId}" is not an obligor of commitment "${commitment.id}" (obligors: ${commitment.obligorPartyIds.join(", ")})`,
    });
  if (!levels.includes(assessment.level as Level))
    issues.push({
      field: "level",
      message: `level ${assessment.level} is outside the scale 0–3 (or null for not applicable)`,
    });
  if (assessment.asOf > today)
    issues.push({
      field: "asOf",
      message: `the as-of date ${assessment.asOf} is in the future (today is ${today})`,
    });
  if (assessment.supersedesId !== undefined) issues.push(...supersessionIssues(assessment, existing));
  return issues;
}

function supersessionIssues(
  assessment: NewAssessment,
  existing: readonly Pick<ScoringAssessment, "id" | "commitmentId" | "partyId" | "supersedesId">[],
): RuleIssue[] {
  const byId = new Map(existing.map((a) => [a.id, a]));
  const target = byId.get(assessment.supersedesId as string);
  const field = "supersedesId";
  if (!target)
    return [{ field, message: `no assessment "${assessment.supersedesId}" of this commitment to supersede` }];
  if (target.commitmentId !== assessment.commitmentId || target.partyId !== assessment.partyId)
    return [
      {
        field,
        message: `assessment "${target.id}" judges another commitment or party; a correction must judge the same`,
      },
    ];
  if (assessment.id !== undefined && target.id === assessment.id)
    return [{ field, message: "an assessment cannot supersede itself" }];
  const supersededAlready = existing.find((a) => a.supersedesId === target.id && a.id !== assessment.id);
  if (supersededAlready)
    return [
      {
        field,
        message: `assessment "${target.id}" is already superseded by "${supersededAlready.id}": supersede that one`,
      },
    ];
  // Walk down the chain: if it reaches the new assessment's own id, the chain would close on itself.
  const seen = new Set<string>();
  for (
    let step: typeof target | undefined = target;
    step;
    step = step.supersedesId ? byId.get(step.supersedesId) : undefined
  ) {
    if (seen.has(step.id) || (assessment.id !== undefined && step.supersedesId === assessment.id))
      return [{ field, message: `superseding "${target.id}" would make a cycle of corrections` }];
    seen.add(step.id);
  }
  return [];
}
