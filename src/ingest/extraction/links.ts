/**
 * Which commitments and provisions a passage bears on, by the words they share: unigrams and bigrams
 * of content words (folded, lightly stemmed, a few of the field's synonyms merged: goods/cargo,
 * citizens/persons), weighted by TF-IDF over the candidates and compared by cosine similarity.
 * Suggestions only: a reviewer confirms the link.
 */
import { fold } from "./gazetteer.js";
import type { LinkCandidate, LinkSuggestion } from "./types.js";

const stopwords = new Set(
  "a an and are as at be been being but by for from has have in into is it its of on or that the their there these this those to was were which will with shall should would can could may all any other such per each both its them they we our not no than then also only".split(
    " ",
  ),
);
const synonyms: Record<string, string> = {
  good: "cargo",
  goods: "cargo",
  citizen: "person",
  citizens: "person",
  people: "person",
  persons: "person",
  safety: "security",
  safe: "security",
  unblock: "restore",
  unblocking: "restore",
  unblocked: "restore",
  restored: "restore",
  road: "corridor",
  communication: "connection",
  connections: "connection",
};

function stem(word: string): string {
  const mapped = synonyms[word];
  if (mapped) return mapped;
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("s") && !word.endsWith("ss"))
    return synonyms[word.slice(0, -1)] ?? word.slice(0, -1);
  return word;
}

/** Content-word unigrams and bigrams of a text, with counts. */
export function termCounts(text: string, maxChars = 20_000): Map<string, number> {
  const words = fold(text.slice(0, maxChars))
    .split(" ")
    .filter((word) => word.length > 1 && !stopwords.has(word) && !/^\d+$/.test(word))
    .map(stem);
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  words.forEach((word, index) => {
    add(word);
    if (index > 0) add(`${words[index - 1]} ${word}`);
  });
  return counts;
}

interface LinkIndex {
  idf: Map<string, number>;
  documents: { candidate: LinkCandidate; vector: Map<string, number>; norm: number }[];
  size: number;
}

const indexes = new WeakMap<readonly LinkCandidate[], LinkIndex>();

function weigh(counts: Map<string, number>, idf: Map<string, number>, fallback: number) {
  const vector = new Map<string, number>();
  let sum = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? fallback) * (term.includes(" ") ? 1.5 : 1);
    vector.set(term, weight);
    sum += weight * weight;
  }
  return { vector, norm: Math.sqrt(sum) };
}

export function buildLinkIndex(candidates: readonly LinkCandidate[]): LinkIndex {
  const cached = indexes.get(candidates);
  if (cached) return cached;
  const counted = candidates.map((candidate) => ({ candidate, counts: termCounts(candidate.text) }));
  const frequency = new Map<string, number>();
  for (const { counts } of counted)
    for (const term of counts.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const size = candidates.length;
  const idf = new Map([...frequency].map(([term, df]) => [term, Math.log((size + 1) / (df + 1)) + 1]));
  const index: LinkIndex = {
    idf,
    size,
    documents: counted.map(({ candidate, counts }) => ({ candidate, ...weigh(counts, idf, 1) })),
  };
  indexes.set(candidates, index);
  return index;
}

export interface SuggestLinksOptions {
  limit?: number;
  minScore?: number;
}

/** Candidates the passage shares words with, best first, scores in 0..1 (cosine). */
export function suggestLinks(
  claimText: string,
  candidates: readonly LinkCandidate[],
  options: SuggestLinksOptions = {},
): LinkSuggestion[] {
  if (candidates.length === 0) return [];
  const index = buildLinkIndex(candidates);
  // Terms no candidate has cannot raise a score; they only lengthen the passage's vector.
  const counts = new Map([...termCounts(claimText)].filter(([term]) => index.idf.has(term)));
  const query = weigh(counts, index.idf, 0);
  if (query.norm === 0) return [];
  const scored = index.documents.map(({ candidate, vector, norm }) => {
    let dot = 0;
    for (const [term, weight] of query.vector) dot += weight * (vector.get(term) ?? 0);
    return {
      kind: candidate.kind,
      id: candidate.id,
      score: norm ? Math.round((dot / (norm * query.norm)) * 1000) / 1000 : 0,
    };
  });
  return scored
    .filter((item) => item.score >= (options.minScore ?? 0.12))
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? 5);
}
