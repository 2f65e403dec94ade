import { describe, expect, it } from "vitest";
import { seededRandom } from "../test-support/random.js";
import {
  buildAssessmentIndex,
  type ComplianceGroup,
  type ComplianceGroupBy,
  computeCompliance,
  currentLevels,
  type Level,
  levelHistory,
  type ScoringAssessment,
  type ScoringCommitment,
} from "./compliance.js";

/**
 * The method written out as plainly as possible (the way someone would reproduce it from the exported
 * JSON), with Date arithmetic and whole-list scans, checked against the indexed fast path on random data.
 */
function reference(
  commitments: ScoringCommitment[],
  assessments: ScoringAssessment[],
  asOf: string,
  groupBy: ComplianceGroupBy,
): ComplianceGroup[] {
  // point 2: confirmed, dated on or before D, not superseded by another such assessment
  const dated = assessments.filter((a) => a.confirmed && a.asOf <= asOf);
  const counting = dated.filter(
    (a) =>
      !dated.some(
        (b) =>
          b.supersedesId === a.id &&
          b.id !== a.id &&
          b.commitmentId === a.commitmentId &&
          b.partyId === a.partyId,
      ),
  );
  const order = (a: ScoringAssessment, b: ScoringAssessment) =>
    a.asOf.localeCompare(b.asOf, "en") ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const addDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const due = (c: ScoringCommitment): string | undefined => {
    const d = c.deadline;
    if (d.kind === "absolute") return d.date;
    if (d.kind === "recurring") {
      if (asOf < d.firstDate) return d.firstDate;
      let date = d.firstDate;
      while (addDays(date, d.everyDays) <= asOf) date = addDays(date, d.everyDays);
      return date;
    }
    if (d.kind === "relative") {
      const anchor = commitments.find((x) => x.id === d.afterCommitmentId)?.deadline;
      return anchor?.kind === "absolute" ? addDays(anchor.date, d.offsetDays) : undefined;
    }
    return undefined;
  };
  const groups = new Map<string, ComplianceGroup & { sum: number; n: number }>();
  for (const c of commitments)
    for (const partyId of new Set(c.obligorPartyIds)) {
      const history = counting.filter((a) => a.commitmentId === c.id && a.partyId === partyId).sort(order);
      const current = history.at(-1);
      const earlier = history.slice(0, -1).flatMap((a) => (a.level === null ? [] : [a.level]));
      const level = current?.level;
      const reversed = level !== undefined && level !== null && earlier.some((l) => l > level);
      const dueDate = due(c);
      const pastDue = dueDate !== undefined && dueDate < asOf;
      const overdue = pastDue && (level === 0 || level === 1 || level === 2);
      const keys =
        groupBy === "party"
          ? [partyId]
          : groupBy === "process"
            ? [c.processId]
            : groupBy === "agreement"
              ? [c.agreementId ?? "none"]
              : c.categories.length
                ? [...new Set(c.categories)]
                : ["uncategorised"];
      for (const key of keys) {
        const g = groups.get(key) ?? {
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
          sum: 0,
          n: 0,
        };
        groups.set(key, g);
        g.pairs++;
        if (level === undefined) g.unassessed++;
        else if (level === null) g.notApplicable++;
        else {
          g.assessed++;
          g.levelCounts[level]++;
          g.sum += level / 3;
          g.n++;
        }
        if (reversed) g.reversals++;
        if (pastDue && level === undefined) g.pastDueUnassessed++;
        if (overdue && dueDate) {
          g.overdue++;
          g.overdueItems.push({ commitmentId: c.id, partyId, dueDate, currentLevel: level });
          g.overdueItems.sort(
            (x, y) =>
              x.dueDate.localeCompare(y.dueDate) ||
              x.commitmentId.localeCompare(y.commitmentId) ||
              x.partyId.localeCompare(y.partyId),
          );
        }
      }
    }
  return [...groups.values()]
    .map(({ sum, n, ...g }) => ({ ...g, index: n > 0 ? (100 * sum) / n : null }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

function randomData(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const date = () =>
    new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 1000) * 86_400_000).toISOString().slice(0, 10);
  const parties = ["a", "b", "c"];
  const commitments: ScoringCommitment[] = [];
  for (let i = 0; i < 30; i++) {
    const roll = next();
    commitments.push({
      id: `c${i}`,
      processId: pick(["p", "q"]),
      agreementId: pick(["x", "y", undefined]),
      obligorPartyIds: parties.filter(() => next() < 0.5).concat(pick(parties)),
      categories: ["ceasefire", "withdrawal", "detainees"].filter(() => next() < 0.4),
      deadline:
        roll < 0.3
          ? { kind: "absolute", date: date() }
          : roll < 0.45
            ? { kind: "recurring", firstDate: date(), everyDays: 1 + Math.floor(next() * 120) }
            : roll < 0.6
              ? {
                  kind: "relative",
                  afterCommitmentId: `c${Math.floor(next() * 30)}`,
                  offsetDays: Math.floor(next() * 60),
                }
              : { kind: "none" },
    });
  }
  const assessments: ScoringAssessment[] = [];
  for (let i = 0; i < 400; i++) {
    const c = pick(commitments);
    const partyId = next() < 0.95 ? pick(c.obligorPartyIds) : "stranger";
    const samePair = assessments.filter((a) => a.commitmentId === c.id && a.partyId === partyId);
    assessments.push({
      id: `s${i}`,
      commitmentId: c.id,
      partyId,
      asOf: date(),
      level: pick<Level>([0, 1, 2, 3, 0, 1, 2, 3, null]),
      // mostly corrections within the pair; a few (which the rules refuse) naming another pair's assessment
      supersedesId:
        samePair.length > 0 && next() < 0.15
          ? pick(samePair).id
          : assessments.length > 0 && next() < 0.03
            ? pick(assessments).id
            : undefined,
      confirmed: next() < 0.85,
      // few distinct instants, so that ties on asOf and createdAt happen and the id decides
      createdAt: `2026-01-0${1 + Math.floor(next() * 3)}T00:00:00Z`,
    });
  }
  // shuffle, so that nothing relies on input order
  for (let i = assessments.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [assessments[i], assessments[j]] = [
      assessments[j] as ScoringAssessment,
      assessments[i] as ScoringAssessment,
    ];
  }
  return { commitments, assessments, date };
}

describe("the indexed computation agrees with the method written out plainly", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`on random data (seed ${seed})`, () => {
      const { commitments, assessments, date } = randomData(seed);
      const index = buildAssessmentIndex(commitments, assessments);
      for (let i = 0; i < 12; i++) {
        const asOf = date();
        for (const groupBy of ["party", "category", "agreement", "process"] as const) {
          const fast = computeCompliance(index, { asOf, groupBy });
          const plain = reference(commitments, assessments, asOf, groupBy);
          expect(fast.map(({ index: _, ...g }) => g)).toEqual(plain.map(({ index: _, ...g }) => g));
          fast.forEach((g, k) => {
            const expected = plain[k]?.index ?? null;
            if (expected === null) expect(g.index).toBeNull();
            else expect(g.index).toBeCloseTo(expected, 9);
          });
        }
        // the history as of a date ends with the current level and its reversal flag
        const current = currentLevels(index, asOf);
        for (const c of commitments)
          for (const partyId of c.obligorPartyIds) {
            const history = levelHistory(index, c.id, partyId, asOf);
            expect(history).toEqual(levelHistory(assessments, c.id, partyId, asOf));
            const entry = current.get(`${c.id}|${partyId}`);
            expect(history.at(-1)?.assessmentId).toBe(entry?.assessment.id);
            if (entry) expect(history.at(-1)?.reversed).toBe(entry.reversed);
          }
      }
    });
  }
});
