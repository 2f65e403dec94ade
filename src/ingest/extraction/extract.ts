/**
 * One document's extraction: mentions, dates, quotes and claims, each a suggestion with a span, a
 * confidence and a rule. Work is bounded whatever the input: only the first `maxChars` characters are
 * read (the result says so), and every kind is capped, so a 50 MB text or one without a sentence
 * boundary costs no more than a long article.
 */
import { findClaims } from "./claims.js";
import { buildGazetteer, findMentions, type Gazetteer } from "./gazetteer.js";
import { findQuotes } from "./quotes.js";
import { resolveDates } from "./relative-dates.js";
import type {
  Claim,
  ClaimActor,
  DateMention,
  ExtractionRegistry,
  LinkCandidate,
  Mention,
  Quote,
} from "./types.js";

export interface ExtractionLimits {
  maxChars: number;
  maxMentions: number;
  maxDates: number;
  maxQuotes: number;
  maxClaims: number;
}

export const defaultLimits: ExtractionLimits = {
  maxChars: 1_000_000,
  maxMentions: 5_000,
  maxDates: 1_000,
  maxQuotes: 1_000,
  maxClaims: 1_000,
};

export interface ExtractionInput {
  text: string;
  publishedOn: string | null;
  language: string;
  /** Who speaks in the document's own voice (a ministry's statement), when known. */
  author?: ClaimActor | null;
}

export interface Extraction {
  mentions: Mention[];
  dates: DateMention[];
  quotes: Quote[];
  claims: Claim[];
  /** The number of characters read; less than the text's length when it was cut. */
  readChars: number;
  truncated: boolean;
  /** Kinds whose cap was reached: more items may exist than were returned. */
  capped: string[];
}

const gazetteers = new WeakMap<ExtractionRegistry, Gazetteer>();

/** The registry's gazetteer, built once per registry object. */
export function gazetteerFor(registry: ExtractionRegistry): Gazetteer {
  let gazetteer = gazetteers.get(registry);
  if (!gazetteer) {
    gazetteer = buildGazetteer(registry);
    gazetteers.set(registry, gazetteer);
  }
  return gazetteer;
}

export function extractDocument(
  input: ExtractionInput,
  registry: ExtractionRegistry,
  candidates: readonly LinkCandidate[] = [],
  limits: Partial<ExtractionLimits> = {},
): Extraction {
  const caps = { ...defaultLimits, ...limits };
  const truncated = input.text.length > caps.maxChars;
  const text = truncated ? input.text.slice(0, caps.maxChars) : input.text;
  const mentions = findMentions(text, gazetteerFor(registry), {
    asOf: input.publishedOn,
    maxMentions: caps.maxMentions,
  });
  const dates = resolveDates(text, input.publishedOn, { maxDates: caps.maxDates });
  const quotes = findQuotes(text, mentions, { maxQuotes: caps.maxQuotes });
  const claims = findClaims(text, mentions, quotes, {
    author: input.author ?? null,
    candidates,
    maxClaims: caps.maxClaims,
  });
  const capped = [
    mentions.length >= caps.maxMentions ? "mentions" : "",
    dates.length >= caps.maxDates ? "dates" : "",
    quotes.length >= caps.maxQuotes ? "quotes" : "",
    claims.length >= caps.maxClaims ? "claims" : "",
  ].filter(Boolean);
  return { mentions, dates, quotes, claims, readChars: text.length, truncated, capped };
}
