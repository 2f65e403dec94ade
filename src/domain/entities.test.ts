import { describe, expect, it } from "vitest";
import { compareProvisionPaths } from "./agreements.js";
import { createSchema, patchSchema } from "./entities.js";

describe("provision paths", () => {
  it("sort numerically, parents before children", () => {
    expect(["10", "6.2", "2", "6", "6.10", "6.3"].sort(compareProvisionPaths)).toEqual([
      "2",
      "6",
      "6.2",
      "6.3",
      "6.10",
      "10",
    ]);
  });
});

describe("schemas", () => {
  it("a patch keeps absent fields absent instead of filling defaults", () => {
    expect(patchSchema("parties").parse({ shortName: "X" })).toEqual({ shortName: "X" });
  });

  it("a create fills defaults and validates references' shape", () => {
    const parsed = createSchema("parties").parse({
      processId: "p",
      kind: "state",
      shortName: "A",
      names: [{ text: "A", lang: "en" }],
    });
    expect(parsed).toMatchObject({ memberPartyIds: [], sources: [], names: [{ usedBy: [] }] });
    expect(
      createSchema("parties").safeParse({ processId: "p", kind: "planet", shortName: "A", names: [] })
        .success,
    ).toBe(false);
  });

  it("fatalities need low ≤ best ≤ high", () => {
    const incident = { processId: "p", title: "x", monitoringType: "blockade", startDate: "2023-01-01" };
    expect(
      createSchema("incidents").safeParse({ ...incident, fatalities: { best: 2, low: 3, high: 4 } }).success,
    ).toBe(false);
    expect(
      createSchema("incidents").safeParse({ ...incident, fatalities: { best: 3, low: 2, high: 4 } }).success,
    ).toBe(true);
  });
});
