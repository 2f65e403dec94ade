import { describe, expect, it } from "vitest";
import {
  buildAssessmentIndex,
  type ComplianceGroup,
  complianceMethod,
  computeCompliance,
  currentLevels,
  type Level,
  levelHistory,
  pairStatuses,
  roundIndex,
  type ScoringAssessment,
  type ScoringCommitment,
} from "./compliance.js";

// Hand-computed cases. Score = level / 3; index = 100 × mean of scores. Every expected number is worked
// out in the comment beside it.

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
): ScoringAssessment => {
  sequence++;
  return {
    id: `s${String(sequence).padStart(4, "0")}`,
    commitmentId,
    partyId,
    asOf,
    level,
    confirmed: true,
    createdAt: `2026-01-01T00:00:00.${String(sequence).padStart(6, "0")}Z`,
    ...over,
  };
};

const score = (
  commitments: ScoringCommitment[],
  assessments: ScoringAssessment[],
  asOf: string,
  groupBy: "party" | "category" | "agreement" | "process" = "party",
) => computeCompliance(buildAssessmentIndex(commitments, assessments), { asOf, groupBy });

const only = (groups: ComplianceGroup[]): ComplianceGroup => {
  expect(groups).toHaveLength(1);
  return groups[0] as ComplianceGroup;
};

const groupOf = (groups: ComplianceGroup[], key: string): ComplianceGroup => {
  const group = groups.find((g) => g.key === key);
  if (!group) throw new Error(`no group ${key}`);
  return group;
};

describe("scoring and aggregation", () => {
  it("scores levels as thirds and averages the pairs", () => {
    const group = only(
      score(
        [commitment("c1"), commitment("c2")],
        [assessment("c1", "a", "2021-01-01", 3), assessment("c2", "a", "2021-01-01", 1)],
        "2021-06-01",
      ),
    );
    // c1: 3/3 = 1; c2: 1/3; mean (1 + 1/3) / 2 = 2/3 → 66.666…, shown 66.7
    expect(group.index).toBeCloseTo(200 / 3, 9);
    expect(roundIndex(group.index)).toBe(66.7);
    expect(group).toMatchObject({ pairs: 2, assessed: 2, levelCounts: { 0: 0, 1: 1, 2: 0, 3: 1 } });
  });

  it("leaves not applicable and not-yet-assessed pairs out of the index, counted apart", () => {
    const group = only(
      score(
        [commitment("c1"), commitment("c2"), commitment("c3")],
        [assessment("c1", "a", "2021-01-01", 2), assessment("c2", "a", "2021-01-01", null)],
        "2021-06-01",
      ),
    );
    // only c1 is scored: 2/3 → 66.666…; c2 not applicable; c3 never assessed (NOT scored as 0, which
    // would give (2/3 + 0) / 2 = 33.3)
    expect(group).toMatchObject({ pairs: 3, assessed: 1, notApplicable: 1, unassessed: 1 });
    expect(group.index).toBeCloseTo(200 / 3, 9);
  });

  it("has no index (null, not 0) for a group with nothing scored, and reports requested empty groups", () => {
    const nothing = only(score([commitment("c1")], [], "2021-06-01"));
    expect(nothing).toMatchObject({ index: null, pairs: 1, unassessed: 1 });
    const allNa = only(score([commitment("c1")], [assessment("c1", "a", "2021-01-01", null)], "2021-06-01"));
    expect(allNa).toMatchObject({ index: null, pairs: 1, notApplicable: 1 });
    const index = buildAssessmentIndex([commitment("c1")], [assessment("c1", "a", "2021-01-01", 0)]);
    const groups = computeCompliance(index, { asOf: "2021-06-01", groupBy: "party", keys: ["a", "z"] });
    // a: level 0 → 0 / 3 = 0 (a real zero); z: owes nothing → no index
    expect(groupOf(groups, "a").index).toBe(0);
    expect(groupOf(groups, "z")).toMatchObject({ index: null, pairs: 0, assessed: 0 });
    expect(computeCompliance(index, { asOf: "2021-06-01", groupBy: "party", partyId: "z" })).toEqual([]);
    expect(
      computeCompliance(buildAssessmentIndex([], []), { asOf: "2021-06-01", groupBy: "process" }),
    ).toEqual([]);
  });

  it("scores each obligor of one commitment separately", () => {
    const commitments = [commitment("c1", { obligorPartyIds: ["a", "b", "c"] })];
    const assessments = [assessment("c1", "a", "2021-01-01", 3), assessment("c1", "b", "2021-01-01", 0)];
    const byParty = score(commitments, assessments, "2021-02-01");
    // a: 3/3 → 100; b: 0/3 → 0; c: not yet assessed → null
    expect(byParty.map((g) => [g.key, g.index])).toEqual([
      ["a", 100],
      ["b", 0],
      ["c", null],
    ]);
    // by process: the three pairs; scored a and b: (1 + 0) / 2 = 50; c counted as unassessed
    expect(only(score(commitments, assessments, "2021-02-01", "process"))).toMatchObject({
      key: "p",
      index: 50,
      pairs: 3,
      assessed: 2,
      unassessed: 1,
    });
  });

  it("ignores assessments of a party that is not an obligor, or of a commitment not given", () => {
    const group = only(
      score(
        [commitment("c1")],
        [
          assessment("c1", "a", "2021-01-01", 3),
          assessment("c1", "b", "2021-01-01", 0),
          assessment("c9", "a", "2021-01-01", 0),
        ],
        "2021-02-01",
      ),
    );
    // only c1|a: 3/3 → 100
    expect(group).toMatchObject({ index: 100, pairs: 1 });
  });

  it("puts a commitment with two categories in both category groups", () => {
    const groups = score(
      [
        commitment("c1", { categories: ["ceasefire", "withdrawal", "ceasefire"] }),
        commitment("c2", { categories: ["withdrawal"] }),
        commitment("c3", { categories: [] }),
      ],
      [
        assessment("c1", "a", "2021-01-01", 3),
        assessment("c2", "a", "2021-01-01", 0),
        assessment("c3", "a", "2021-01-01", 2),
      ],
      "2021-02-01",
      "category",
    );
    // ceasefire: c1 only (listed twice, counted once): 1 → 100
    // withdrawal: c1 and c2: (1 + 0) / 2 → 50
    // uncategorised: c3: 2/3 → 66.666…
    expect(groupOf(groups, "ceasefire")).toMatchObject({ index: 100, pairs: 1 });
    expect(groupOf(groups, "withdrawal")).toMatchObject({ index: 50, pairs: 2 });
    expect(groupOf(groups, "uncategorised").index).toBeCloseTo(200 / 3, 9);
  });

  it("groups by agreement (none for commitments from meetings) and by process", () => {
    const commitments = [
      commitment("c1", { agreementId: "x" }),
      commitment("c2", { agreementId: "x" }),
      commitment("c3", { agreementId: "y", processId: "q" }),
      commitment("c4", { agreementId: undefined }),
    ];
    const assessments = [
      assessment("c1", "a", "2021-01-01", 3),
      assessment("c2", "a", "2021-01-01", 2),
      assessment("c3", "a", "2021-01-01", 1),
      assessment("c4", "a", "2021-01-01", 0),
    ];
    const byAgreement = score(commitments, assessments, "2021-02-01", "agreement");
    // none: c4: 0; x: (1 + 2/3) / 2 = 5/6 → 83.333…; y: 1/3 → 33.333…
    expect(byAgreement.map((g) => g.key)).toEqual(["none", "x", "y"]);
    expect(groupOf(byAgreement, "none").index).toBe(0);
    expect(groupOf(byAgreement, "x").index).toBeCloseTo(250 / 3, 9);
    expect(groupOf(byAgreement, "y").index).toBeCloseTo(100 / 3, 9);
    const byProcess = score(commitments, assessments, "2021-02-01", "process");
    // p: c1, c2, c4: (1 + 2/3 + 0) / 3 = 5/9 → 55.555…; q: c3: 1/3 → 33.333…
    expect(groupOf(byProcess, "p").index).toBeCloseTo(500 / 9, 9);
    expect(groupOf(byProcess, "q").index).toBeCloseTo(100 / 3, 9);
  });

  it("weights pairs: by commitment, by pair (which wins), zero; refuses a negative weight", () => {
    const index = buildAssessmentIndex(
      [commitment("c1"), commitment("c2", { obligorPartyIds: ["a", "b"] })],
      [
        assessment("c1", "a", "2021-01-01", 3),
        assessment("c2", "a", "2021-01-01", 0),
        assessment("c2", "b", "2021-01-01", 2),
      ],
    );
    const run = (weights: Record<string, number>) =>
      computeCompliance(index, { asOf: "2021-02-01", groupBy: "process", weights })[0]?.index;
    // unweighted: (1 + 0 + 2/3) / 3 = 5/9 → 55.555…
    expect(run({})).toBeCloseTo(500 / 9, 9);
    // c1 × 3: (3 × 1 + 0 + 2/3) / (3 + 1 + 1) = (11/3) / 5 = 11/15 → 73.333…
    expect(run({ c1: 3 })).toBeCloseTo(220 / 3, 9);
    // c2 × 2 for c2|a, but c2|b × 0: (1 × 1 + 2 × 0 + 0 × 2/3) / (1 + 2 + 0) = 1/3 → 33.333…
    expect(run({ c2: 2, "c2|b": 0 })).toBeCloseTo(100 / 3, 9);
    // everything × 0: nothing weighs, so no index
    expect(run({ c1: 0, c2: 0 })).toBeNull();
    expect(() => run({ c1: -1 })).toThrow(RangeError);
  });

  it("refuses an as-of date that is not a calendar date", () => {
    const index = buildAssessmentIndex([commitment("c1")], []);
    expect(() => computeCompliance(index, { asOf: "2021-02-30", groupBy: "party" })).toThrow(/calendar date/);
    expect(() => currentLevels(index, "yesterday")).toThrow(RangeError);
  });

  it("states its method for the app to show", () => {
    expect(complianceMethod).toContain("Not applicable");
    expect(complianceMethod).toContain("overdue from 16 November");
  });
});

describe("as-of dates", () => {
  it("counts an assessment dated exactly on the as-of date, not one dated the day after", () => {
    const commitments = [commitment("c1")];
    const assessments = [assessment("c1", "a", "2021-05-01", 3)];
    // on 1 May the level-3 assessment counts: 3/3 → 100
    expect(only(score(commitments, assessments, "2021-05-01")).index).toBe(100);
    // on 30 April it is dated the day after: nothing counts → unassessed, no index
    expect(only(score(commitments, assessments, "2021-04-30"))).toMatchObject({ index: null, unassessed: 1 });
  });

  it("takes the latest by asOf, then by createdAt, then by id", () => {
    const commitments = [commitment("c1")];
    const early = assessment("c1", "a", "2021-01-01", 3, { createdAt: "2026-05-01T00:00:00Z" });
    const late = assessment("c1", "a", "2021-02-01", 1, { createdAt: "2026-01-01T00:00:00Z" });
    // asOf decides first, whatever was entered later: 1/3 → 33.333…
    expect(only(score(commitments, [late, early], "2021-03-01")).index).toBeCloseTo(100 / 3, 9);
    const first = assessment("c1", "a", "2021-01-01", 0, { createdAt: "2026-01-01T10:00:00Z" });
    const second = assessment("c1", "a", "2021-01-01", 2, { createdAt: "2026-01-01T11:00:00Z" });
    // same asOf: the later createdAt (2): 2/3 → 66.666…
    expect(only(score(commitments, [second, first], "2021-03-01")).index).toBeCloseTo(200 / 3, 9);
    const x = assessment("c1", "a", "2021-01-01", 3, { id: "x", createdAt: "2026-01-01T10:00:00Z" });
    const y = assessment("c1", "a", "2021-01-01", 1, { id: "y", createdAt: "2026-01-01T10:00:00Z" });
    // same asOf and createdAt: the larger id ("y" > "x", level 1): 1/3 → 33.333…
    expect(only(score(commitments, [y, x], "2021-03-01")).index).toBeCloseTo(100 / 3, 9);
  });

  it("ignores unconfirmed assessments, including an unconfirmed correction", () => {
    const confirmed = assessment("c1", "a", "2021-01-01", 2);
    const draft = assessment("c1", "a", "2021-02-01", 0, { confirmed: false });
    const draftCorrection = assessment("c1", "a", "2021-02-02", 0, {
      confirmed: false,
      supersedesId: confirmed.id,
    });
    const group = only(score([commitment("c1")], [confirmed, draft, draftCorrection], "2021-06-01"));
    // only the confirmed 2 counts: 2/3 → 66.666… (with the draft: 0; with the draft correction: 0)
    expect(group.index).toBeCloseTo(200 / 3, 9);
  });
});

describe("reversals", () => {
  it("flags 2 → 1 and scores the current, lower level", () => {
    const index = buildAssessmentIndex(
      [commitment("c1")],
      [assessment("c1", "a", "2021-01-01", 2), assessment("c1", "a", "2021-03-01", 1)],
    );
    const before = only(computeCompliance(index, { asOf: "2021-02-28", groupBy: "party" }));
    const after = only(computeCompliance(index, { asOf: "2021-03-01", groupBy: "party" }));
    // before: 2/3 → 66.666…, no reversal; after: 1/3 → 33.333…, one reversal (2 → 1)
    expect(before.index).toBeCloseTo(200 / 3, 9);
    expect(before.reversals).toBe(0);
    expect(after.index).toBeCloseTo(100 / 3, 9);
    expect(after.reversals).toBe(1);
    expect(currentLevels(index, "2021-03-01").get("c1|a")).toMatchObject({
      reversed: true,
      reversedFrom: 2,
      reversedTo: 1,
    });
  });

  it("reports a reversal from the highest earlier level, until the level climbs back", () => {
    const index = buildAssessmentIndex(
      [commitment("c1")],
      [
        assessment("c1", "a", "2021-01-01", 3),
        assessment("c1", "a", "2021-02-01", 1),
        assessment("c1", "a", "2021-03-01", 2),
        assessment("c1", "a", "2021-04-01", null),
        assessment("c1", "a", "2021-05-01", 3),
      ],
    );
    const at = (date: string) => currentLevels(index, date).get("c1|a");
    expect(at("2021-02-15")).toMatchObject({ reversed: true, reversedFrom: 3, reversedTo: 1 });
    expect(at("2021-03-15")).toMatchObject({ reversed: true, reversedFrom: 3, reversedTo: 2 });
    // not applicable is not a reversal (and leaves the index)
    expect(at("2021-04-15")?.reversed).toBe(false);
    expect(at("2021-05-15")?.reversed).toBe(false);
  });
});

describe("supersession", () => {
  it("lets a correction dated earlier than what it corrects replace it", () => {
    const wrong = assessment("c1", "a", "2021-03-01", 3);
    const correction = assessment("c1", "a", "2021-02-01", 1, { supersedesId: wrong.id });
    const index = buildAssessmentIndex([commitment("c1")], [wrong, correction]);
    const at = (asOf: string) => only(computeCompliance(index, { asOf, groupBy: "party" }));
    // 15 Jan: nothing dated yet → no index
    expect(at("2021-01-15").index).toBeNull();
    // 15 Feb: the correction (1): 33.333…
    expect(at("2021-02-15").index).toBeCloseTo(100 / 3, 9);
    // 15 Mar: the 1 March assessment (3) would be the latest, but the correction supersedes it: still 33.333…
    expect(at("2021-03-15").index).toBeCloseTo(100 / 3, 9);
    expect(currentLevels(index, "2021-03-15").get("c1|a")?.assessment.id).toBe(correction.id);
  });

  it("lets a correction dated later take effect from its own date, with no reversal from what it replaced", () => {
    const original = assessment("c1", "a", "2021-01-01", 3);
    const correction = assessment("c1", "a", "2021-02-01", 1, { supersedesId: original.id });
    const index = buildAssessmentIndex([commitment("c1")], [original, correction]);
    // 15 Jan: the correction is not dated yet, so the original (3) counts: 100
    expect(only(computeCompliance(index, { asOf: "2021-01-15", groupBy: "party" })).index).toBe(100);
    // 15 Feb: the correction (1): 33.333…, and 3 → 1 is not a reversal: the 3 no longer counts
    const feb = only(computeCompliance(index, { asOf: "2021-02-15", groupBy: "party" }));
    expect(feb.index).toBeCloseTo(100 / 3, 9);
    expect(feb.reversals).toBe(0);
  });

  it("keeps a superseded level out of reversals only once its superseder counts", () => {
    const a = assessment("c1", "a", "2021-01-01", 3);
    const b = assessment("c1", "a", "2021-03-01", 1);
    const c = assessment("c1", "a", "2021-02-01", 2, { supersedesId: a.id });
    const index = buildAssessmentIndex([commitment("c1")], [a, b, c]);
    const at = (date: string) => currentLevels(index, date).get("c1|a");
    expect(at("2021-01-15")).toMatchObject({ reversed: false, assessment: { id: a.id } });
    // 15 Feb: c (2) replaces a (3): current 2, earlier levels that count: none → not reversed
    expect(at("2021-02-15")).toMatchObject({ reversed: false, assessment: { id: c.id } });
    // 15 Mar: b (1) after c (2): reversed 2 → 1 (a's 3 does not count)
    expect(at("2021-03-15")).toMatchObject({ reversed: true, reversedFrom: 2, reversedTo: 1 });
  });

  it("counts a superseded level as an earlier level until its superseder is dated", () => {
    const a = assessment("c1", "a", "2021-01-01", 3);
    const b = assessment("c1", "a", "2021-02-01", 1);
    const c = assessment("c1", "a", "2021-03-01", 2, { supersedesId: a.id });
    const index = buildAssessmentIndex([commitment("c1")], [a, b, c]);
    const at = (date: string) => currentLevels(index, date).get("c1|a");
    // 15 Feb: b (1) after a (3), which nothing dated yet supersedes: reversed 3 → 1
    expect(at("2021-02-15")).toMatchObject({ reversed: true, reversedFrom: 3, reversedTo: 1 });
    // 15 Mar: c (2) is current; a no longer counts; b (1) is lower: not reversed
    expect(at("2021-03-15")).toMatchObject({ reversed: false, assessment: { id: c.id } });
  });

  it("ignores a supersedesId naming another pair's assessment (which the rules refuse)", () => {
    const ofB = assessment("c1", "b", "2021-01-01", 3);
    const stray = assessment("c1", "a", "2021-01-01", 0, { supersedesId: ofB.id });
    const groups = score([commitment("c1", { obligorPartyIds: ["a", "b"] })], [ofB, stray], "2021-02-01");
    // b keeps its 3 → 100; a: 0 → 0
    expect(groups.map((g) => [g.key, g.index])).toEqual([
      ["a", 0],
      ["b", 100],
    ]);
  });

  it("drops every link of a chain of corrections but the last", () => {
    const first = assessment("c1", "a", "2021-01-01", 0);
    const second = assessment("c1", "a", "2021-01-01", 3, { supersedesId: first.id });
    const third = assessment("c1", "a", "2021-01-01", 2, { supersedesId: second.id });
    const group = only(score([commitment("c1")], [third, first, second], "2021-02-01"));
    // only the third counts: 2/3 → 66.666…; the first stays dropped although its superseder is superseded
    expect(group.index).toBeCloseTo(200 / 3, 9);
    expect(group.assessed).toBe(1);
    expect(group.reversals).toBe(0);
  });
});

describe("overdue", () => {
  const deadline = { kind: "absolute" as const, date: "2020-11-15" };
  const commitments = [
    commitment("late", { deadline }),
    commitment("done", { deadline }),
    commitment("na", { deadline }),
    commitment("never", { deadline }),
  ];
  const assessments = [
    assessment("late", "a", "2020-11-01", 2),
    assessment("done", "a", "2020-11-01", 3),
    assessment("na", "a", "2020-11-01", null),
  ];

  it("counts a deadline of D as overdue from D + 1 when assessed below full; unassessed apart", () => {
    const onTheDay = only(score(commitments, assessments, "2020-11-15"));
    const dayAfter = only(score(commitments, assessments, "2020-11-16"));
    // 15 Nov: the deadline day itself → nothing overdue, nothing past due
    expect(onTheDay).toMatchObject({ overdue: 0, pastDueUnassessed: 0 });
    // 16 Nov: late (level 2) is overdue; done is full; na is not applicable; never (not yet assessed) is
    // counted apart as "deadline passed, not assessed", not called overdue
    expect(dayAfter).toMatchObject({ overdue: 1, pastDueUnassessed: 1 });
    expect(dayAfter.overdueItems).toEqual([
      { commitmentId: "late", partyId: "a", dueDate: "2020-11-15", currentLevel: 2 },
    ]);
    // no double penalty: the index is the same the day before and after. Scored: late 2/3, done 1:
    // (2/3 + 1) / 2 = 5/6 → 83.333… on both days
    expect(onTheDay.index).toBeCloseTo(250 / 3, 9);
    expect(dayAfter.index).toBeCloseTo(250 / 3, 9);
  });

  it("stops counting a pair overdue when it reaches full, and counts it again if it falls back", () => {
    const list = [
      ...assessments,
      assessment("late", "a", "2020-12-01", 3),
      assessment("late", "a", "2021-01-01", 2),
    ];
    expect(only(score(commitments, list, "2020-12-01")).overdue).toBe(0); // late is full on 1 Dec
    expect(only(score(commitments, list, "2021-01-01")).overdue).toBe(1); // late fell back to 2
  });

  it("resolves recurring deadlines to the latest occurrence on or before the date", () => {
    const recurring = [
      commitment("r", { deadline: { kind: "recurring", firstDate: "2023-01-01", everyDays: 30 } }),
    ];
    const list = [assessment("r", "a", "2022-12-01", 1)]; // level 1 throughout
    const at = (date: string) => only(score(recurring, list, date));
    // before and on the first date: not overdue
    expect(at("2022-12-31").overdue).toBe(0);
    expect(at("2023-01-01").overdue).toBe(0);
    // 2 Jan: due 1 Jan has passed
    expect(at("2023-01-02").overdueItems[0]?.dueDate).toBe("2023-01-01");
    // 31 Jan = 1 Jan + 30 days is itself a due date → not overdue on the day; 1 Feb: overdue, due 31 Jan
    expect(at("2023-01-31").overdue).toBe(0);
    expect(at("2023-02-01").overdueItems[0]?.dueDate).toBe("2023-01-31");
  });

  it("resolves a deadline relative to an absolute one and leaves the others unresolved", () => {
    const list = [
      commitment("anchor", { deadline: { kind: "absolute", date: "2020-11-10" } }),
      commitment("rel", { deadline: { kind: "relative", afterCommitmentId: "anchor", offsetDays: 10 } }),
      commitment("relrel", { deadline: { kind: "relative", afterCommitmentId: "rel", offsetDays: 1 } }),
      commitment("event", { deadline: { kind: "relative", afterEvent: "the signing", offsetDays: 0 } }),
      commitment("missing", { deadline: { kind: "relative", afterCommitmentId: "gone", offsetDays: 0 } }),
    ];
    const levels = list.map((c) => assessment(c.id, "a", "2020-11-01", 1));
    // rel: 10 Nov + 10 days = 20 Nov → met on 20 Nov, overdue from 21 Nov; the others never
    expect(only(score(list, levels, "2020-11-20")).overdueItems.map((o) => o.commitmentId)).toEqual([
      "anchor",
    ]);
    expect(only(score(list, levels, "2020-11-21")).overdueItems).toEqual([
      { commitmentId: "anchor", partyId: "a", dueDate: "2020-11-10", currentLevel: 1 },
      { commitmentId: "rel", partyId: "a", dueDate: "2020-11-20", currentLevel: 1 },
    ]);
    // the same without assessments: nothing overdue, two past due and not assessed
    expect(only(score(list, [], "2020-11-21"))).toMatchObject({ overdue: 0, pastDueUnassessed: 2 });
    const statuses = pairStatuses(buildAssessmentIndex(list, []), "2020-11-21");
    expect(statuses.map((s) => [s.commitmentId, s.dueDate, s.overdue, s.pastDueUnassessed])).toEqual([
      ["anchor", "2020-11-10", false, true],
      ["rel", "2020-11-20", false, true],
      ["relrel", null, false, false],
      ["event", null, false, false],
      ["missing", null, false, false],
    ]);
  });
});

describe("levelHistory", () => {
  const wrong = assessment("c1", "a", "2021-02-01", 0);
  const list = [
    assessment("c1", "a", "2021-01-01", 2),
    wrong,
    assessment("c1", "a", "2021-02-02", 3, { supersedesId: wrong.id }),
    assessment("c1", "a", "2021-03-01", 2, { confirmed: false }),
    assessment("c1", "a", "2021-04-01", 1),
    assessment("c1", "b", "2021-04-01", 1),
  ];
  const index = buildAssessmentIndex([commitment("c1", { obligorPartyIds: ["a", "b"] })], list);

  it("lists what counts in time order, marking reversals, from the raw list or the index alike", () => {
    const expected = [
      { asOf: "2021-01-01", level: 2, reversed: false },
      { asOf: "2021-02-02", level: 3, reversed: false },
      { asOf: "2021-04-01", level: 1, reversed: true },
    ];
    expect(levelHistory(list, "c1", "a")).toMatchObject(expected);
    expect(levelHistory(index, "c1", "a")).toEqual(levelHistory(list, "c1", "a"));
  });

  it("shows the history as known on an as-of date", () => {
    // on 1 Feb the correction (dated 2 Feb) does not count yet, so the 0 shows, as a reversal from 2
    const expected = [
      { asOf: "2021-01-01", level: 2, reversed: false },
      { asOf: "2021-02-01", level: 0, reversed: true },
    ];
    expect(levelHistory(list, "c1", "a", "2021-02-01")).toMatchObject(expected);
    expect(levelHistory(index, "c1", "a", "2021-02-01")).toMatchObject(expected);
    expect(levelHistory(index, "c9", "a")).toEqual([]);
  });
});

describe("the worked example of docs/COMPLIANCE.md", () => {
  const commitments = [
    commitment("c1", {
      categories: ["ceasefire"],
      agreementId: "ag1",
      obligorPartyIds: ["A", "B"],
      deadline: { kind: "absolute", date: "2020-11-10" },
    }),
    commitment("c2", { categories: ["withdrawal"], agreementId: "ag1", obligorPartyIds: ["A"] }),
    commitment("c3", { categories: ["detainees"], agreementId: "ag2", obligorPartyIds: ["A", "B"] }),
  ];
  const a4 = assessment("c2", "A", "2021-03-01", 2, { id: "a4" });
  const assessments = [
    assessment("c1", "A", "2020-12-01", 3, { id: "a1" }),
    assessment("c1", "A", "2021-06-01", 1, { id: "a2" }),
    assessment("c1", "B", "2020-12-01", 2, { id: "a3" }),
    a4,
    assessment("c2", "A", "2021-02-01", 0, { id: "a5", supersedesId: a4.id }),
    assessment("c3", "A", "2021-01-15", null, { id: "a6" }),
    assessment("c3", "B", "2021-05-01", 3, { id: "a7", confirmed: false }),
  ];
  const index = buildAssessmentIndex(commitments, assessments);
  const shown = (asOf: string, groupBy: "party" | "category" | "agreement" | "process") =>
    computeCompliance(index, { asOf, groupBy }).map((g) => [g.key, roundIndex(g.index)]);

  it("as of 2021-07-01", () => {
    // A: c1 1/3, c2 0 (a5 replaces a4), c3 not applicable → (1/3 + 0) / 2 = 1/6 → 16.7; B: c1 2/3 → 66.7
    expect(shown("2021-07-01", "party")).toEqual([
      ["A", 16.7],
      ["B", 66.7],
    ]);
    const [a, b] = computeCompliance(index, { asOf: "2021-07-01", groupBy: "party" });
    expect(a).toMatchObject({
      pairs: 3,
      assessed: 2,
      notApplicable: 1,
      unassessed: 0,
      overdue: 1,
      reversals: 1,
    });
    expect(b).toMatchObject({ pairs: 2, assessed: 1, unassessed: 1, overdue: 1, pastDueUnassessed: 0 });
    // ceasefire (1/3 + 2/3) / 2 = 50; detainees: nothing scored; withdrawal: 0
    expect(shown("2021-07-01", "category")).toEqual([
      ["ceasefire", 50],
      ["detainees", null],
      ["withdrawal", 0],
    ]);
    // ag1: (1/3 + 2/3 + 0) / 3 = 1/3 → 33.3; ag2: nothing scored
    expect(shown("2021-07-01", "agreement")).toEqual([
      ["ag1", 33.3],
      ["ag2", null],
    ]);
    expect(shown("2021-07-01", "process")).toEqual([["p", 33.3]]);
    expect(currentLevels(index, "2021-07-01").get("c1|A")).toMatchObject({ reversedFrom: 3, reversedTo: 1 });
  });

  it("as of 2021-02-15 and 2021-01-31", () => {
    // 15 Feb: A: c1 1 (a1, full, not overdue), c2 0 (a5) → (1 + 0) / 2 = 50
    expect(shown("2021-02-15", "party")).toEqual([
      ["A", 50],
      ["B", 66.7],
    ]);
    // 31 Jan: A: c1 1; c2 not yet assessed → 100
    expect(shown("2021-01-31", "party")).toEqual([
      ["A", 100],
      ["B", 66.7],
    ]);
  });
});
