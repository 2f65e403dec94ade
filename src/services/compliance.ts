import { PgTransaction } from "drizzle-orm/pg-core";
import type { Actor } from "../domain/actor.js";
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
  currentSnapshot,
  scoringChangedSince,
} from "../store/compliance-queries.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import { readRecord } from "./record-reads.js";
import { getRecord } from "./records.js";

export interface ScoringData {
  /** The snapshot the data was read in: the cache entry is good while nothing it missed has committed. */
  snapshot: string;
  commitments: CommitmentForScoring[];
  assessments: AssessmentForScoring[];
  index: AssessmentIndex;
}

/**
 * The assessments of a process, indexed once per database and kept while nothing they depend on
 * changes. The data and the snapshot it was read in come from one REPEATABLE READ transaction; a
 * request then asks one indexed question (`scoringChangedSince`): has a change to assessments,
 * commitments or provisions committed that this snapshot did not see? So every API process behind a
 * load balancer stays correct, whatever order concurrent writers commit in. Writes that bypass the
 * store (raw SQL) write no event and so are not seen until the process restarts.
 */
const caches = new WeakMap<Db, Map<string, ScoringData>>();

export async function scoringData(db: Db, processId: string): Promise<ScoringData> {
  // Inside a caller's transaction the snapshot is the caller's: read afresh and keep nothing.
  if (db instanceof PgTransaction) return readScoringData(db as unknown as Db, processId);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(processId);
  if (cached && !(await scoringChangedSince(db, cached.snapshot))) return cached;
  const data = await db.transaction((tx) => readScoringData(tx as unknown as Db, processId), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
  cache.set(processId, data);
  return data;
}

/** Read in one snapshot (the caller's transaction), which the result names. */
async function readScoringData(tx: Db, processId: string): Promise<ScoringData> {
  const snapshot = await currentSnapshot(tx);
  await getRecord(tx, "processes", processId);
  const commitments = await commitmentsForScoring(tx, processId);
  const assessments = await assessmentsForScoring(tx, processId);
  return { snapshot, commitments, assessments, index: buildAssessmentIndex(commitments, assessments) };
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

/**
 * The index is a public figure, the same for every reader: it scores published assessments of public
 * commitments only (compliance-queries.ts). The caller must be able to read the process itself.
 */
export async function complianceIndex(db: Db, actor: Actor, query: ComplianceQuery) {
  const asOf = checkAsOf(query.asOf);
  await readRecord(db, actor, "processes", query.processId);
  const data = await scoringData(db, query.processId);
  const groups = computeCompliance(data.index, { asOf, groupBy: query.groupBy, partyId: query.partyId });
  return { processId: query.processId, asOf, groupBy: query.groupBy, groups, method: complianceMethod };
}
