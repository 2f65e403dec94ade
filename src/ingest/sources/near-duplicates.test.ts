import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanText } from "./cleaning.js";
import { clusterNearDuplicates } from "./near-duplicate-clusters.js";
import {
  bandCount,
  chooseOriginal,
  compareFingerprints,
  compareTexts,
  fingerprintText,
  isNearDuplicate,
  mayBeNearDuplicate,
  permutationCount,
  words,
} from "./near-duplicates.js";

const readCleaned = (name: string): string | null => {
  try {
    return cleanText(readFileSync(`/work/shared/samples/articles/${name}`, "utf8")).cleaned;
  } catch {
    return null;
  }
};
const statement = readCleaned("artsakh-mfa-full-fledged-talks.txt");
const report = readCleaned("asbarez-full-fledged-talks.txt");
const otherStatement = readCleaned("artsakh-mfa-negotiation-format.txt");
const samplesPresent = statement !== null && report !== null && otherStatement !== null;

const lachinStatement = [
  "The Ministry of Foreign Affairs notes that the Lachin corridor has been blocked since 12 December 2022.",
  "The blockade deprives one hundred and twenty thousand people of food, medicine and fuel.",
  "We call on the international community to take concrete steps to ensure free movement along the corridor.",
  "The Order of the International Court of Justice of 22 February 2023 must be implemented without delay.",
  "Only dialogue in an internationally agreed format can lead to a lasting settlement of the conflict.",
  "We reaffirm our readiness to continue talks on humanitarian issues with the mediation of the peacekeepers.",
].join(" ");

describe("near-duplicates of the samples", () => {
  it.runIf(samplesPresent)("finds the news report quoting the statement a near-duplicate of it", () => {
    const similarity = compareTexts(statement as string, report as string);
    expect(isNearDuplicate(similarity)).toBe(true);
    expect(similarity.containment).toBeGreaterThan(0.5);
    const estimated = compareFingerprints(
      fingerprintText(statement as string),
      fingerprintText(report as string),
    );
    expect(isNearDuplicate(estimated)).toBe(true);
    expect(Math.abs(estimated.containment - similarity.containment)).toBeLessThan(0.15);
  });

  it.runIf(samplesPresent)("keeps the other statement of the same ministry apart from both", () => {
    for (const text of [statement, report] as string[]) {
      const similarity = compareTexts(text, otherStatement as string);
      expect(isNearDuplicate(similarity)).toBe(false);
      expect(similarity.score).toBeLessThan(0.1);
      expect(
        isNearDuplicate(
          compareFingerprints(fingerprintText(text), fingerprintText(otherStatement as string)),
        ),
      ).toBe(false);
    }
  });

  it.runIf(samplesPresent)("lets the pair through the fingerprint pre-check and turns the third away", () => {
    const [first, second, third] = [statement, report, otherStatement].map((text) =>
      fingerprintText(text as string),
    );
    expect(mayBeNearDuplicate(first as never, second as never)).toBe(true);
    expect(mayBeNearDuplicate(first as never, third as never)).toBe(false);
    expect(mayBeNearDuplicate(second as never, third as never)).toBe(false);
  });

  it.runIf(samplesPresent)("clusters the pair and leaves the third alone", () => {
    const clusters = clusterNearDuplicates([
      { id: "statement", text: statement as string },
      { id: "other", text: otherStatement as string },
      { id: "report", text: report as string },
    ]);
    expect(clusters.map((cluster) => cluster.ids)).toEqual([["statement", "report"]]);
  });
});

describe("fingerprints", () => {
  it("ignores case, punctuation and quotes of every kind", () => {
    const plain = "The ministry said \"full-fledged talks\" are needed, and 'soon'.";
    const curly = "THE MINISTRY SAID «full-fledged talks» are needed — and ‘soon’…";
    expect(words(plain)).toEqual(words(curly));
    expect(compareTexts(plain, curly)).toEqual({ jaccard: 1, containment: 1, score: 1 });
    expect(fingerprintText(plain)).toEqual(fingerprintText(curly));
  });

  it("has the documented shape and is the same every time", () => {
    const fingerprint = fingerprintText(lachinStatement);
    expect(fingerprint.signature).toHaveLength(permutationCount);
    expect(fingerprint.bandKeys).toHaveLength(bandCount);
    expect(fingerprint.bandKeys[3]).toMatch(/^b3:[0-9a-z]+$/);
    expect(fingerprint.shingleCount).toBe(words(lachinStatement).length - 4);
    expect(fingerprintText(lachinStatement)).toEqual(fingerprint);
    for (const value of fingerprint.signature) expect(value).toBe(value | 0);
  });

  it("finds a reordered and lightly edited copy", () => {
    const sentences = lachinStatement.split(". ");
    const edited = [...sentences.slice(3), ...sentences.slice(0, 3)]
      .join(". ")
      .replace("deprives", "is depriving")
      .replace("concrete", "practical")
      .replace("lasting", "durable");
    const exact = compareTexts(lachinStatement, edited);
    expect(isNearDuplicate(exact)).toBe(true);
    const estimated = compareFingerprints(fingerprintText(lachinStatement), fingerprintText(edited));
    expect(Math.abs(estimated.jaccard - exact.jaccard)).toBeLessThan(0.2);
    const shared = fingerprintText(lachinStatement).bandKeys.filter((key) =>
      fingerprintText(edited).bandKeys.includes(key),
    );
    expect(shared.length).toBeGreaterThan(0);
  });

  it("finds a statement quoted whole inside a longer report", () => {
    const surrounding = Array.from(
      { length: 24 },
      (_, index) =>
        `Paragraph ${index} of the report adds context about regional politics item ${index * 7}.`,
    );
    const quoted = [...surrounding.slice(0, 12), `“${lachinStatement}”`, ...surrounding.slice(12)].join(
      "\n\n",
    );
    const similarity = compareTexts(lachinStatement, quoted);
    expect(similarity.jaccard).toBeLessThan(0.4);
    expect(similarity.containment).toBe(1);
    expect(isNearDuplicate(similarity)).toBe(true);
  });

  it("handles texts shorter than a shingle and texts without words", () => {
    expect(fingerprintText("").shingleCount).toBe(0);
    expect(fingerprintText("").bandKeys).toEqual([]);
    expect(fingerprintText("— … «»").shingleCount).toBe(0);
    expect(compareTexts("", "")).toEqual({ jaccard: 0, containment: 0, score: 0 });
    expect(compareFingerprints(fingerprintText(""), fingerprintText(""))).toEqual({
      jaccard: 0,
      containment: 0,
      score: 0,
    });
    expect(fingerprintText("Lachin corridor blocked").shingleCount).toBe(1);
    expect(isNearDuplicate(compareTexts("Lachin corridor blocked.", "LACHIN CORRIDOR BLOCKED!"))).toBe(true);
    expect(isNearDuplicate(compareTexts("Lachin corridor blocked.", "Lachin corridor open."))).toBe(false);
    // A short phrase inside a long text is a quotation, not a duplicate.
    expect(
      isNearDuplicate(compareTexts("Only dialogue in an internationally agreed format", lachinStatement)),
    ).toBe(false);
  });
});

describe("chooseOriginal", () => {
  it("picks the member published first, then the one received first", () => {
    expect(
      chooseOriginal([
        { id: "report", publishedOn: "2023-03-03", receivedAt: "2023-03-03T10:00:00Z" },
        { id: "statement", publishedOn: "2023-03-02", receivedAt: "2023-03-04T10:00:00Z" },
        { id: "undated", publishedOn: null, receivedAt: "2023-03-01T10:00:00Z" },
      ]),
    ).toBe("statement");
    expect(
      chooseOriginal([
        { id: "b", publishedOn: "2023-03-02", receivedAt: "2023-03-02T12:00:00+04:00" },
        { id: "a", publishedOn: "2023-03-02", receivedAt: "2023-03-02T09:00:00Z" },
      ]),
    ).toBe("b");
  });

  it("chooses none when no member has a published date", () => {
    expect(
      chooseOriginal([
        { id: "x", publishedOn: null, receivedAt: "2023-03-01T10:00:00Z" },
        { id: "y", publishedOn: null, receivedAt: "2023-03-02T10:00:00Z" },
      ]),
    ).toBeNull();
    expect(chooseOriginal([])).toBeNull();
  });
});
