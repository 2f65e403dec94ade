import { describe, expect, it } from "vitest";
import {
  buildAssessmentIndex,
  computeCompliance,
  currentLevels,
  dueDate,
  type Level,
  levelHistory,
  type ScoringAssessment,
  type ScoringCommitment,
} from "./compliance.js";

const commitment = (id: string, over: Partial<ScoringCommitment> = {}): ScoringCommitment => ({
  id,
  processId: "p",
  agreementId: "ag",
  obligorPartyIds: ["a"],
  categories: ["ceasefire"],
  deadline: { kind: "none" },
  ...over,
});

let sequence = 0;
const assessment = (
  commitmentId: string,
  partyId: string,
  asOf: string,
  level: Level,
  over: Partial<ScoringAssessment> = {},
): ScoringAssessment => ({
  id: `s${++sequence}`,
  commitmentId,
  partyId,
  asOf,
  level,
  supersedesId: undefined,
  confirmed: true,
  createdAt: `2026-01-01T00:00:${String(sequence).padStart(2, "0")}Z`,
  ...over,
});

const groupOf = (groups: ReturnType<typeof computeCompliance>, key: string) => {
  const group = groups.find((g) => g.key === key);
  if (!group) throw new Error(`no group ${key}`);
  return group;
};

describe("computeCompliance", () => {
  it("scores levels as thirds and averages them: (3 + 1) / 3 / 2 = 66.7", () => {
    const index = buildAssessmentIndex(
      [commitment("c1"), commitment("c2")],
      [assessment("c1", "a", "2021-01-01", 3), assessment("c2", "a", "2021-01-01", 1)],
    );
    const [group] = computeCompliance(index, { asOf: "2021-06-01", groupBy: "party" });
    // c1: 3/3 = 1; c2: 1/3; mean = (1 + 1/3) / 2 = 2/3 → 66.67
    expect(group?.index).toBeCloseTo(66.667, 2);
    expect(group?.levelCounts).toEqual({ 0: 0, 1: 1, 2: 0, 3: 1 });
  });

  it("flags a reversal and scores the current, lower level: 2 then 1 → 33.3", () => {
    const index = buildAssessmentIndex(
      [commitment("c1")],
      [assessment("c1", "a", "2021-01-01", 2), assessment("c1", "a", "2021-03-01", 1)],
    );
    const [before] = computeCompliance(index, { asOf: "2021-02-01", groupBy: "party" });
    const [after] = computeCompliance(index, { asOf: "2021-03-01", groupBy: "party" });
    expect(before?.index).toBeCloseTo(66.667, 2); // 2/3
    expect(before?.reversals).toBe(0);
    expect(after?.index).toBeCloseTo(33.333, 2); // 1/3
    expect(after?.reversals).toBe(1);
    const current = currentLevels(index, "2021-03-01").get("c1|a");
    expect(current).toMatchObject({ reversed: true, reversedFrom: 2 });
  });

  it("leaves not applicable and unassessed pairs out of the index and counts them apart", () => {
    const index = buildAssessmentIndex(
      [commitment("c1"), commitment("c2"), commitment("c3")],
      [assessment("c1", "a", "2021-01-01", 2), assessment("c2", "a", "2021-01-01", null)],
    );
    const [group] = computeCompliance(index, { asOf: "2021-06-01", groupBy: "party" });
    // only c1 is scored: 2/3 → 66.7; c2 not applicable; c3 never assessed (not scored as 0)
    expect(group).toMatchObject({ pairs: 3, assessed: 1, notApplicable: 1, unassessed: 1 });
    expect(group?.index).toBeCloseTo(66.667, 2);
  });

  it("has no index for a group with nothing scored", () => {
    const index = buildAssessmentIndex([commitment("c1")], []);
    const [group] = computeCompliance(index, { asOf: "2021-06-01", groupBy: "party" });
    expect(group?.index).toBeNull();
    expect(group?.unassessed).toBe(1);
  });

  it("counts an assessed pair below full as overdue from the day after its deadline", () => {
    const deadline = { kind: "absolute" as const, date: "2020-11-15" };
    const index = buildAssessmentIndex(
      [
        commitment("late", { deadline }),
        commitment("done", { deadline }),
        commitment("na", { deadline }),
        commitment("never", { deadline }),
      ],
      [
        assessment("late", "a", "2020-11-01", 2),
        assessment("done", "a", "2020-11-01", 3),
        assessment("na", "a", "2020-11-01", null),
      ],
    );
    const [onTheDay] = computeCompliance(index, { asOf: "2020-11-15", groupBy: "party" });
    const [dayAfter] = computeCompliance(index, { asOf: "2020-11-16", groupBy: "party" });
    expect(onTheDay?.overdue).toBe(0);
    // late (level 2) is overdue; done is full; na is not applicable; never is not assessed, so it is
    // counted apart as "deadline passed, not assessed" rather than called overdue
    expect(dayAfter?.overdue).toBe(1);
    expect(dayAfter?.overdueItems).toEqual([
      { commitmentId: "late", partyId: "a", dueDate: "2020-11-15", currentLevel: 2 },
    ]);
    expect(dayAfter?.pastDueUnassessed).toBe(1);
    expect(onTheDay?.pastDueUnassessed).toBe(0);
    // overdue does not change the score: only late and done are scored: (2/3 + 1) / 2 = 83.3
    expect(dayAfter?.index).toBeCloseTo(83.333, 2);
  });

  it("counts an assessment dated exactly on the as-of date, not one dated the day after", () => {
    const index = buildAssessmentIndex([commitment("c1")], [assessment("c1", "a", "2021-05-01", 3)]);
    expect(computeCompliance(index, { asOf: "2021-05-01", groupBy: "party" })[0]?.index).toBe(100);
    expect(computeCompliance(index, { asOf: "2021-04-30", groupBy: "party" })[0]?.index).toBeNull();
  });

  it("scores each obligor of one commitment separately", () => {
    const index = buildAssessmentIndex(
      [commitment("c1", { obligorPartyIds: ["a", "b"] })],
      [assessment("c1", "a", "2021-01-01", 3), assessment("c1", "b", "2021-01-01", 0)],
    );
    const groups = computeCompliance(index, { asOf: "2021-02-01", groupBy: "party" });
    expect(groupOf(groups, "a").index).toBe(100);
    expect(groupOf(groups, "b").index).toBe(0);
    // by process both pairs count: (1 + 0) / 2 = 50
    expect(computeCompliance(index, { asOf: "2021-02-01", groupBy: "process" })[0]?.index).toBe(50);
    expect(computeCompliance(index, { asOf: "2021-02-01", groupBy: "party", partyId: "b" })).toHaveLength(1);
  });

  it("lets a correction replace what it supersedes, even when dated earlier", () => {
    const wrong = assessment("c1", "a", "2021-03-01", 3);
    const correction = assessment("c1", "a", "2021-02-01", 1, { supersedesId: wrong.id });
    const index = buildAssessmentIndex([commitment("c1")], [wrong, correction]);
    // without the correction the 1 March assessment (3) would be current; with it, only the 1 Feb one (1) counts
    expect(computeCompliance(index, { asOf: "2021-06-01", groupBy: "party" })[0]?.index).toBeCloseTo(
      33.333,
      2,
    );
    expect(currentLevels(index, "2021-06-01").get("c1|a")?.assessment.id).toBe(correction.id);
  });

  it("ignores unconfirmed assessments, and a correction that is not yet confirmed", () => {
    const confirmed = assessment("c1", "a", "2021-01-01", 2);
    const draft = assessment("c1", "a", "2021-02-01", 0, { confirmed: false });
    const draftCorrection = assessment("c1", "a", "2021-02-02", 0, {
      confirmed: false,
      supersedesId: confirmed.id,
    });
    const index = buildAssessmentIndex([commitment("c1")], [confirmed, draft, draftCorrection]);
    expect(computeCompliance(index, { asOf: "2021-06-01", groupBy: "party" })[0]?.index).toBeCloseTo(
      66.667,
      2,
    );
  });

  it("puts a commitment with two categories in both category groups, and groups by agreement", () => {
    const index = buildAssessmentIndex(
      [
        commitment("c1", { categories: ["ceasefire", "withdrawal"], agreementId: "x" }),
        commitment("c2", { categories: ["withdrawal"], agreementId: "y" }),
        commitment("c3", { categories: [], agreementId: undefined }),
      ],
      [
        assessment("c1", "a", "2021-01-01", 3),
        assessment("c2", "a", "2021-01-01", 0),
        assessment("c3", "a", "2021-01-01", 3),
      ],
    );
    const byCategory = computeCompliance(index, { asOf: "2021-02-01", groupBy: "category" });
    expect(groupOf(byCategory, "ceasefire").index).toBe(100);
    expect(groupOf(byCategory, "withdrawal").index).toBe(50); // (1 + 0) / 2
    expect(groupOf(byCategory, "uncategorised").pairs).toBe(1);
    const byAgreement = computeCompliance(index, { asOf: "2021-02-01", groupBy: "agreement" });
    expect(byAgreement.map((g) => g.key)).toEqual(["none", "x", "y"]);
  });

  it("weights commitments: weight 3 on a full and 1 on a zero → 75", () => {
    const index = buildAssessmentIndex(
      [commitment("c1"), commitment("c2")],
      [assessment("c1", "a", "2021-01-01", 3), assessment("c2", "a", "2021-01-01", 0)],
    );
    const [group] = computeCompliance(index, { asOf: "2021-02-01", groupBy: "party", weights: { c1: 3 } });
    // (3 × 1 + 1 × 0) / (3 + 1) = 0.75
    expect(group?.index).toBe(75);
  });
});

describe("dueDate", () => {
  it("resolves recurring deadlines to the latest due date on or before the as-of date", () => {
    const deadline = { kind: "recurring" as const, firstDate: "2023-01-01", everyDays: 56 };
    expect(dueDate(deadline, "2023-02-25")).toBe("2023-01-01"); // day 55
    expect(dueDate(deadline, "2023-02-26")).toBe("2023-02-26"); // day 56
  });

  it("resolves a relative deadline from an absolute one, and leaves others unresolved", () => {
    const relative = { kind: "relative" as const, afterCommitmentId: "c0", offsetDays: 10 };
    expect(dueDate(relative, "2021-01-01", () => ({ kind: "absolute", date: "2020-11-15" }))).toBe(
      "2020-11-25",
    );
    expect(dueDate(relative, "2021-01-01", () => ({ kind: "none" }))).toBeUndefined();
  });
});

describe("levelHistory", () => {
  it("lists the counting assessments in order, marking reversals", () => {
    const wrong = assessment("c1", "a", "2021-02-01", 0);
    const list = [
      assessment("c1", "a", "2021-01-01", 2),
      wrong,
      assessment("c1", "a", "2021-02-02", 3, { supersedesId: wrong.id }),
      assessment("c1", "a", "2021-04-01", 1),
      assessment("c1", "b", "2021-04-01", 1),
    ];
    expect(levelHistory(list, "c1", "a")).toEqual([
      { asOf: "2021-01-01", level: 2, reversed: false },
      { asOf: "2021-02-02", level: 3, reversed: false },
      { asOf: "2021-04-01", level: 1, reversed: true },
    ]);
  });
});
