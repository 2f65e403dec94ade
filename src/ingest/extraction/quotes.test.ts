import { describe, expect, it } from "vitest";
import { demoRegistry } from "./demo-registry.js";
import { buildGazetteer, findMentions } from "./gazetteer.js";
import { findQuotes, maxUnclosed } from "./quotes.js";

const gazetteer = buildGazetteer(demoRegistry());
const quotesOf = (text: string) => findQuotes(text, findMentions(text, gazetteer));
const speakers = (text: string) =>
  quotesOf(text).map((q) => [q.text, q.speaker?.text ?? null, q.speaker?.recordId ?? null]);

describe("findQuotes", () => {
  it("reads the speaker after the quote, subject first or verb first", () => {
    expect(
      speakers(
        "“We are ready,” the Azerbaijani foreign ministry said. “It is closed,” explained Sergey Lavrov.",
      ),
    ).toEqual([
      ["We are ready,", "the Azerbaijani foreign ministry", "azerbaijan"],
      ["It is closed,", "Sergey Lavrov", "lavrov"],
    ]);
  });

  it("reads the speaker before the quote in the same sentence, and according to", () => {
    expect(
      speakers(
        'Ilham Aliyev said: "There is no blockade." According to Maria Zakharova, «the corridor is under control».',
      ),
    ).toEqual([
      ["There is no blockade.", "Ilham Aliyev", "aliyev"],
      ["the corridor is under control", "Maria Zakharova", "zakharova"],
    ]);
  });

  it("continues a quote over paragraphs that open with a quote mark", () => {
    const text =
      "Nikol Pashinyan said:\n\n“The corridor is closed.\n\n“The order is binding,” he added.\n\nNext paragraph.";
    const [quote] = quotesOf(text);
    expect(quote?.text).toBe("The corridor is closed.\nThe order is binding,");
    expect(quote?.speaker?.recordId).toBe("pashinyan");
    expect(quote?.unclosed).toBe(false);
  });

  it("bounds a quote that never closes and flags it", () => {
    const text = `Someone wrote “${"word ".repeat(2_000)}`;
    const [quote] = quotesOf(text);
    expect(quote?.unclosed).toBe(true);
    expect(quote ? quote.span[1] - quote.span[0] : 0).toBeLessThanOrEqual(maxUnclosed + 1);
    const paragraph = quotesOf("He said “this goes on\nAnd this is another paragraph.")[0];
    expect(paragraph?.text).toBe("this goes on");
    expect(paragraph?.unclosed).toBe(true);
  });

  it("gives no speaker rather than a wrong one", () => {
    expect(speakers("The road was closed. “Nobody knows why.” Then the rain came.")).toEqual([
      ["Nobody knows why.", null, null],
    ]);
    // A pronoun with nobody to refer to is no speaker.
    expect(speakers("“It is over,” he said.")).toEqual([["It is over,", null, null]]);
  });

  it("reads reported speech without quote marks", () => {
    const quotes = quotesOf("The Artsakh Foreign Ministry said on Thursday that it was committed to talks.");
    expect(quotes.map((q) => [q.kind, q.text, q.speaker?.recordId])).toEqual([
      ["reported", "it was committed to talks.", "nk-authorities"],
    ]);
  });

  it("is bounded on a text made of quote marks", () => {
    const text = "“a” “".repeat(200_000);
    const started = performance.now();
    expect(findQuotes(text, []).length).toBe(1_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
