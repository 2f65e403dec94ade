import { describe, expect, it } from "vitest";
import { validateNewAssessment } from "./assessment-rules.js";

const commitment = { id: "c1", obligorPartyIds: ["armenia", "azerbaijan"] };
const base = { commitmentId: "c1", partyId: "armenia", asOf: "2023-01-01", level: 2 };
const today = "2023-06-01";

describe("validateNewAssessment", () => {
  it("accepts a valid assessment", () => {
    expect(validateNewAssessment(base, commitment, [], today)).toEqual([]);
  });

  it("refuses a party that is not an obligor, naming the obligors", () => {
    const [issue] = validateNewAssessment({ ...base, partyId: "russia" }, commitment, [], today);
    expect(issue?.field).toBe("partyId");
    expect(issue?.message).toContain("armenia, azerbaijan");
  });

  it("refuses a level outside the scale", () => {
    expect(validateNewAssessment({ ...base, level: 4 }, commitment, [], today)[0]?.field).toBe("level");
  });

  it("refuses an as-of date in the future", () => {
    expect(validateNewAssessment({ ...base, asOf: "2023-06-02" }, commitment, [], today)[0]?.field).toBe(
      "asOf",
    );
  });

  it("refuses superseding an unknown assessment, or one of another party", () => {
    const other = { id: "x", commitmentId: "c1", partyId: "azerbaijan", supersedesId: undefined };
    expect(validateNewAssessment({ ...base, supersedesId: "nope" }, commitment, [], today)[0]?.field).toBe(
      "supersedesId",
    );
    expect(
      validateNewAssessment({ ...base, supersedesId: "x" }, commitment, [other], today)[0]?.message,
    ).toContain("another commitment or party");
  });

  it("refuses superseding one that is already superseded", () => {
    const existing = [
      { id: "a1", commitmentId: "c1", partyId: "armenia", supersedesId: undefined },
      { id: "a2", commitmentId: "c1", partyId: "armenia", supersedesId: "a1" },
    ];
    const [issue] = validateNewAssessment({ ...base, supersedesId: "a1" }, commitment, existing, today);
    expect(issue?.message).toContain('already superseded by "a2"');
  });

  it("refuses a supersession cycle", () => {
    // a3 (new) supersedes a2, which supersedes a1, which (corrupt data) supersedes a3
    const existing = [
      { id: "a1", commitmentId: "c1", partyId: "armenia", supersedesId: "a3" },
      { id: "a2", commitmentId: "c1", partyId: "armenia", supersedesId: "a1" },
    ];
    const [issue] = validateNewAssessment(
      { ...base, id: "a3", supersedesId: "a2" },
      commitment,
      existing,
      today,
    );
    expect(issue?.message).toContain("cycle");
  });
});
