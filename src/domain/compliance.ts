import type { Deadline } from "./commitments.js";

/** What scoring needs of a commitment (the agreement is resolved through its provision). */
export interface ScoringCommitment {
  id: string;
  processId: string;
  agreementId: string | undefined;
  obligorPartyIds: string[];
  categories: string[];
  deadline: Deadline;
}

export type Level = 0 | 1 | 2 | 3 | null;

export interface ScoringAssessment {
  id: string;
  commitmentId: string;
  partyId: string;
  asOf: string;
  level: Level;
  supersedesId: string | undefined;
  /** Published after review: only confirmed assessments count. */
  confirmed: boolean;
  createdAt: string;
}

export type ComplianceGroupBy = "party" | "category" | "agreement" | "process";

export const complianceMethod = `Compliance index: method (reproducible from the exported JSON: commitments, provisions, assessments)

1. Unit. Each pair of a commitment and one of its obligor parties is scored separately; a commitment with
   two obligors gives two pairs.
2. Which assessments count. Only confirmed assessments (reviewState "published"). An assessment that a
   confirmed assessment supersedes (supersedesId) never counts, whatever the dates: a correction replaces
   what it corrects.
3. Current level as of a date D. Of the assessments that count with asOf <= D, the latest by asOf (ties:
   later createdAt, then larger id). None: the pair is "not yet assessed".
4. Score. Level 0 (not initiated) = 0, 1 (minimal) = 1/3, 2 (intermediate) = 2/3, 3 (full) = 1.
   Not applicable (level null) leaves the pair out of the index. A pair not yet assessed is left out of
   the index too, and counted apart: it is never silently scored as 0.
5. Index of a group = 100 x the weighted mean of its scored pairs (weight 1 unless set per commitment),
   rounded to one decimal for display only. A group with no scored pair has no index (shown "—").
   Groups: by obligor party; by category (a commitment with two categories counts in both); by agreement
   (through the commitment's provision; commitments from meetings group under "none"); by process.
6. Overdue. The due date is: the absolute deadline; for a recurring deadline, the latest due date on or
   before D; for a deadline relative to another commitment with an absolute deadline, that date plus the
   offset (otherwise it cannot be resolved and nothing is overdue). A pair is overdue on D when its due
   date is before D (a deadline of 15 Nov is met on 15 Nov and overdue from 16 Nov) and its current level
   is assessed and below full (0, 1 or 2). A pair whose deadline has passed but that is not yet assessed is
   NOT called overdue (nothing shows it was missed): it is counted apart as "deadline passed, not
   assessed". Overdue pairs are counted and listed; they keep their level's score, with no further penalty.
7. Reversal. A pair is reversed on D when its current level is lower than an earlier level that counts.
`;

export interface PairState {
  key: string;
  commitment: ScoringCommitment;
  partyId: string;
  /** Assessments that count, in order: asOf, then createdAt, then id. */
  timeline: ScoringAssessment[];
  /** prefixMax[i]: the highest non-null level among timeline[0..i-1] (-1 when none). */
  prefixMax: number[];
}

export interface AssessmentIndex {
  pairs: PairState[];
  byKey: Map<string, PairState>;
}

export const pairKey = (commitmentId: string, partyId: string) => `${commitmentId}|${partyId}`;

const byTime = (a: ScoringAssessment, b: ScoringAssessment) =>
  a.asOf < b.asOf
    ? -1
    : a.asOf > b.asOf
      ? 1
      : a.createdAt < b.createdAt
        ? -1
        : a.createdAt > b.createdAt
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0;

/** The assessments that count: confirmed, and not superseded by a confirmed one. */
export function countingAssessments(assessments: readonly ScoringAssessment[]): ScoringAssessment[] {
  const superseded = new Set<string>();
  for (const a of assessments) if (a.confirmed && a.supersedesId) superseded.add(a.supersedesId);
  return assessments.filter((a) => a.confirmed && !superseded.has(a.id));
}

/** Groups the assessments by pair once, so any number of as-of dates can be scored cheaply. */
export function buildAssessmentIndex(
  commitments: readonly ScoringCommitment[],
  assessments: readonly ScoringAssessment[],
): AssessmentIndex {
  const byKey = new Map<string, PairState>();
  const pairs: PairState[] = [];
  for (const commitment of commitments)
    for (const partyId of commitment.obligorPartyIds) {
      const pair = { key: pairKey(commitment.id, partyId), commitment, partyId, timeline: [], prefixMax: [] };
      byKey.set(pair.key, pair);
      pairs.push(pair);
    }
  for (const assessment of countingAssessments(assessments))
    byKey.get(pairKey(assessment.commitmentId, assessment.partyId))?.timeline.push(assessment);
  for (const pair of pairs) {
    pair.timeline.sort(byTime);
    let highest = -1;
    for (const entry of pair.timeline) {
      pair.prefixMax.push(highest);
      if (entry.level !== null && entry.level > highest) highest = entry.level;
    }
  }
  return { pairs, byKey };
}

/** Index of the last timeline entry with asOf <= date, or -1. */
function lastOnOrBefore(timeline: readonly ScoringAssessment[], date: string): number {
  let low = 0;
  let high = timeline.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((timeline[middle] as ScoringAssessment).asOf <= date) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export interface CurrentLevel {
  assessment: ScoringAssessment;
  reversed: boolean;
  /** The earlier, higher level a reversal fell from. */
  reversedFrom?: number;
}

function currentOf(pair: PairState, asOf: string): CurrentLevel | undefined {
  const at = lastOnOrBefore(pair.timeline, asOf);
  if (at < 0) return undefined;
  const assessment = pair.timeline[at] as ScoringAssessment;
  const before = pair.prefixMax[at] as number;
  const reversed = assessment.level !== null && before > assessment.level;
  return reversed ? { assessment, reversed, reversedFrom: before } : { assessment, reversed };
}

/** The current assessment of every pair that has one, as of a date. */
export function currentLevels(index: AssessmentIndex, asOf: string): Map<string, CurrentLevel> {
  const result = new Map<string, CurrentLevel>();
  for (const pair of index.pairs) {
    const current = currentOf(pair, asOf);
    if (current) result.set(pair.key, current);
  }
  return result;
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (from: string, to: string) =>
  Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The date a commitment was due by, as of a date; undefined when it has none or it cannot be resolved. */
export function dueDate(
  deadline: Deadline,
  asOf: string,
  deadlineOf: (commitmentId: string) => Deadline | undefined = () => undefined,
): string | undefined {
  switch (deadline.kind) {
    case "none":
      return undefined;
    case "absolute":
      return deadline.date;
    case "recurring": {
      if (deadline.firstDate > asOf) return deadline.firstDate;
      const periods = Math.floor(daysBetween(deadline.firstDate, asOf) / deadline.everyDays);
      return addDays(deadline.firstDate, periods * deadline.everyDays);
    }
    case "relative": {
      const anchor = deadline.afterCommitmentId ? deadlineOf(deadline.afterCommitmentId) : undefined;
      return anchor?.kind === "absolute" ? addDays(anchor.date, deadline.offsetDays) : undefined;
    }
  }
}

export interface OverdueItem {
  commitmentId: string;
  partyId: string;
  dueDate: string;
  currentLevel: 0 | 1 | 2;
}

export interface ComplianceGroup {
  key: string;
  /** 0–100, unrounded; null when no pair in the group is scored. */
  index: number | null;
  pairs: number;
  assessed: number;
  notApplicable: number;
  unassessed: number;
  overdue: number;
  /** Deadline passed, no assessment yet: not called overdue, since nothing shows it was missed. */
  pastDueUnassessed: number;
  reversals: number;
  levelCounts: { 0: number; 1: number; 2: number; 3: number };
  overdueItems: OverdueItem[];
}

export interface ComplianceOptions {
  asOf: string;
  groupBy: ComplianceGroupBy;
  /** Only the pairs of this obligor. */
  partyId?: string;
  /** Weight per commitment id; 1 where not given. */
  weights?: Readonly<Record<string, number>>;
}

function groupKeys(pair: PairState, groupBy: ComplianceGroupBy): string[] {
  switch (groupBy) {
    case "party":
      return [pair.partyId];
    case "category":
      return pair.commitment.categories.length > 0 ? pair.commitment.categories : ["uncategorised"];
    case "agreement":
      return [pair.commitment.agreementId ?? "none"];
    case "process":
      return [pair.commitment.processId];
  }
}

interface Accumulator extends ComplianceGroup {
  weightedScore: number;
  weight: number;
}

const emptyGroup = (key: string): Accumulator => ({
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
  weightedScore: 0,
  weight: 0,
});

/** The compliance index as of a date, per group; see `complianceMethod`. */
export function computeCompliance(index: AssessmentIndex, options: ComplianceOptions): ComplianceGroup[] {
  const groups = new Map<string, Accumulator>();
  const deadlines = new Map(index.pairs.map((p) => [p.commitment.id, p.commitment.deadline]));
  const deadlineOf = (id: string) => deadlines.get(id);
  for (const pair of index.pairs) {
    if (options.partyId && pair.partyId !== options.partyId) continue;
    const current = currentOf(pair, options.asOf);
    const level = current?.assessment.level;
    const due = dueDate(pair.commitment.deadline, options.asOf, deadlineOf);
    const pastDue = due !== undefined && due < options.asOf;
    const weight = options.weights?.[pair.commitment.id] ?? 1;
    for (const key of groupKeys(pair, options.groupBy)) {
      let group = groups.get(key);
      if (!group) {
        group = emptyGroup(key);
        groups.set(key, group);
      }
      group.pairs++;
      if (level === undefined) group.unassessed++;
      else if (level === null) group.notApplicable++;
      else {
        group.assessed++;
        group.levelCounts[level]++;
        group.weightedScore += (weight * level) / 3;
        group.weight += weight;
      }
      if (current?.reversed) group.reversals++;
      if (pastDue && level === undefined) group.pastDueUnassessed++;
      if (pastDue && (level === 0 || level === 1 || level === 2)) {
        group.overdue++;
        group.overdueItems.push({
          commitmentId: pair.commitment.id,
          partyId: pair.partyId,
          dueDate: due,
          currentLevel: level,
        });
      }
    }
  }
  return [...groups.values()]
    .map(({ weightedScore, weight, ...group }) => ({
      ...group,
      index: weight > 0 ? (100 * weightedScore) / weight : null,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export interface HistoryPoint {
  asOf: string;
  level: Level;
  reversed: boolean;
}

/** The level history of one pair from the assessments that count, for timelines and sparklines. */
export function levelHistory(
  assessments: readonly ScoringAssessment[],
  commitmentId: string,
  partyId: string,
): HistoryPoint[] {
  const timeline = countingAssessments(
    assessments.filter((a) => a.commitmentId === commitmentId && a.partyId === partyId),
  ).sort(byTime);
  let highest = -1;
  return timeline.map((a) => {
    const reversed = a.level !== null && highest > a.level;
    if (a.level !== null && a.level > highest) highest = a.level;
    return { asOf: a.asOf, level: a.level, reversed };
  });
}
