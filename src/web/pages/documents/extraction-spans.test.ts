import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ExtractionItemView } from "../../../domain/extraction";
import {
  actorsOf,
  allItems,
  originalSpans,
  spanRuns,
  spanStyleOf,
  suggestedPersonOf,
} from "./extraction-spans";

const item = (
  id: string,
  kind: ExtractionItemView["kind"],
  spanStart: number,
  spanEnd: number,
  extra: Partial<ExtractionItemView> = {},
): ExtractionItemView => ({
  id,
  kind,
  spanStart,
  spanEnd,
  text: "",
  confidence: 0.9,
  rule: "test",
  status: "suggested",
  decidedBy: null,
  decidedAt: null,
  value: {},
  ...extra,
});

describe("spanRuns", () => {
  // “We will keep the corridor open,” the Ministry of Foreign Affairs of Armenia said.
  const claim = item("claim", "claim", 0, 82);
  const quote = item("quote", "quote", 0, 33);
  const party = item("party", "mention", 69, 76, { mentionKind: "party" });

  it("cuts nested spans into runs, each with its covering items innermost first", () => {
    const runs = spanRuns(82, [claim, quote, party], originalSpans);
    expect(runs.map((run) => [run.start, run.end, run.items.map((i) => i.id)])).toEqual([
      [0, 33, ["quote", "claim"]],
      [33, 69, ["claim"]],
      [69, 76, ["party", "claim"]],
      [76, 82, ["claim"]],
    ]);
  });

  it("leaves out spans the text shown lost, and clamps spans to it", () => {
    const runs = spanRuns(40, [party, quote], (i) =>
      i.id === "party" ? { start: 5, end: 5 } : originalSpans(i),
    );
    expect(runs.map((run) => [run.start, run.end, run.items.length])).toEqual([
      [0, 33, 1],
      [33, 40, 0],
    ]);
  });

  it("covers the text exactly once, whatever the spans", () => {
    const span = fc.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.array(span, { maxLength: 8 }), (length, spans) => {
        const items = spans.map(([start, end], index) => item(`i${index}`, "date", start, end));
        const runs = spanRuns(length, items, originalSpans);
        let at = 0;
        for (const run of runs) {
          expect(run.start).toBe(at);
          expect(run.end).toBeGreaterThan(run.start);
          at = run.end;
        }
        expect(at).toBe(length);
      }),
    );
  });
});

describe("the items' other readings", () => {
  it("draws mentions by the record they name", () => {
    expect(spanStyleOf(item("a", "mention", 0, 1, { mentionKind: "place" }))).toBe("place");
    expect(spanStyleOf(item("b", "quote", 0, 1))).toBe("quote");
  });

  it("offers the persons and parties the document names, once each, never a rejected one", () => {
    const mentions = [
      item("1", "mention", 0, 5, { mentionKind: "party", record: { id: "armenia", name: "Armenia" } }),
      item("2", "mention", 9, 14, { mentionKind: "party", record: { id: "armenia", name: "Armenia" } }),
      item("3", "mention", 20, 25, { mentionKind: "place", record: { id: "lachin", name: "Lachin" } }),
      item("4", "mention", 30, 35, {
        mentionKind: "person",
        record: { id: "p", name: "Someone" },
        status: "rejected",
      }),
    ];
    expect(actorsOf(mentions)).toEqual([{ id: "armenia", name: "Armenia", kind: "party" }]);
    expect(allItems({ mentions, dates: [], quotes: [], claims: [] }).map((i) => i.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("reads a suggested person only when it has a name", () => {
    const suggested = item("s", "mention", 0, 5, {
      value: { suggestedPerson: { name: "Aram Testyan", office: "deputy foreign minister" } },
    });
    expect(suggestedPersonOf(suggested)).toEqual({
      name: "Aram Testyan",
      office: "deputy foreign minister",
      partyId: null,
    });
    expect(
      suggestedPersonOf(item("n", "mention", 0, 5, { value: { suggestedPerson: null } })),
    ).toBeUndefined();
  });
});
