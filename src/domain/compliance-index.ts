import { type DueRule, dueRule, requireKey } from "./compliance-dates.js";
import {
  type ComplianceGroupBy,
  compareAssessments,
  complianceGroupings,
  never,
  pairKey,
  type ScoringAssessment,
  type ScoringCommitment,
} from "./compliance-schema.js";

/** One (commitment, obligor) pair. Its numbers are at `position` in the index's per-pair arrays. */
export interface PairState {
  key: string;
  position: number;
  commitment: ScoringCommitment;
  partyId: string;
  due: DueRule;
}

/** The groups of one grouping: keys in plain character order; pair p is in slots[offsets[p] … offsets[p+1]). */
export interface Grouping {
  keys: string[];
  offsets: Int32Array;
  slots: Int32Array;
}

/**
 * Confirmed assessments grouped by pair and put in time order once, so that any number of as-of dates
 * can be scored with a binary search per pair. Numbers live in typed arrays (compact and quick to scan);
 * dates are YYYYMMDD integers (`dateKey`) for assessments and day numbers for deadlines.
 */
export interface AssessmentIndex {
  pairs: PairState[];
  byKey: Map<string, PairState>;
  /** The obligor ids; pairParty[p] is an index into it. */
  parties: string[];
  groupings: Record<ComplianceGroupBy, Grouping>;
  // Per pair p:
  pairParty: Int32Array;
  /** The pair's entries are entries[pairStart[p] … pairEnd[p]). */
  pairStart: Int32Array;
  pairEnd: Int32Array;
  /** Positions of the pair's superseded entries: supersededAt[supersededStart[p] … supersededEnd[p]). */
  supersededStart: Int32Array;
  supersededEnd: Int32Array;
  /** The pair's place in (commitment id, party id) order, to sort lists of pairs quickly. */
  pairRank: Int32Array;
  /** 0: no due date (none or unresolved); 1: fixed on dueDay; 2: every dueEvery days from dueDay. */
  dueKind: Int8Array;
  dueDay: Int32Array;
  dueEvery: Int32Array;
  // Per entry e:
  /** Confirmed assessments of known pairs, pair by pair, each pair's in time order. */
  entries: ScoringAssessment[];
  asOfKey: Int32Array;
  /** The level; -1 for not applicable. */
  level: Int8Array;
  /** The date from which a confirmed correction of the entry counts (`never` if none). */
  killKey: Int32Array;
  /** The highest level among the pair's earlier entries that nothing supersedes; -1 if none. */
  priorMax: Int8Array;
  supersededAt: Int32Array;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function groupKeysOf(commitment: ScoringCommitment, partyId: string, groupBy: ComplianceGroupBy): string[] {
  switch (groupBy) {
    case "party":
      return [partyId];
    case "category":
      return commitment.categories.length > 0 ? [...new Set(commitment.categories)] : ["uncategorised"];
    case "agreement":
      return [commitment.agreementId ?? "none"];
    case "process":
      return [commitment.processId];
  }
}

function buildGrouping(pairs: readonly PairState[], groupBy: ComplianceGroupBy): Grouping {
  const perPair = pairs.map((pair) => groupKeysOf(pair.commitment, pair.partyId, groupBy));
  const keys = [...new Set(perPair.flat())].sort(byText);
  const slotOf = new Map(keys.map((key, slot) => [key, slot]));
  const offsets = new Int32Array(pairs.length + 1);
  const slots: number[] = [];
  perPair.forEach((list, p) => {
    for (const key of list) slots.push(slotOf.get(key) as number);
    offsets[p + 1] = slots.length;
  });
  return { keys, offsets, slots: Int32Array.from(slots) };
}

interface Owner {
  obligors: string[];
  first: number;
}

function createPairs(commitments: readonly ScoringCommitment[]) {
  const byId = new Map<string, ScoringCommitment>();
  for (const c of commitments) {
    if (byId.has(c.id)) throw new RangeError(`commitment "${c.id}" is given twice`);
    byId.set(c.id, c);
  }
  const deadlineOf = (id: string) => byId.get(id)?.deadline;
  const pairs: PairState[] = [];
  const byKey = new Map<string, PairState>();
  const owners = new Map<string, Owner>();
  for (const commitment of commitments) {
    const obligors = [...new Set(commitment.obligorPartyIds)];
    const due = dueRule(commitment.deadline, deadlineOf);
    owners.set(commitment.id, { obligors, first: pairs.length });
    for (const partyId of obligors) {
      const pair = { key: pairKey(commitment.id, partyId), position: pairs.length, commitment, partyId, due };
      pairs.push(pair);
      byKey.set(pair.key, pair);
    }
  }
  return { pairs, byKey, owners };
}

/** A confirmed correction: its pair, the id of what it supersedes there, and from when. */
interface Correction {
  pair: number;
  targetId: string;
  fromKey: number;
}

/**
 * Groups the confirmed assessments by (commitment, obligor) pair once, in time order. Assessments of
 * commitments not given, or of a party that is not an obligor of the commitment, are left out. Throws a
 * RangeError on a malformed date or a commitment given twice.
 */
export function buildAssessmentIndex(
  commitments: readonly ScoringCommitment[],
  assessments: readonly ScoringAssessment[],
): AssessmentIndex {
  const { pairs, byKey, owners } = createPairs(commitments);
  const pairCount = pairs.length;

  // Pass 1: the pair of each confirmed assessment, how many each pair has, and the corrections.
  const pairOf = new Int32Array(assessments.length).fill(-1);
  const counts = new Int32Array(pairCount + 1);
  const corrections: Correction[] = [];
  let lastCommitmentId: string | undefined;
  let owner: Owner | undefined;
  for (let i = 0; i < assessments.length; i++) {
    const a = assessments[i] as ScoringAssessment;
    if (!a.confirmed) continue;
    if (a.commitmentId !== lastCommitmentId) {
      lastCommitmentId = a.commitmentId;
      owner = owners.get(a.commitmentId);
    }
    const at = owner ? owner.obligors.indexOf(a.partyId) : -1;
    if (!owner || at < 0) continue;
    const p = owner.first + at;
    pairOf[i] = p;
    counts[p + 1] = (counts[p + 1] as number) + 1;
    if (a.supersedesId !== undefined && a.supersedesId !== a.id)
      corrections.push({
        pair: p,
        targetId: a.supersedesId,
        fromKey: requireKey(a.asOf, `assessment "${a.id}" asOf`),
      });
  }

  // Pass 2: place them pair by pair (a counting sort), then put each pair's in time order.
  for (let p = 0; p < pairCount; p++) counts[p + 1] = (counts[p + 1] as number) + (counts[p] as number);
  const total = counts[pairCount] as number;
  const entries = new Array<ScoringAssessment>(total);
  const next = counts.slice(0, pairCount);
  for (let i = 0; i < assessments.length; i++) {
    const p = pairOf[i] as number;
    if (p >= 0) entries[(next[p] as number)++] = assessments[i] as ScoringAssessment;
  }
  const pairStart = counts.slice(0, pairCount);
  const pairEnd = counts.slice(1);
  const asOfKey = new Int32Array(total);
  const level = new Int8Array(total);
  for (let p = 0; p < pairCount; p++) {
    putInTimeOrder(entries, asOfKey, pairStart[p] as number, pairEnd[p] as number);
    for (let e = pairStart[p] as number; e < (pairEnd[p] as number); e++)
      level[e] = (entries[e] as ScoringAssessment).level ?? -1;
  }

  // Pass 3: from when each entry is superseded, by a confirmed correction in its own pair.
  const killKey = new Int32Array(total).fill(never);
  for (const { pair: p, targetId, fromKey } of corrections)
    for (let e = (pairEnd[p] as number) - 1; e >= (pairStart[p] as number); e--)
      if ((entries[e] as ScoringAssessment).id === targetId) {
        if (fromKey < (killKey[e] as number)) killKey[e] = fromKey;
        break;
      }

  // Pass 4: running maxima of the levels nothing supersedes; the superseded entries of each pair.
  const priorMax = new Int8Array(total);
  const supersededStart = new Int32Array(pairCount);
  const supersededEnd = new Int32Array(pairCount);
  const superseded: number[] = [];
  for (let p = 0; p < pairCount; p++) {
    supersededStart[p] = superseded.length;
    let highest = -1;
    for (let e = pairStart[p] as number; e < (pairEnd[p] as number); e++) {
      priorMax[e] = highest;
      if (killKey[e] !== never) superseded.push(e);
      else if ((level[e] as number) > highest) highest = level[e] as number;
    }
    supersededEnd[p] = superseded.length;
  }

  // Per pair: party, rank, due rule, groups.
  const parties = [...new Set(pairs.map((pair) => pair.partyId))];
  const partySlot = new Map(parties.map((party, i) => [party, i]));
  const pairParty = Int32Array.from(pairs, (pair) => partySlot.get(pair.partyId) as number);
  const pairRank = new Int32Array(pairCount);
  [...pairs]
    .sort((a, b) => byText(a.commitment.id, b.commitment.id) || byText(a.partyId, b.partyId))
    .forEach((pair, rank) => {
      pairRank[pair.position] = rank;
    });
  const dueKind = new Int8Array(pairCount);
  const dueDay = new Int32Array(pairCount);
  const dueEvery = new Int32Array(pairCount);
  for (const { position, due } of pairs) {
    if (due.kind === "fixed") {
      dueKind[position] = 1;
      dueDay[position] = due.day;
    } else if (due.kind === "recurring") {
      dueKind[position] = 2;
      dueDay[position] = due.firstDay;
      dueEvery[position] = due.everyDays;
    }
  }
  const groupings = Object.fromEntries(
    complianceGroupings.map((groupBy) => [groupBy, buildGrouping(pairs, groupBy)]),
  ) as Record<ComplianceGroupBy, Grouping>;

  return {
    pairs,
    byKey,
    parties,
    groupings,
    pairParty,
    pairStart,
    pairEnd,
    supersededStart,
    supersededEnd,
    pairRank,
    dueKind,
    dueDay,
    dueEvery,
    entries,
    asOfKey,
    level,
    killKey,
    priorMax,
    supersededAt: Int32Array.from(superseded),
  };
}

/**
 * Fills asOfKey for entries[start, end) and puts them in time order; most pairs arrive in order and
 * are only checked.
 */
function putInTimeOrder(entries: ScoringAssessment[], asOfKey: Int32Array, start: number, end: number) {
  let ordered = true;
  for (let e = start; e < end; e++) {
    const a = entries[e] as ScoringAssessment;
    const key = requireKey(a.asOf, `assessment "${a.id}" asOf`);
    asOfKey[e] = key;
    if (e > start) {
      const before = asOfKey[e - 1] as number;
      if (before > key || (before === key && compareAssessments(entries[e - 1] as ScoringAssessment, a) > 0))
        ordered = false;
    }
  }
  if (ordered) return;
  const sorted = entries.slice(start, end).sort(compareAssessments);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as ScoringAssessment;
    entries[start + i] = a;
    asOfKey[start + i] = requireKey(a.asOf, `assessment "${a.id}" asOf`);
  }
}

/**
 * The position of pair p's current entry on a date (a date key), or -1 when nothing counts yet: the
 * last entry dated on or before the date that no correction dated on or before it supersedes. A binary
 * search, then a step back over superseded entries.
 */
export function currentEntry(index: AssessmentIndex, p: number, onKey: number): number {
  const { asOfKey, killKey } = index;
  const start = index.pairStart[p] as number;
  let low = start;
  let high = index.pairEnd[p] as number;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((asOfKey[middle] as number) <= onKey) low = middle + 1;
    else high = middle;
  }
  let at = low - 1;
  while (at >= start && (killKey[at] as number) <= onKey) at--;
  return at >= start ? at : -1;
}

/** The highest level among pair p's entries before `at` that count on the date; -1 if none. */
export function earlierPeak(index: AssessmentIndex, p: number, at: number, onKey: number): number {
  const { killKey, level, supersededAt } = index;
  let peak = index.priorMax[at] as number;
  // Superseded entries are left out of priorMax: they count as earlier levels until their correction does.
  for (let s = index.supersededStart[p] as number; s < (index.supersededEnd[p] as number); s++) {
    const e = supersededAt[s] as number;
    if (e < at && (killKey[e] as number) > onKey && (level[e] as number) > peak) peak = level[e] as number;
  }
  return peak;
}

/** Pair p's due date (day number) on a day, undefined for none; as `dueDayOn` (method, point 6). */
export function pairDueDay(index: AssessmentIndex, p: number, onDay: number): number | undefined {
  const kind = index.dueKind[p] as number;
  if (kind === 0) return undefined;
  const first = index.dueDay[p] as number;
  if (kind === 1 || onDay < first) return first;
  const every = index.dueEvery[p] as number;
  return first + Math.floor((onDay - first) / every) * every;
}
