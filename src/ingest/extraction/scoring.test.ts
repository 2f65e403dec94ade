import { describe, expect, it } from "vitest";
import { heldOutPassages } from "./labelled-held-out.js";
import { labelledPassages } from "./labelled-passages.js";
import { scoredKinds, scoreExtraction } from "./scoring.js";

/**
 * Floors a little under the figures measured on 2026-11-23 (development set: persons 1.0/0.957,
 * parties 1.0/1.0, speakers 1.0/1.0, claims 0.931/0.818; held-out: persons 1.0/1.0, parties
 * 1.0/0.923, speakers 1.0/0.625, claims 1.0/0.667). A change that lowers a figure below its floor
 * fails here; one that raises it should raise the floor.
 */
const floors = {
  development: {
    persons: { precision: 0.95, recall: 0.9 },
    parties: { precision: 0.95, recall: 0.95 },
    speakers: { precision: 0.95, recall: 0.95 },
    claims: { precision: 0.9, recall: 0.78 },
  },
  heldOut: {
    persons: { precision: 0.95, recall: 0.95 },
    parties: { precision: 0.95, recall: 0.9 },
    speakers: { precision: 0.95, recall: 0.6 },
    claims: { precision: 0.95, recall: 0.65 },
  },
};

describe("the labelled set", () => {
  it("has at least 30 passages from every side, each with its source", () => {
    expect(labelledPassages.length).toBeGreaterThanOrEqual(30);
    const sides = new Set([...labelledPassages, ...heldOutPassages].map((p) => p.side));
    for (const side of ["armenia", "azerbaijan", "nk-authorities", "russia", "eu", "icrc"])
      expect(sides).toContain(side);
    for (const passage of [...labelledPassages, ...heldOutPassages])
      expect(passage.source).toMatch(/^https:\/\/|^data\/demo\//);
  });

  for (const [name, passages] of [
    ["development", labelledPassages],
    ["heldOut", heldOutPassages],
  ] as const) {
    it(`scores at or above its floors (${name})`, () => {
      const { kinds } = scoreExtraction(passages);
      console.info(
        `extraction on the ${name} set (${passages.length} passages):\n${scoredKinds
          .map(
            (kind) =>
              `  ${kind.padEnd(8)} precision ${kinds[kind].precision.toFixed(3)}  recall ${kinds[kind].recall.toFixed(3)}`,
          )
          .join("\n")}`,
      );
      for (const kind of scoredKinds) {
        expect(kinds[kind].precision, `${kind} precision`).toBeGreaterThanOrEqual(
          floors[name][kind].precision,
        );
        expect(kinds[kind].recall, `${kind} recall`).toBeGreaterThanOrEqual(floors[name][kind].recall);
      }
    });
  }
});
