import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEdits, cleanedToOriginalOffset, cleanText, originalToCleanedOffset } from "./cleaning.js";
import type { TextEdit } from "./contracts.js";

const sample = (name: string) => readFileSync(`/work/shared/samples/articles/${name}`, "utf8");
const samplesPresent = (() => {
  try {
    sample("asbarez-full-fledged-talks.txt");
    return true;
  } catch {
    return false;
  }
})();

const rules = (edits: TextEdit[]) => edits.map((edit) => edit.rule);

describe("cleanText", () => {
  it.runIf(samplesPresent)("removes the news outlet's debris and keeps its text", () => {
    const original = sample("asbarez-full-fledged-talks.txt");
    const { cleaned, edits } = cleanText(original);
    expect(rules(edits)).toEqual(["category_line", "broken_word", "trailing_byline"]);
    expect(cleaned.startsWith("Asbarez: Artsakh Calls for ‘Full-Fledged’ Peace Talks")).toBe(true);
    expect(cleaned).toContain("respecting the free expression of their will");
    expect(cleaned.endsWith("the Artsakh foreign ministry said.")).toBe(true);
    expect(cleaned).not.toContain("Emma Jilavian");
  });

  it.runIf(samplesPresent)("drops a bare 'Read also' marker but keeps the paragraph after it", () => {
    const original = sample("artsakh-mfa-full-fledged-talks.txt");
    const { cleaned, edits } = cleanText(original);
    expect(edits).toHaveLength(1);
    expect(original.slice(edits[0]?.start, edits[0]?.end)).toBe("Read also\n");
    expect(cleaned).toContain("Karabakh conflict.\nArtsakh remains committed");
  });

  it("drops a marker's linked headline when it reads like one", () => {
    const { cleaned, edits } = cleanText(
      "First paragraph of the statement.\n\nRead also:\nLachin corridor talks resume in Khankendi\n\nSecond paragraph.",
    );
    expect(cleaned).toBe("First paragraph of the statement.\n\nSecond paragraph.");
    expect(rules(edits)).toEqual(["read_also", "read_also"]);
  });

  it("recognises markers, categories and boilerplate in the languages in play", () => {
    const original = [
      "Заявление МИД.",
      "Читайте также",
      "Теги: Карабах, Лачин",
      "Կարդացեք նաև",
      "Ayrıca oxuyun",
      "Share this:",
      "Print",
      "We use cookies to improve your experience. Accept?",
      "© 2023 Example News. All rights reserved.",
      "Subscribe to our newsletter",
      "Tags: Lachin",
      "Final paragraph.",
    ].join("\n");
    const { cleaned, edits } = cleanText(original);
    expect(cleaned).toBe("Заявление МИД.\nFinal paragraph.");
    expect(new Set(rules(edits))).toEqual(new Set(["read_also", "category_line", "boilerplate"]));
  });

  it("drops trailing bylines of each form, but never the only line", () => {
    for (const byline of ["Emma Jilavian:", "By Emma Jilavian", "— Emma Jilavian", "- Anna Hakobyan"]) {
      expect(cleanText(`The ministry said so.\n\n${byline}\n`).cleaned).toBe("The ministry said so.");
    }
    expect(cleanText("By Emma Jilavian").cleaned).toBe("By Emma Jilavian");
    expect(cleanText("The ministry said so.\nby the lake").cleaned).toBe(
      "The ministry said so.\nby the lake",
    );
  });

  it("unwraps only the words mail gateways defuse", () => {
    const { cleaned } = cleanText(
      "free _expression_ of will, _JavaScript_ links, _emphasis_ and snake_case_name_",
    );
    expect(cleaned).toBe("free expression of will, JavaScript links, _emphasis_ and snake_case_name_");
  });

  it("normalises line breaks and spaces", () => {
    const { cleaned, edits } = cleanText("\uFEFF  One\u00a0 two\t three  \r\nfour\r\n\r\n\r\n\r\nfive \n");
    expect(cleaned).toBe("One two three\nfour\n\nfive");
    expect(new Set(rules(edits))).toEqual(new Set(["whitespace"]));
  });
});

describe("offset maps", () => {
  it("maps a passage cited in the original to the cleaned text and back", () => {
    const original = "Categories: 2023\n\nThe  ministry   said:\n\n\nthe free _expression_ of their will.";
    const { cleaned, edits } = cleanText(original);
    const start = original.indexOf("free");
    const end = original.indexOf(" of their");
    const cleanedStart = originalToCleanedOffset(edits, start);
    const cleanedEnd = originalToCleanedOffset(edits, end);
    expect(cleaned.slice(cleanedStart, cleanedEnd)).toBe("free expression");
    expect(cleanedToOriginalOffset(edits, cleanedStart, "start")).toBe(start);
    expect(cleanedToOriginalOffset(edits, cleanedEnd, "end")).toBe(end);
  });
});

/** Text made of the pieces cleaning cares about, so that the properties meet every rule. */
const debrisPiece = fc.constantFrom(
  "Read also",
  "Read more:",
  "Categories: 2023",
  "Tags: Lachin",
  "Share this:",
  "Print",
  "All rights reserved.",
  "Emma Jilavian:",
  "By Anna Hakobyan",
  "— Ruben",
  "_expression_",
  "_onload_",
  "_x_",
  "_",
  "Lachin corridor",
  "The ministry said.",
  "Կարդացեք նաև",
  "Читайте также",
  "мир",
  "a",
  " ",
  "  ",
  "\t",
  "\u00a0",
  "\u200b",
  "\uFEFF",
  "\n",
  "\r\n",
  "\r",
  "\n\n\n",
  ".",
  ":",
);
const articleLike = fc.oneof(
  fc.array(debrisPiece, { maxLength: 40 }).map((pieces) => pieces.join("")),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom("a", "_", " ", "\n", "\r", "\u200b", "B", "y", ":", "—"),
    maxLength: 40,
  }),
);

describe("cleaning properties", () => {
  it("applying the edits reproduces the cleaned text; edits are sorted and do not overlap", () => {
    fc.assert(
      fc.property(articleLike, (original) => {
        const { cleaned, edits } = cleanText(original);
        expect(applyEdits(original, edits)).toBe(cleaned);
        for (const [index, edit] of edits.entries()) {
          expect(edit.start).toBeLessThanOrEqual(edit.end);
          expect(edit.end).toBeLessThanOrEqual(original.length);
          expect(original.slice(edit.start, edit.end)).not.toBe(edit.replacement);
          if (index > 0) expect(edit.start).toBeGreaterThanOrEqual((edits[index - 1] as TextEdit).end);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent: the cleaned text needs no more cleaning", () => {
    fc.assert(
      fc.property(articleLike, (original) => {
        const { cleaned } = cleanText(original);
        expect(cleanText(cleaned).edits).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("maps offsets monotonically both ways, cleaned → original → cleaned being the identity", () => {
    fc.assert(
      fc.property(articleLike, (original) => {
        const { cleaned, edits } = cleanText(original);
        let previous = -1;
        for (let offset = 0; offset <= original.length; offset++) {
          const mapped = originalToCleanedOffset(edits, offset);
          expect(mapped).toBeGreaterThanOrEqual(previous);
          expect(mapped).toBeLessThanOrEqual(cleaned.length);
          previous = mapped;
        }
        for (const side of ["start", "end"] as const) {
          previous = -1;
          for (let offset = 0; offset <= cleaned.length; offset++) {
            const back = cleanedToOriginalOffset(edits, offset, side);
            expect(back).toBeGreaterThanOrEqual(previous);
            expect(originalToCleanedOffset(edits, back)).toBe(offset);
            previous = back;
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
