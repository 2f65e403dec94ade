import { describe, expect, it } from "vitest";
import { demoLinkCandidates, demoRegistry } from "./demo-registry.js";
import { extractDocument } from "./extract.js";

const registry = demoRegistry();
const candidates = demoLinkCandidates();
const timed = <T>(work: () => T) => {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
};

describe("extractDocument on bad input", () => {
  it("reads a bounded prefix of a 50 MB text and says so", () => {
    const paragraph =
      "On Sunday the Azerbaijani foreign ministry said that Armenia violated the ceasefire near Shusha. ";
    const text = paragraph.repeat(Math.ceil(50_000_000 / paragraph.length));
    const { result, ms } = timed(() =>
      extractDocument({ text, publishedOn: "2023-03-02", language: "en" }, registry, candidates),
    );
    expect(result.truncated).toBe(true);
    expect(result.readChars).toBe(1_000_000);
    expect(result.capped).toContain("mentions");
    expect(ms).toBeLessThan(20_000);
  });

  it("takes the same time on a text without sentence boundaries as on prose of that length", () => {
    const words =
      "Azerbaijan blocked the Lachin corridor and Armenia urged Russia to act while the ministry said that ";
    const text = words.repeat(Math.ceil(500_000 / words.length));
    const { result, ms } = timed(() =>
      extractDocument({ text, publishedOn: null, language: "en" }, registry, candidates),
    );
    expect(result.claims.length).toBeGreaterThan(0);
    for (const claim of result.claims) expect(claim.span[1] - claim.span[0]).toBeLessThanOrEqual(1_000);
    expect(ms).toBeLessThan(20_000);
  });

  it("reads mixed scripts", () => {
    const text = "Ադրբեջան և Azərbaycan; Шуша / Şuşa / Շուշի; 1 марта 2023 г. Стeпанакерт 東京 🙂 Xankəndi.";
    const result = extractDocument({ text, publishedOn: null, language: "hy" }, registry);
    expect(result.mentions.map((m) => m.recordId)).toEqual([
      "azerbaijan",
      "azerbaijan",
      "shusha",
      "shusha",
      "shusha",
      "khankendi",
    ]);
    expect(result.dates.map((d) => d.start)).toEqual(["2023-03-01"]);
  });

  it("bounds a quote that never closes and gives it no invented speaker", () => {
    const text = `A source told reporters “the corridor ${"is closed and ".repeat(5_000)}`;
    const result = extractDocument({ text, publishedOn: null, language: "en" }, registry);
    expect(result.quotes).toHaveLength(1);
    expect(result.quotes[0]?.unclosed).toBe(true);
    expect(result.quotes[0]?.speaker?.recordId).toBeUndefined();
  });

  it("resolves no relative date in a document without a date", () => {
    const result = extractDocument(
      { text: "Two days ago, on Sunday, the road closed.", publishedOn: null, language: "en" },
      registry,
    );
    expect(result.dates.map((d) => [d.text, d.resolved])).toEqual([
      ["Two days ago", null],
      ["on Sunday", null],
    ]);
  });

  it("returns nothing for an empty text", () => {
    expect(extractDocument({ text: "", publishedOn: null, language: "en" }, registry)).toMatchObject({
      mentions: [],
      dates: [],
      quotes: [],
      claims: [],
      truncated: false,
    });
  });
});
