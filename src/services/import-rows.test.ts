import { describe, expect, it } from "vitest";
import { Id } from "../domain/common.js";
import { Incident } from "../domain/events.js";
import { incidentIdFor, stageRow } from "./import-rows.js";

const record = (over: Record<string, unknown> = {}) =>
  Incident.parse({
    processId: "p",
    title: "Armed clash",
    monitoringType: "unclassified",
    startDate: "2021-05-01",
    licence: "acled",
    externalIds: { acled: "ARM1" },
    ...over,
  });

describe("staging a file's rows", () => {
  it("names new incidents by dataset and id, within the id pattern whatever the dataset's id holds", () => {
    expect(incidentIdFor("acled", "ARM1234")).toBe("acled:ARM1234");
    expect(incidentIdFor("gdelt", "1040293847")).toBe("gdelt:1040293847");
    for (const external of ["ARM 12/34", "ÅÄÖ", "x".repeat(500), " "]) {
      const id = incidentIdFor("ucdp", external);
      expect(Id.safeParse(id).success, id).toBe(true);
      expect(id.length).toBeLessThanOrEqual(109);
    }
    expect(incidentIdFor("ucdp", "a b")).not.toBe(incidentIdFor("ucdp", "a/b"));
  });

  it("rejects a row the schema, an invariant, the missing id or unstorable text refuses, naming the field", () => {
    const reason = (over: Record<string, unknown>) => {
      const staged = stageRow({ line: 7, record: { ...record(), ...over } as never }, "p", "acled");
      return "reason" in staged ? staged.reason : undefined;
    };
    expect(reason({})).toBeUndefined();
    expect(reason({ startDate: "2021-02-31" })).toMatch(/^startDate: /);
    expect(reason({ endDate: "2021-01-01" })).toMatch(/^endDate: ends on 2021-01-01/);
    expect(reason({ externalIds: { ucdp: "1" } })).toBe("externalIds.acled: the row has no acled id");
    expect(reason({ description: "a\u0000b" })).toMatch(/^description: contains a NUL/);
    expect(reason({ tags: ["\ud800"] })).toMatch(/^tags\.0: contains a lone UTF-16 surrogate/);
  });

  it("encodes the same row to the same staged line, and a changed row to another", () => {
    const line = (over: Record<string, unknown> = {}) => {
      const staged = stageRow({ line: 2, record: record(over) }, "p", "acled");
      return "text" in staged ? staged.text : "";
    };
    expect(line()).toBe(line());
    expect(line({ title: "Armed clash, corrected" })).not.toBe(line());
    expect(line().split("\t")[3]).not.toBe(line({ title: "Armed clash, corrected" }).split("\t")[3]);
  });
});
