/**
 * Quotes and their speakers. A quote opens with “ « „ or a straight " and closes with its mark; a
 * paragraph that ends inside a quote continues it when the next paragraph opens with a quote mark
 * (the printers' convention). A quote that never closes ends at its paragraph, or after
 * `maxUnclosed` characters, and is flagged. The speaker is read from the attribution after the quote
 * ("…," the foreign ministry said; "…," explained the ministry), or before it in the same sentence
 * (X said that …, X told Y: "…", according to X), and resolved to a person or party mention inside
 * the attribution. A pronoun speaker takes the nearest earlier mention of its kind; anything else
 * unresolvable is kept as plain text when short, and dropped when not: no speaker rather than a
 * wrong one. Reported speech without marks ("X said on Thursday that …") is a quote of kind
 * "reported". The scan moves forward only, and each look around a quote is bounded.
 */
import { sentenceSpans } from "./sentences.js";
import { bySpanStart, firstStartingAt, within } from "./spans.js";
import type { Mention, Quote, Span, Speaker } from "./types.js";

export const maxUnclosed = 2_000;
const maxQuoteLength = 10_000;
const closers: Record<string, string> = { "“": "”", "«": "»", "„": "“”", '"': '"' };
const openerPattern = /[“«„"]/g;
const verbs =
  "said|says|added|adds|called|described|explained|stated|states|noted|notes|told|tells|declared|stressed|emphasi[sz]ed|insisted|wrote|writes|claimed|argued|warned|continued|concluded|underlined|replied|recalled|announced|affirmed|reiterated|commented|pointed out|urged|according to";
const afterVerbFirst = new RegExp(
  `^[\\s,]*(?:[—–-]\\s*)?(?:${verbs})\\s+([^,.;:!?\\n“”"«»]{1,80}?)(?=\\s+(?:in|on|at|during|to|after|while|when|adding|on\\s+\\p{Lu})\\b|[,.;:!?\\n]|$)`,
  "du",
);
const afterSpeakerFirst = new RegExp(
  `^[\\s,]*(?:[—–-]\\s*)?([^,.;:!?\\n“”"«»]{1,80}?)\\s+(?:has\\s+|had\\s+|have\\s+|also\\s+)?(?:${verbs})\\b`,
  "du",
);
const verbBefore = new RegExp(
  `(?<![\\p{L}-])(?:has\\s+|had\\s+|have\\s+|also\\s+)?(?:${verbs})(?![\\p{L}])`,
  "gu",
);
const accordingTo = /according to ([^,.;:!?\n“”"«»]{1,80})[,:]?\s*$/diu;
const reported =
  /^(?:[^;:“”"«»]{0,300}[,;]\s*)?([^,.;:!?\n“”"«»]{1,80}?),?\s+(?:has\s+|have\s+|had\s+)?(?:said|stated|announced|declared|claimed|insisted|noted|stressed|told(?:\s+[\p{L}’'-]+){1,3}?|reiterated|warned)(?:\s+on\s+\p{Lu}\p{L}+|\s+\p{Ll}+day)?\s+(?:that\s|(?=(?:it|he|she|they|we)\s))/du;
const pronouns: Record<string, "person" | "party"> = {
  he: "person",
  she: "person",
  it: "party",
  they: "party",
};
const leadingJunk = /^(?:and|but|while|as|when|where|so)\s+/i;

function paragraphEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}

function findCloser(text: string, from: number, to: number, marks: string): number {
  for (let index = from; index < to; index++) if (marks.includes(text[index] as string)) return index;
  return -1;
}

interface RawQuote {
  open: number;
  end: number;
  parts: Span[];
  unclosed: boolean;
}

/** One quote from its opening mark, over as many paragraphs as continue it. */
function readQuote(text: string, open: number): RawQuote {
  const marks = closers[text[open] as string] ?? "”";
  const parts: Span[] = [];
  let from = open + 1;
  for (;;) {
    const limit = Math.min(paragraphEnd(text, from), from + maxUnclosed, open + maxQuoteLength);
    const close = findCloser(text, from, limit, marks);
    if (close >= 0) {
      parts.push([from, close]);
      return { open, end: close + 1, parts, unclosed: false };
    }
    parts.push([from, limit]);
    const next = /^\n[ \t]*\n?[ \t]*/.exec(text.slice(limit, limit + 20));
    const nextStart = next ? limit + next[0].length : -1;
    if (nextStart < 0 || !'“«„"'.includes(text[nextStart] ?? "") || nextStart >= open + maxQuoteLength) {
      return { open, end: limit, parts, unclosed: true };
    }
    from = nextStart + 1;
  }
}

function mentionsWithin(mentions: Mention[], start: number, end: number): Mention[] {
  return within(mentions, start, end).filter((m) => m.kind === "person" || m.kind === "party");
}

function lastBefore(
  mentions: Mention[],
  kind: "person" | "party",
  before: number,
  window = 600,
): Mention | undefined {
  return within(mentions, Math.max(0, before - window), before)
    .filter((m) => m.kind === kind && m.recordId)
    .at(-1);
}

/** The speaker an attribution phrase names, or null when it names none we can trust. */
export function speakerFrom(
  text: string,
  phraseStart: number,
  phrase: string,
  mentions: Mention[],
): Speaker | null {
  const junk = leadingJunk.exec(phrase);
  const start = phraseStart + (junk ? junk[0].length : 0) + (phrase.length - phrase.trimStart().length);
  const clean = phrase.replace(leadingJunk, "").trim();
  if (!clean) return null;
  const span: Span = [start, start + clean.length];
  const inside = mentionsWithin(mentions, span[0], span[1]);
  // A named person speaks for themselves, even one the registry lacks ("Russia's envoy X");
  // otherwise the head of the phrase speaks: its first party ("the ICRC office in Armenia").
  const person = inside.find((m) => m.kind === "person");
  if (person)
    return person.recordId
      ? { text: clean, recordId: person.recordId, kind: "person", span }
      : { text: clean, span };
  const apposed = appositive(text, phraseStart, mentions);
  if (apposed) return apposed;
  const party = inside.find((m) => m.recordId);
  if (party?.recordId) return { text: clean, recordId: party.recordId, kind: "party", span };
  const pronoun = pronouns[clean.toLowerCase()];
  if (pronoun) {
    const antecedent = lastBefore(mentions, pronoun, span[0]);
    return antecedent?.recordId ? { text: clean, recordId: antecedent.recordId, kind: pronoun, span } : null;
  }
  const words = clean.split(/\s+/);
  // A short noun phrase ("a spokesperson", "the ministry") is kept as text; a clause is not a speaker.
  if (words.length > 6 || /^(?:that|which|who|this|there|such|these|those|we|i|you)$/i.test(words[0] ?? ""))
    return null;
  return { text: clean, span };
}

/** "Yeghishe Kirakosyan, Armenia's representative on …, said": the person before the apposition. */
function appositive(text: string, phraseStart: number, mentions: Mention[]): Speaker | null {
  const person = mentionsWithin(mentions, Math.max(0, phraseStart - 80), phraseStart)
    .filter((m) => m.kind === "person" && m.recordId)
    .at(-1);
  if (!person?.recordId || !/^,\s?$/.test(text.slice(person.span[1], phraseStart))) return null;
  return { text: person.text, recordId: person.recordId, kind: "person", span: person.span };
}

function attributionAfter(text: string, quote: RawQuote, mentions: Mention[]): Speaker | null {
  const lastChar = text[quote.end - 2] ?? "";
  const window = text.slice(quote.end, Math.min(quote.end + 200, paragraphEnd(text, quote.end)));
  // After a quote closed with a full stop, the next words start a new sentence.
  if (!/[,?!—–-]/.test(lastChar) && !/^\s*,/.test(window)) return null;
  const match = afterVerbFirst.exec(window) ?? afterSpeakerFirst.exec(window);
  const group = match?.indices?.[1];
  return match?.[1] && group ? speakerFrom(text, quote.end + group[0], match[1], mentions) : null;
}

/** Where the last sentence in the window starts: after its last line break or ". " (and the like). */
function lastSentenceBoundary(prefix: string): number {
  for (let index = prefix.length - 2; index >= 0; index--) {
    const char = prefix[index] as string;
    if (char === "\n") return index;
    const ends = ".!?".includes(char) || ('”"»'.includes(char) && ".!?".includes(prefix[index - 1] ?? ""));
    if (ends && /\s/.test(prefix[index + 1] ?? "")) return index + 1;
  }
  return -1;
}

function attributionBefore(text: string, open: number, mentions: Mention[]): Speaker | null {
  const windowStart = Math.max(0, open - 300);
  let prefix = text.slice(windowStart, open);
  const boundary = lastSentenceBoundary(prefix);
  const sentenceStart = boundary >= 0 ? boundary + 1 : 0;
  prefix = prefix.slice(sentenceStart);
  const offset = windowStart + sentenceStart;
  const according = accordingTo.exec(prefix);
  const group = according?.indices?.[1];
  if (according?.[1] && group) return speakerFrom(text, offset + group[0], according[1], mentions);
  let verb: RegExpExecArray | undefined;
  verbBefore.lastIndex = 0;
  for (let match = verbBefore.exec(prefix); match; match = verbBefore.exec(prefix)) verb = match;
  if (!verb || verb[0] === "according to") return null;
  const clauseStart =
    Math.max(...[",", ";", "(", ":"].map((mark) => prefix.lastIndexOf(mark, verb.index))) + 1;
  return speakerFrom(text, offset + clauseStart, prefix.slice(clauseStart, verb.index), mentions);
}

export interface FindQuotesOptions {
  maxQuotes?: number;
}

export function findQuotes(text: string, mentions: Mention[], options: FindQuotesOptions = {}): Quote[] {
  const maxQuotes = options.maxQuotes ?? 1_000;
  const quotes: Quote[] = [];
  openerPattern.lastIndex = 0;
  for (
    let match = openerPattern.exec(text);
    match && quotes.length < maxQuotes;
    match = openerPattern.exec(text)
  ) {
    const open = match.index;
    // A straight quote opens only after a space, a line start or an opening bracket.
    if (match[0] === '"' && open > 0 && !/[\s([—–-]/.test(text[open - 1] as string)) continue;
    const raw = readQuote(text, open);
    openerPattern.lastIndex = Math.max(raw.end, open + 1);
    const quoted = raw.parts.map(([from, to]) => text.slice(from, to)).join("\n");
    if (!quoted.trim()) continue;
    const fragment = !raw.unclosed && quoted.trim().split(/\s+/).length <= 4;
    const after = raw.unclosed ? null : attributionAfter(text, raw, mentions);
    const speaker = after ?? attributionBefore(text, open, mentions);
    quotes.push({
      kind: "direct",
      span: [open, raw.end],
      text: quoted,
      speaker,
      confidence: speaker?.recordId ? 0.85 : speaker ? 0.6 : 0.5,
      rule: after ? "attribution_after" : speaker ? "attribution_before" : "marks",
      unclosed: raw.unclosed,
      fragment,
    });
  }
  return [...quotes, ...reportedSpeech(text, mentions, quotes, maxQuotes - quotes.length)].sort(bySpanStart);
}

/** "X said (on Thursday) that …": the clause after "that" is X's, even without quote marks. */
function reportedSpeech(text: string, mentions: Mention[], direct: Quote[], limit: number): Quote[] {
  const found: Quote[] = [];
  for (const [start, end] of sentenceSpans(text)) {
    if (found.length >= limit) break;
    const sentence = text.slice(start, end);
    const match = reported.exec(sentence);
    if (!match?.[1]) continue;
    const phraseStart = start + (match.indices?.[1]?.[0] ?? 0);
    const speaker = speakerFrom(text, phraseStart, match[1], mentions);
    if (!speaker?.recordId) continue;
    const contentStart = start + match[0].length;
    // A sentence that is itself inside a quote is the quote's, not reported speech.
    const enclosing = direct[firstStartingAt(direct, contentStart) - 1];
    if (enclosing && enclosing.span[1] > contentStart && !enclosing.fragment) continue;
    found.push({
      kind: "reported",
      span: [contentStart, end],
      text: text.slice(contentStart, end),
      speaker,
      confidence: 0.7,
      rule: "reported_speech",
      unclosed: false,
      fragment: false,
    });
  }
  return found;
}
