/**
 * Expected extractions for the three sample articles in data/demo/documents. Test assumption: the two
 * "full-fledged talks" texts (the Artsakh MFA statement and the Asbarez report of it, "said on
 * Thursday") are dated 2023-03-02, a Thursday the day after the 1 March meeting; the negotiation-format
 * statement is dated 2023-03-10. The MFA statements are given their author, the Artsakh foreign
 * ministry; the Asbarez report has none (it speaks through quotes).
 */
import { describe, expect, it } from "vitest";
import { demoDocument, demoLinkCandidates, demoRegistry } from "./demo-registry.js";
import { extractDocument } from "./extract.js";

const registry = demoRegistry();
const candidates = demoLinkCandidates();
const ministry = { text: "Artsakh Foreign Ministry", recordId: "nk-authorities" };
const extract = (name: string, publishedOn: string | null, author = ministry as typeof ministry | null) =>
  extractDocument({ text: demoDocument(name), publishedOn, language: "en", author }, registry, candidates);
const ids = (items: { kind: string; recordId: string | null }[]) =>
  [...new Set(items.map((m) => `${m.kind}:${m.recordId}`))].sort();
const claimRows = (claims: ReturnType<typeof extract>["claims"]) =>
  claims.map((c) => [c.type, c.cue.text, c.claimant?.recordId ?? null, c.target?.recordId ?? null]);

describe("sample: Artsakh MFA, full-fledged talks", () => {
  const result = extract("artsakh-mfa-full-fledged-talks", "2023-03-02");

  it("finds the dates, resolving 'for almost three months now' as an approximate range", () => {
    expect(result.dates.map((d) => [d.text, d.kind, d.start, d.end, d.approximate])).toEqual([
      ["9 November 2020", "date", "2020-11-09", "2020-11-09", false],
      ["1 March 2023", "date", "2023-03-01", "2023-03-01", false],
      ["for almost three months now", "range", "2022-12-02", "2023-03-02", true],
    ]);
  });

  it("keeps the relative range unresolved without a publication date", () => {
    const undated = extract("artsakh-mfa-full-fledged-talks", null);
    expect(undated.dates.map((d) => [d.text, d.resolved])).toEqual([
      ["9 November 2020", { start: "2020-11-09", end: "2020-11-09" }],
      ["1 March 2023", { start: "2023-03-01", end: "2023-03-01" }],
      ["for almost three months now", null],
    ]);
  });

  it("finds the parties and the corridor", () => {
    expect(ids(result.mentions)).toEqual([
      "party:azerbaijan",
      "party:nk-authorities",
      "place:lachin-corridor",
    ]);
  });

  it("reads the claims: readiness declared by Azerbaijan and the siege, as the ministry says", () => {
    const rows = claimRows(result.claims);
    expect(rows).toContainEqual(["demands", "need for the immediate", "nk-authorities", "azerbaijan"]);
    expect(rows).toContainEqual(["commits", "remains committed to", "nk-authorities", null]);
    expect(rows).toContainEqual(["commits", "readiness for", "nk-authorities", "azerbaijan"]);
    expect(rows).toContainEqual(["alleges_violation", "under siege", "nk-authorities", "azerbaijan"]);
    expect(rows).toContainEqual(["calls_on", "draw the attention of", "nk-authorities", null]);
  });
});

describe("sample: Asbarez, Artsakh calls for full-fledged talks", () => {
  const result = extract("asbarez-full-fledged-talks", "2023-03-02", null);

  it("finds the dates", () => {
    expect(result.dates.map((d) => [d.text, d.kind, d.start, d.end, d.approximate])).toEqual([
      ["since Dec. 12", "range", "2022-12-12", "2023-03-02", false],
      ["on Thursday", "date", "2023-03-02", "2023-03-02", false],
      ["for almost three months now", "range", "2022-12-02", "2023-03-02", true],
    ]);
  });

  it("finds the parties, the corridor, the ministry and the byline's author", () => {
    expect(ids(result.mentions)).toEqual([
      "party:azerbaijan",
      "party:nk-authorities",
      "person:jilavian",
      "place:lachin-corridor",
    ]);
    const ministryMentions = result.mentions
      .filter((m) => /ministry/i.test(m.text))
      .map((m) => [m.text, m.recordId, m.rule]);
    expect(ministryMentions).toContainEqual(["Artsakh Foreign Ministry", "nk-authorities", "role"]);
    expect(ministryMentions).toContainEqual(["foreign ministry", "nk-authorities", "coreference"]);
  });

  it("gives every quote the Artsakh foreign ministry as speaker", () => {
    const direct = result.quotes.filter((q) => q.kind === "direct" && !q.fragment);
    expect(direct).toHaveLength(5);
    for (const quote of result.quotes) expect(quote.speaker?.recordId).toBe("nk-authorities");
    expect(direct.map((q) => q.speaker?.text)).toEqual([
      "the Artsakh foreign ministry",
      "the Artsakh foreign ministry",
      "the foreign ministry",
      "the Foreign Ministry",
      "the Artsakh foreign ministry",
    ]);
    const reported = result.quotes.find((q) => q.kind === "reported");
    expect(reported?.text.startsWith("it was committed to a peaceful settlement")).toBe(true);
  });

  it("reads the claims inside the quotes as the ministry's", () => {
    const rows = claimRows(result.claims);
    expect(rows).toContainEqual(["calls_on", "Calls for", "nk-authorities", null]);
    expect(rows).toContainEqual(["alleges_violation", "blocked", null, "azerbaijan"]);
    expect(rows).toContainEqual(["commits", "has declared its readiness", "nk-authorities", "azerbaijan"]);
    expect(rows).toContainEqual(["alleges_violation", "under siege", "nk-authorities", "azerbaijan"]);
  });
});

describe("sample: Artsakh MFA, negotiation format", () => {
  const result = extract("artsakh-mfa-negotiation-format", "2023-03-10");

  it("finds the parties, mediators and the corridor", () => {
    expect(ids(result.mentions)).toEqual([
      "party:azerbaijan",
      "party:icj",
      "party:nk-authorities",
      "party:osce-minsk-cochairs",
      "party:russian-peacekeepers",
      "place:lachin-corridor",
    ]);
  });

  it("finds the dates of the statement and the order", () => {
    expect(result.dates.map((d) => d.text)).toEqual(["9 November 2020", "22 February 2023"]);
  });

  it("links the unimpeded-movement passage to the ICJ order and point 6", () => {
    const claim = result.claims.find((c) =>
      c.text.includes("unimpeded movement of persons, vehicles and cargo"),
    );
    expect(claim?.claimant?.recordId).toBe("nk-authorities");
    const linked = claim?.bearsOn.map((l) => l.id) ?? [];
    expect(linked).toContain("c-icj-unimpeded-movement");
    expect(linked).toContain("icj-order-2023-02-22:p67");
    expect(linked).toContain("c-corridor-safe-movement");
  });
});
