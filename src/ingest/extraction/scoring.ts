/**
 * Precision and recall of extraction on the labelled set, per kind: persons (registry ids, or
 * `new:<name>` for a suggested person), parties, speakers of quotes and reported speech (resolved to a
 * record), and claim types. Each passage contributes the sets it was labelled with and the sets
 * extracted; counts are summed over passages (micro-averaged). The benchmark reports these figures.
 */
import { demoRegistry } from "./demo-registry.js";
import { type Extraction, extractDocument } from "./extract.js";
import { type LabelledPassage, labelledExtraPersons } from "./labelled-passages.js";
import type { ExtractionRegistry } from "./types.js";

export const scoredKinds = ["persons", "parties", "speakers", "claims"] as const;
export type ScoredKind = (typeof scoredKinds)[number];

export interface KindScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface PassageResult {
  id: string;
  expected: Record<ScoredKind, string[]>;
  found: Record<ScoredKind, string[]>;
}

export interface ExtractionScore {
  kinds: Record<ScoredKind, KindScore>;
  passages: PassageResult[];
}

/** The demo registry with the officials the labelled passages name in full. */
export function labelledRegistry(): ExtractionRegistry {
  const demo = demoRegistry();
  return { ...demo, persons: [...demo.persons, ...labelledExtraPersons] };
}

export function foundSets(extraction: Extraction): Record<ScoredKind, string[]> {
  const persons = extraction.mentions
    .filter((m) => m.kind === "person")
    .map((m) => m.recordId ?? (m.suggestedPerson ? `new:${m.suggestedPerson.name}` : ""));
  const parties = extraction.mentions.filter((m) => m.kind === "party").map((m) => m.recordId ?? "");
  const speakers = extraction.quotes.map((q) => q.speaker?.recordId ?? "");
  const unique = (items: string[]) => [...new Set(items.filter(Boolean))].sort();
  return {
    persons: unique(persons),
    parties: unique(parties),
    speakers: unique(speakers),
    claims: unique(extraction.claims.map((c) => c.type)),
  };
}

function score(truePositives: number, falsePositives: number, falseNegatives: number): KindScore {
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000);
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
  };
}

export function scoreExtraction(
  labelled: readonly LabelledPassage[],
  registry: ExtractionRegistry = labelledRegistry(),
): ExtractionScore {
  const counts = Object.fromEntries(scoredKinds.map((kind) => [kind, { tp: 0, fp: 0, fn: 0 }])) as Record<
    ScoredKind,
    { tp: number; fp: number; fn: number }
  >;
  const passages: PassageResult[] = [];
  for (const passage of labelled) {
    const extraction = extractDocument({ text: passage.text, publishedOn: null, language: "en" }, registry);
    const found = foundSets(extraction);
    const expected: Record<ScoredKind, string[]> = {
      persons: [...new Set(passage.persons)].sort(),
      parties: [...new Set(passage.parties)].sort(),
      speakers: [...new Set(passage.speakers)].sort(),
      claims: [...new Set(passage.claims)].sort(),
    };
    for (const kind of scoredKinds) {
      const gold = new Set(expected[kind]);
      const hits = found[kind].filter((item) => gold.has(item)).length;
      counts[kind].tp += hits;
      counts[kind].fp += found[kind].length - hits;
      counts[kind].fn += gold.size - hits;
    }
    passages.push({ id: passage.id, expected, found });
  }
  const kinds = Object.fromEntries(
    scoredKinds.map((kind) => [kind, score(counts[kind].tp, counts[kind].fp, counts[kind].fn)]),
  ) as Record<ScoredKind, KindScore>;
  return { kinds, passages };
}
