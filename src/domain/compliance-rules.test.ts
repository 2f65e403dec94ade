import { describe, expect, it } from "vitest";
import { type ExistingAssessment, validateNewAssessment } from "./compliance.js";

const commitment = { id: "c1", obligorPartyIds: ["armenia", "azerbaijan"] };
const base = { commitmentId: "c1", partyId: "armenia", asOf: "2023-01-01", level: 2 };
const today = "2023-06-01";
const on = (
  id: string,
  supersedesId?: string,
  partyId = "armenia",
  commitmentId = "c1",
  asOf = "2022-06-01",
): ExistingAssessment => ({
  id,
  commitmentId,
  partyId,
  supersedesId,
  asOf,
});

describe("validateNewAssessment", () => {
  it("accepts a valid assessment, a not-applicable one, one dated today, and a valid correction", () => {
    expect(validateNewAssessment(base, commitment, [], today)).toEqual([]);
    expect(validateNewAssessment({ ...base, level: null }, commitment, [], today)).toEqual([]);
    expect(validateNewAssessment({ ...base, asOf: today }, commitment, [], today)).toEqual([]);
    const existing = [on("a1"), on("a2", "a1")];
    expect(
      validateNewAssessment({ ...base, id: "a3", supersedesId: "a2" }, commitment, existing, today),
    ).toEqual([]);
  });

  it("refuses a party that is not an obligor, naming the party and the obligors", () => {
    expect(validateNewAssessment({ ...base, partyId: "russia" }, commitment, [], today)).toEqual([
      {
        field: "partyId",
        message:
          '"russia" is not an obligor of commitment "c1" (obligors: armenia, azerbaijan); only an obligor\'s implementation is assessed',
      },
    ]);
  });

  it("refuses a level outside the scale", () => {
    for (const level of [4, -1, 1.5, Number.NaN]) {
      const issues = validateNewAssessment({ ...base, level }, commitment, [], today);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.field).toBe("level");
      expect(issues[0]?.message).toContain("outside the scale: 0 not initiated, 1 minimal");
    }
  });

  it("refuses an as-of date after today, or one that is not a date", () => {
    expect(validateNewAssessment({ ...base, asOf: "2023-06-02" }, commitment, [], today)).toEqual([
      {
        field: "asOf",
        message:
          "the as-of date 2023-06-02 is after today (2023-06-01): an assessment judges what has happened",
      },
    ]);
    expect(validateNewAssessment({ ...base, asOf: "2023-02-29" }, commitment, [], today)[0]?.message).toBe(
      '"2023-02-29" is not a calendar date (YYYY-MM-DD)',
    );
  });

  it("refuses an assessment checked against another commitment", () => {
    expect(validateNewAssessment({ ...base, commitmentId: "c2" }, commitment, [], today)[0]?.field).toBe(
      "commitmentId",
    );
  });

  it("reports every broken rule at once", () => {
    const issues = validateNewAssessment(
      { ...base, partyId: "russia", level: 7, asOf: "2024-01-01", supersedesId: "nope" },
      commitment,
      [],
      today,
    );
    expect(issues.map((i) => i.field)).toEqual(["partyId", "level", "asOf", "supersedesId"]);
  });

  it("refuses superseding an unknown assessment", () => {
    expect(validateNewAssessment({ ...base, supersedesId: "nope" }, commitment, [on("a1")], today)).toEqual([
      { field: "supersedesId", message: 'there is no assessment "nope" of commitment "c1" to supersede' },
    ]);
  });

  it("refuses superseding an assessment of another party or another commitment", () => {
    const otherParty = validateNewAssessment(
      { ...base, supersedesId: "x" },
      commitment,
      [on("x", undefined, "azerbaijan")],
      today,
    );
    expect(otherParty).toEqual([
      {
        field: "supersedesId",
        message:
          'assessment "x" judges another commitment or party (commitment "c1", party "azerbaijan"); a correction must judge the same commitment ("c1") and party ("armenia")',
      },
    ]);
    const otherCommitment = validateNewAssessment(
      { ...base, supersedesId: "y" },
      commitment,
      [on("y", undefined, "armenia", "c2")],
      today,
    );
    expect(otherCommitment[0]?.message).toContain('(commitment "c2", party "armenia")');
  });

  it("refuses an assessment superseding itself", () => {
    expect(
      validateNewAssessment({ ...base, id: "a1", supersedesId: "a1" }, commitment, [on("a1")], today)[0]
        ?.message,
    ).toBe("an assessment cannot supersede itself");
  });

  it("refuses superseding one that is already superseded, naming the latest correction", () => {
    const existing = [on("a1"), on("a2", "a1"), on("a3", "a2")];
    expect(validateNewAssessment({ ...base, supersedesId: "a1" }, commitment, existing, today)).toEqual([
      {
        field: "supersedesId",
        message:
          'assessment "a1" is already superseded by "a2": a correction supersedes the latest one in its chain, here "a3"',
      },
    ]);
  });

  it("refuses a cycle: A supersedes B while B supersedes A", () => {
    const existing = [on("b", "a")];
    expect(
      validateNewAssessment({ ...base, id: "a", supersedesId: "b" }, commitment, existing, today),
    ).toEqual([
      {
        field: "supersedesId",
        message: 'superseding "b" would make a cycle of corrections: "a" → "b" → "a"',
      },
    ]);
  });

  it("refuses a cycle found further down the chain", () => {
    // a3 (new) supersedes a2, which supersedes a1, which (corrupt data) supersedes a3
    const existing = [on("a1", "a3"), on("a2", "a1")];
    const [issue] = validateNewAssessment(
      { ...base, id: "a3", supersedesId: "a2" },
      commitment,
      existing,
      today,
    );
    expect(issue?.message).toBe(
      'superseding "a2" would make a cycle of corrections: "a3" → "a2" → "a1" → "a3"',
    );
  });

  it("refuses to extend a chain that already goes round in a circle", () => {
    // corrupt data: x supersedes y and y supersedes x; a new correction of x (id not yet known)
    const existing = [on("x", "y"), on("y", "x")];
    const [issue] = validateNewAssessment({ ...base, supersedesId: "x" }, commitment, existing, today);
    expect(issue?.message).toBe(
      'superseding "x" would make a cycle of corrections: "(new)" → "x" → "y" → "x"',
    );
  });
});

describe("a correction's date", () => {
  it("refuses a correction dated before the assessment it corrects, and accepts one on the same day", () => {
    const existing = [on("a1", undefined, "armenia", "c1", "2023-01-01")];
    const [issue] = validateNewAssessment(
      { ...base, asOf: "2022-12-31", supersedesId: "a1" },
      commitment,
      existing,
      today,
    );
    expect(issue).toEqual({
      field: "supersedesId",
      message:
        'a correction is dated on or after what it corrects: "a1" is as of 2023-01-01, this one as of 2022-12-31',
    });
    expect(
      validateNewAssessment({ ...base, asOf: "2023-01-01", supersedesId: "a1" }, commitment, existing, today),
    ).toEqual([]);
  });
});
