import { z } from "zod";
import { Assessment, Commitment } from "./commitments.js";
import { Id, RecordMeta } from "./common.js";
import { requireKey } from "./compliance-dates.js";

/** What scoring needs of a commitment; the caller resolves the agreement through its provision. */
export const ScoringCommitment = Commitment.pick({
  processId: true,
  obligorPartyIds: true,
  categories: true,
  deadline: true,
}).extend({ id: Id, agreementId: Id.optional() });
export type ScoringCommitment = z.infer<typeof ScoringCommitment>;

/** What scoring needs of an assessment; `confirmed` is true when its review state is "published". */
export const ScoringAssessment = Assessment.pick({
  commitmentId: true,
  partyId: true,
  asOf: true,
  level: true,
  supersedesId: true,
}).extend({ id: Id, confirmed: z.boolean(), createdAt: RecordMeta.shape.createdAt });
export type ScoringAssessment = z.infer<typeof ScoringAssessment>;

/** 0 not initiated, 1 minimal, 2 intermediate, 3 full; null: not applicable. */
export type Level = ScoringAssessment["level"];
export type ScoredLevel = Exclude<Level, null>;

export type ComplianceGroupBy = "party" | "category" | "agreement" | "process";
export const complianceGroupings: readonly ComplianceGroupBy[] = [
  "party",
  "category",
  "agreement",
  "process",
];

/** A date later than any: what is never superseded is superseded "on" this date key. */
export const never = 0x7fffffff;

export const pairKey = (commitmentId: string, partyId: string) => `${commitmentId}|${partyId}`;

/** Time order of assessments: asOf, then createdAt, then id (plain character order, not locale). */
export function compareAssessments(a: ScoringAssessment, b: ScoringAssessment): number {
  if (a.asOf !== b.asOf) return a.asOf < b.asOf ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const supersessionKey = (commitmentId: string, partyId: string, assessmentId: string) =>
  `${commitmentId}|${partyId}|${assessmentId}`;

/**
 * When each assessment stops counting: the earliest date (key) of a confirmed assessment of the same
 * pair that supersedes it, keyed by `supersessionKey`. A supersedesId naming an assessment of another
 * pair (which the rules refuse) has no effect.
 */
export function supersessionKeys(assessments: readonly ScoringAssessment[]): Map<string, number> {
  const kill = new Map<string, number>();
  for (const a of assessments) {
    if (!a.confirmed || a.supersedesId === undefined || a.supersedesId === a.id) continue;
    const key = requireKey(a.asOf, `assessment "${a.id}" asOf`);
    const target = supersessionKey(a.commitmentId, a.partyId, a.supersedesId);
    const known = kill.get(target);
    if (known === undefined || key < known) kill.set(target, key);
  }
  return kill;
}
