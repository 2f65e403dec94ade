import {
  type AssessmentIndex,
  buildAssessmentIndex,
  type ComplianceGroupBy,
  complianceMethod,
  computeCompliance,
} from "../domain/compliance.js";
import {
  type AssessmentForScoring,
  assessmentsForScoring,
  type CommitmentForScoring,
  commitmentsForScoring,
  scoringChangeMark,
} from "../store/compliance-queries.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import { getRecord } from "./records.js";

export interface ScoringData {
  mark: number;
  commitments: CommitmentForScoring[];
  assessments: AssessmentForScoring[];
  index: AssessmentIndex;
}

/**
 * The assessments of a process, indexed once per database and kept while nothing they depend on
 * changes: one cheap query (the newest event number) tells whether the cache is still good, so every
 * API process stays correct behind a load balancer. Writes that bypass the store (raw SQL) write no
 * event and so are not seen until the process restarts.
 */
const caches = new WeakMap<Db, Map<string, ScoringData>>();

export async function scoringData(db: Db, processId: string): Promise<ScoringData> {
  const mark = await scoringChangeMark(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(processId);
  if (cached && cached.mark === mark) return cached;
  await getRecord(db, "processes", processId);
  const [commitments, assessments] = await Promise.all([
    commitmentsForScoring(db, processId),
    assessmentsForScoring(db, processId),
  ]);
  const data = { mark, commitments, assessments, index: buildAssessmentIndex(commitments, assessments) };
  cache.set(processId, data);
  return data;
}

export const today = () => new Date().toISOString().slice(0, 10);

export function checkAsOf(asOf: string | undefined): string {
  const date = asOf ?? today();
  if (date > today())
    throw new ValidationError(
      "The as-of date is in the future: the index describes what is known, not what will be.",
      [{ path: "asOf", message: `${date} is after today (${today()})` }],
    );
  return date;
}

export interface ComplianceQuery {
  processId: string;
  asOf?: string;
  groupBy: ComplianceGroupBy;
  partyId?: string;
}

export async function complianceIndex(db: Db, query: ComplianceQuery) {
  const asOf = checkAsOf(query.asOf);
  const data = await scoringData(db, query.processId);
  const groups = computeCompliance(data.index, { asOf, groupBy: query.groupBy, partyId: query.partyId });
  return { processId: query.processId, asOf, groupBy: query.groupBy, groups, method: complianceMethod };
}
