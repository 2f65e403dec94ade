import { requireKey } from "./compliance-dates.js";
import type { AssessmentIndex } from "./compliance-index.js";
import {
  compareAssessments,
  type Level,
  never,
  pairKey,
  type ScoringAssessment,
  supersessionKey,
  supersessionKeys,
} from "./compliance-schema.js";

export interface HistoryPoint {
  assessmentId: string;
  asOf: string;
  level: Level;
  reversed: boolean;
}

/**
 * The assessments that count (method, point 2): confirmed, dated on or before `asOf` (every date when
 * omitted), and not superseded by another such assessment of their pair; only those `only` keeps. In
 * time order. The plain, unindexed reading of the method.
 */
export function countingAssessments(
  assessments: readonly ScoringAssessment[],
  asOf?: string,
  only: (assessment: ScoringAssessment) => boolean = () => true,
): ScoringAssessment[] {
  const onKey = asOf === undefined ? never - 1 : requireKey(asOf, "asOf");
  const kill = supersessionKeys(assessments);
  return assessments
    .filter(
      (a) =>
        a.confirmed &&
        (asOf === undefined || a.asOf <= asOf) &&
        (kill.get(supersessionKey(a.commitmentId, a.partyId, a.id)) ?? never) > onKey &&
        only(a),
    )
    .sort(compareAssessments);
}

const isIndex = (source: AssessmentIndex | readonly ScoringAssessment[]): source is AssessmentIndex =>
  !Array.isArray(source);

/**
 * One pair's levels over time, for timelines and sparklines: the assessments that count as of `asOf`
 * (every date when omitted), in time order, each marked reversed when lower than an earlier point.
 * Give the index (reads only the pair's entries) or the raw assessments (scans them all).
 */
export function levelHistory(
  source: AssessmentIndex | readonly ScoringAssessment[],
  commitmentId: string,
  partyId: string,
  asOf?: string,
): HistoryPoint[] {
  let counted: ScoringAssessment[];
  if (isIndex(source)) {
    const pair = source.byKey.get(pairKey(commitmentId, partyId));
    const onKey = asOf === undefined ? never - 1 : requireKey(asOf, "asOf");
    counted = [];
    if (pair)
      for (
        let e = source.pairStart[pair.position] as number;
        e < (source.pairEnd[pair.position] as number);
        e++
      )
        if ((source.asOfKey[e] as number) <= onKey && (source.killKey[e] as number) > onKey)
          counted.push(source.entries[e] as ScoringAssessment);
  } else
    counted = countingAssessments(
      source,
      asOf,
      (a) => a.commitmentId === commitmentId && a.partyId === partyId,
    );
  let highest = -1;
  return counted.map((a) => {
    const reversed = a.level !== null && highest > a.level;
    if (a.level !== null && a.level > highest) highest = a.level;
    return { assessmentId: a.id, asOf: a.asOf, level: a.level, reversed };
  });
}
