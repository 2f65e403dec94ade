/**
 * The compliance index ("the good-faith indicator"): derived, never stored by hand. The method is in
 * `complianceMethod` (shown by the app) and docs/COMPLIANCE.md; this module is its reference code.
 * Pure: no I/O, no clock. Build the index once with `buildAssessmentIndex`, then ask for any as-of date.
 */
import { dateOfDay, requireDay, requireKey } from "./compliance-dates.js";
import {
  type AssessmentIndex,
  currentEntry,
  earlierPeak,
  type PairState,
  pairDueDay,
} from "./compliance-index.js";
import type { ComplianceGroupBy, ScoredLevel, ScoringAssessment } from "./compliance-schema.js";

export { dateKey, dateOfDay, dayNumber, dueDate } from "./compliance-dates.js";
export { countingAssessments, type HistoryPoint, levelHistory } from "./compliance-history.js";
export { type AssessmentIndex, buildAssessmentIndex, type PairState } from "./compliance-index.js";
export { complianceMethod } from "./compliance-method.js";
export {
  type ExistingAssessment,
  type NewAssessmentInput,
  type RuleIssue,
  validateNewAssessment,
} from "./compliance-rules.js";
export {
  type ComplianceGroupBy,
  compareAssessments,
  complianceGroupings,
  type Level,
  pairKey,
  type ScoredLevel,
  ScoringAssessment,
  ScoringCommitment,
} from "./compliance-schema.js";

export interface ComplianceOptions {
  /** YYYY-MM-DD. */
  asOf: string;
  groupBy: ComplianceGroupBy;
  /** Only the pairs of this obligor. */
  partyId?: string;
  /** Weights keyed by pair ("commitmentId|partyId") or by commitment id (the pair key wins); 1 otherwise. */
  weights?: Readonly<Record<string, number>>;
  /** Group keys to report even when no pair falls in them (with pairs 0 and index null). */
  keys?: readonly string[];
}

/** A pair assessed below full after its due date. */
export interface OverdueItem {
  commitmentId: string;
  partyId: string;
  dueDate: string;
  currentLevel: Exclude<ScoredLevel, 3>;
}

export interface ComplianceGroup {
  key: string;
  /** 0–100, unrounded (shown through `roundIndex`); null when no pair in the group is scored. */
  index: number | null;
  pairs: number;
  assessed: number;
  notApplicable: number;
  unassessed: number;
  /** Assessed below full (0, 1, 2) after the due date. */
  overdue: number;
  /** Due date passed and not yet assessed: counted apart, not called overdue. */
  pastDueUnassessed: number;
  reversals: number;
  levelCounts: { 0: number; 1: number; 2: number; 3: number };
  /** Sorted by due date, then commitment id, then party id. */
  overdueItems: OverdueItem[];
}

export interface CurrentLevel {
  assessment: ScoringAssessment;
  reversed: boolean;
  /** When reversed: the highest earlier level that counts, and the current, lower one. */
  reversedFrom?: ScoredLevel;
  reversedTo?: ScoredLevel;
}

export interface PairStatus {
  key: string;
  commitmentId: string;
  partyId: string;
  /** null: not yet assessed. */
  current: CurrentLevel | null;
  /** The due date that applies on the as-of date (method, point 6); null when none or unresolved. */
  dueDate: string | null;
  /** Assessed below full after the due date. */
  overdue: boolean;
  /** Due date passed and not yet assessed. */
  pastDueUnassessed: boolean;
}

/** How an index is shown: rounded half up to one decimal (66.666… → 66.7); null stays null. */
export const roundIndex = (index: number | null): number | null =>
  index === null ? null : Math.round(index * 10) / 10;

function weightOf(pair: PairState, weights: Readonly<Record<string, number>>): number {
  const weight = weights[pair.key] ?? weights[pair.commitment.id] ?? 1;
  if (!(Number.isFinite(weight) && weight >= 0))
    throw new RangeError(`the weight of "${pair.key}" must be a finite number >= 0, not ${weight}`);
  return weight;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const dueText = (pair: PairState, dueDay: number) =>
  pair.due.kind === "fixed" ? pair.due.date : dateOfDay(dueDay);

const emptyGroup = (key: string): ComplianceGroup => ({
  key,
  index: null,
  pairs: 0,
  assessed: 0,
  notApplicable: 0,
  unassessed: 0,
  overdue: 0,
  pastDueUnassessed: 0,
  reversals: 0,
  levelCounts: { 0: 0, 1: 0, 2: 0, 3: 0 },
  overdueItems: [],
});

/**
 * The compliance index as of a date: one group per key that has pairs (and per key in `options.keys`),
 * sorted by key in plain character order. See `complianceMethod`.
 */
export function computeCompliance(index: AssessmentIndex, options: ComplianceOptions): ComplianceGroup[] {
  const onDay = requireDay(options.asOf, "asOf");
  const onKey = requireKey(options.asOf, "asOf");
  const { keys, offsets, slots } = index.groupings[options.groupBy];
  const party = options.partyId === undefined ? -1 : index.parties.indexOf(options.partyId);
  const groupCount = keys.length;
  // Counters per group slot: 0 pairs, 1 assessed, 2 notApplicable, 3 unassessed, 4 pastDueUnassessed,
  // 5 reversals, 6–9 levelCounts 0–3.
  const counts = new Int32Array(groupCount * 10);
  const weightedLevels = new Float64Array(groupCount); // Σ weight × level (levels, not thirds)
  const weights = new Float64Array(groupCount); // Σ weight over scored pairs
  const overdue: { order: number; slot: number; item: OverdueItem }[] = [];
  const pairCount = index.pairs.length;
  if (options.partyId === undefined || party >= 0)
    for (let p = 0; p < pairCount; p++) {
      if (party >= 0 && index.pairParty[p] !== party) continue;
      const at = currentEntry(index, p, onKey);
      const current = at < 0 ? -2 : (index.level[at] as number); // -2 not yet assessed, -1 not applicable
      const reversed = current >= 0 && earlierPeak(index, p, at, onKey) > current;
      // Only a pair below full (0–2) can be overdue; only one not yet assessed (-2) past due unassessed.
      const dueDay = current === 3 || current === -1 ? undefined : pairDueDay(index, p, onDay);
      const pastDue = dueDay !== undefined && dueDay < onDay;
      const weight =
        current >= 0 && options.weights ? weightOf(index.pairs[p] as PairState, options.weights) : 1;
      for (let s = offsets[p] as number; s < (offsets[p + 1] as number); s++) {
        const slot = slots[s] as number;
        const c = slot * 10;
        counts[c] = (counts[c] as number) + 1;
        const counter = current === -2 ? 3 : current === -1 ? 2 : 1;
        counts[c + counter] = (counts[c + counter] as number) + 1;
        if (current >= 0) {
          counts[c + 6 + current] = (counts[c + 6 + current] as number) + 1;
          weightedLevels[slot] = (weightedLevels[slot] as number) + weight * current;
          weights[slot] = (weights[slot] as number) + weight;
        }
        if (reversed) counts[c + 5] = (counts[c + 5] as number) + 1;
        if (pastDue && current === -2) counts[c + 4] = (counts[c + 4] as number) + 1;
        else if (pastDue) {
          const pair = index.pairs[p] as PairState;
          overdue.push({
            order: dueDay * pairCount + (index.pairRank[p] as number),
            slot,
            item: {
              commitmentId: pair.commitment.id,
              partyId: pair.partyId,
              dueDate: dueText(pair, dueDay),
              currentLevel: current as 0 | 1 | 2,
            },
          });
        }
      }
    }
  const groups = new Map<string, ComplianceGroup>();
  for (let slot = 0; slot < groupCount; slot++) {
    const c = slot * 10;
    if (counts[c] === 0) continue;
    const weight = weights[slot] as number;
    groups.set(keys[slot] as string, {
      key: keys[slot] as string,
      // 100 × Σ(w × level/3) / Σw, computed as 100 × Σ(w × level) / (3 × Σw): one division, no rounding.
      index: weight > 0 ? (100 * (weightedLevels[slot] as number)) / (3 * weight) : null,
      pairs: counts[c] as number,
      assessed: counts[c + 1] as number,
      notApplicable: counts[c + 2] as number,
      unassessed: counts[c + 3] as number,
      overdue: 0,
      pastDueUnassessed: counts[c + 4] as number,
      reversals: counts[c + 5] as number,
      levelCounts: {
        0: counts[c + 6] as number,
        1: counts[c + 7] as number,
        2: counts[c + 8] as number,
        3: counts[c + 9] as number,
      },
      overdueItems: [],
    });
  }
  overdue.sort((a, b) => a.order - b.order);
  for (const { slot, item } of overdue) {
    const group = groups.get(keys[slot] as string) as ComplianceGroup;
    group.overdueItems.push(item);
    group.overdue++;
  }
  for (const key of options.keys ?? []) if (!groups.has(key)) groups.set(key, emptyGroup(key));
  return [...groups.values()].sort((a, b) => byText(a.key, b.key));
}

function currentOf(index: AssessmentIndex, p: number, onKey: number): CurrentLevel | null {
  const at = currentEntry(index, p, onKey);
  if (at < 0) return null;
  const assessment = index.entries[at] as ScoringAssessment;
  const level = index.level[at] as number;
  const peak = level >= 0 ? earlierPeak(index, p, at, onKey) : -1;
  return peak > level
    ? { assessment, reversed: true, reversedFrom: peak as ScoredLevel, reversedTo: level as ScoredLevel }
    : { assessment, reversed: false };
}

/** The current assessment of every pair that has one as of a date, keyed by `pairKey`. */
export function currentLevels(
  index: AssessmentIndex,
  asOf: string,
  partyId?: string,
): Map<string, CurrentLevel> {
  const onKey = requireKey(asOf, "asOf");
  const result = new Map<string, CurrentLevel>();
  for (const pair of index.pairs) {
    if (partyId !== undefined && pair.partyId !== partyId) continue;
    const current = currentOf(index, pair.position, onKey);
    if (current) result.set(pair.key, current);
  }
  return result;
}

/** Every pair, assessed or not, as of a date: its current assessment, due date, overdue or past due. */
export function pairStatuses(index: AssessmentIndex, asOf: string, partyId?: string): PairStatus[] {
  const onDay = requireDay(asOf, "asOf");
  const onKey = requireKey(asOf, "asOf");
  const result: PairStatus[] = [];
  for (const pair of index.pairs) {
    if (partyId !== undefined && pair.partyId !== partyId) continue;
    const current = currentOf(index, pair.position, onKey);
    const dueDay = pairDueDay(index, pair.position, onDay);
    const pastDue = dueDay !== undefined && dueDay < onDay;
    const level = current ? current.assessment.level : undefined;
    result.push({
      key: pair.key,
      commitmentId: pair.commitment.id,
      partyId: pair.partyId,
      current,
      dueDate: dueDay === undefined ? null : dueText(pair, dueDay),
      overdue: pastDue && (level === 0 || level === 1 || level === 2),
      pastDueUnassessed: pastDue && current === null,
    });
  }
  return result;
}
