import { describe, expect, it } from "vitest";
import { findClaims, suggestLinks } from "./claims.js";
import { demoLinkCandidates, demoRegistry } from "./demo-registry.js";
import { buildGazetteer, findMentions } from "./gazetteer.js";
import { findQuotes } from "./quotes.js";
import type { ClaimActor } from "./types.js";

const gazetteer = buildGazetteer(demoRegistry());
const claimsOf = (text: string, author: ClaimActor | null = null) => {
  const mentions = findMentions(text, gazetteer);
  return findClaims(text, mentions, findQuotes(text, mentions), { author }).map((c) => [
    c.type,
    c.claimant?.recordId ?? c.claimant?.text ?? null,
    c.target?.recordId ?? null,
  ]);
};

describe("findClaims", () => {
  it("types claims and reads claimant and target", () => {
    expect(claimsOf("Armenia urged Azerbaijan to reopen the Lachin corridor.")).toEqual([
      ["calls_on", "armenia", "azerbaijan"],
    ]);
    expect(claimsOf("Azerbaijan denied the allegations.")).toEqual([["denies", "azerbaijan", null]]);
    expect(claimsOf("Russia remains committed to the ceasefire.")).toEqual([["commits", "russia", null]]);
    expect(claimsOf("The Lachin corridor has been blocked by Azerbaijan since Dec. 12.")).toEqual([
      ["alleges_violation", null, "azerbaijan"],
    ]);
  });

  it("gives a quoted claim to the quote's speaker, and the reported party as target", () => {
    const text =
      "“Azerbaijan has declared its readiness for dialogue and keeps the people of Artsakh under siege,” the Artsakh foreign ministry said.";
    expect(claimsOf(text)).toEqual([
      ["alleges_violation", "nk-authorities", "azerbaijan"],
      ["commits", "nk-authorities", "azerbaijan"],
    ]);
  });

  it("gives a statement's own sentences to its author", () => {
    const author = { text: "Artsakh Foreign Ministry", recordId: "nk-authorities" };
    expect(
      claimsOf(
        "We call on the international community to act. Azerbaijan threatens the use of force.",
        author,
      ),
    ).toEqual([
      ["calls_on", "nk-authorities", null],
      ["threatens", "nk-authorities", "azerbaijan"],
    ]);
  });

  it("reads the agent of a demand", () => {
    expect(
      claimsOf("Armenia stressed the need for the immediate unblocking of the corridor by Azerbaijan."),
    ).toEqual([["demands", "armenia", "azerbaijan"]]);
  });

  it("is bounded on a text without sentence boundaries", () => {
    const text = "Azerbaijan violated and Armenia urged and Russia denied ".repeat(40_000);
    const mentions = findMentions(text, gazetteer);
    const started = performance.now();
    const claims = findClaims(text, mentions, [], { maxClaims: 500 });
    expect(claims.length).toBeLessThanOrEqual(500);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("suggestLinks", () => {
  const candidates = demoLinkCandidates();

  it("links the corridor passage to the ICJ order and point 6 of the Trilateral Statement", () => {
    const links = suggestLinks(
      "ensuring the unimpeded movement of persons, vehicles and cargo along the Lachin Corridor in both directions",
      candidates,
    );
    const ids = links.map((l) => l.id);
    expect(ids.slice(0, 3)).toEqual(
      expect.arrayContaining(["c-icj-unimpeded-movement", "icj-order-2023-02-22:p67"]),
    );
    // Point 6 (its third paragraph: safe movement along the corridor) is among the suggestions.
    expect(ids).toContain("c-corridor-safe-movement");
    expect(links[0]?.score).toBeGreaterThan(0.5);
  });

  it("suggests nothing for unrelated words", () => {
    expect(suggestLinks("the weather was fine and the football match ended", candidates)).toEqual([]);
    expect(suggestLinks("anything", [])).toEqual([]);
  });
});
