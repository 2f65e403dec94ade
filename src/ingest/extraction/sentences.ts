/**
 * Sentence spans, in one pass: a sentence ends at . ! ? (and a closing quote or bracket after them)
 * followed by a space, or at a line break. A text without boundaries is cut every `maxSentence`
 * characters, so no later step reads an unbounded sentence.
 */
import type { Span } from "./types.js";

export const maxSentence = 1_000;
const boundary = /[.!?…]+[”"»’)\]]*(?=\s)|\n+/gu;
/** Abbreviations after which a full stop does not end the sentence. */
const abbreviations =
  /(?:^|[\s(])(?:Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Mr|Mrs|Ms|Dr|St|No|Gen|Lt|Col|vs|v|U\.S|U\.N|e\.g|i\.e|[A-Z])\.$/u;

export function sentenceSpans(text: string, limit = Number.POSITIVE_INFINITY): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    for (let from = start; from < end && spans.length < limit; from += maxSentence) {
      const to = Math.min(end, from + maxSentence);
      const slice = text.slice(from, to);
      const lead = slice.length - slice.trimStart().length;
      const trail = slice.length - slice.trimEnd().length;
      if (from + lead < to - trail) spans.push([from + lead, to - trail]);
    }
  };
  boundary.lastIndex = 0;
  for (let match = boundary.exec(text); match && spans.length < limit; match = boundary.exec(text)) {
    const end = match.index + match[0].length;
    if (
      match[0].startsWith(".") &&
      abbreviations.test(text.slice(Math.max(0, match.index - 6), match.index + 1))
    )
      continue;
    push(match[0].startsWith("\n") ? match.index : end);
    start = end;
  }
  push(text.length);
  return spans;
}
