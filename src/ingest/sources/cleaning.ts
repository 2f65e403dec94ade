/**
 * Cleaning: the web debris around an article's text removed ("Read also" markers, category and tag
 * lines, share/print/cookie boilerplate, a trailing byline, words a mail gateway defused, runs of
 * whitespace), as a list of edits in the original's offsets. The original is never changed; the
 * cleaned text is the original with the edits applied, so a passage cited in either can be shown in
 * the other (`originalToCleanedOffset`, `cleanedToOriginalOffset`).
 *
 * The text is read line by line in one pass. Each line is first normalised on its own (spaces,
 * defused words); whole lines are then dropped by rule, judged on their normalised form so that
 * cleaning the cleaned text finds nothing more to do; the gaps between kept lines become one
 * newline, or a blank line where the original had one.
 */
import type { CleanedText, TextEdit } from "./contracts.js";

export type CleaningRule =
  | "read_also"
  | "category_line"
  | "trailing_byline"
  | "broken_word"
  | "whitespace"
  | "boilerplate";

interface Line {
  /** Offsets of the line's characters, line break excluded. */
  start: number;
  end: number;
  /** Inline edits within the line (whitespace, broken words). */
  edits: TextEdit[];
  /** The line with its inline edits applied. */
  normalised: string;
  dropRule?: CleaningRule;
}

const markerLines = new Set(
  [
    "read also",
    "read more",
    "also read",
    "see also",
    "related",
    "related articles",
    "related news",
    "читайте также",
    "смотрите также",
    "ayrıca oxuyun",
    "həmçinin oxuyun",
    "կարդացեք նաև",
    "կարդացեք նաեւ",
  ].map((marker) => marker.normalize("NFC")),
);

const categoryLine = /^(?:categories|category|tags|tag|рубрика|рубрики|теги|kateqoriya|teqlər)\s*:/iu;

/** Whole-line boilerplate of article pages, matched on the normalised line. */
const boilerplateLines: readonly RegExp[] = [
  /^(?:share this|share this article|share|share on (?:facebook|twitter|x|telegram))\s*:?$/iu,
  /^(?:print|print this(?: page| article)?|email|e-mail)$/iu,
  /^subscribe to our newsletter\b.{0,80}$/iu,
  /^(?:©|\(c\)|copyright)?.{0,120}\ball rights reserved\b.{0,80}$/iu,
  /^(?:we use cookies|this (?:web)?site uses cookies|by continuing to (?:use|browse)\b.{0,80}\bcookies)\b.{0,300}$/iu,
  /^(?:accept (?:all )?cookies|cookie (?:settings|policy)|manage cookies)$/iu,
];

/** A final "Name Surname:", "By Name" or "— Name" line; names are capitalised words. */
const capitalisedName = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*`;
const bylineLines: readonly RegExp[] = [
  new RegExp(`^${capitalisedName}(?: ${capitalisedName}){0,3}:$`, "u"),
  // No "i" flag: under it \p{Lu} would match lower case too.
  new RegExp(
    `^(?:[Bb]y|BY|[Оо]т|[Аа]втор:?|[Mm]üəllif:?|[Հհ]եղինակ՝?) ${capitalisedName}(?: (?:and )?${capitalisedName}){0,4}$`,
    "u",
  ),
  new RegExp(`^[—–-] ?${capitalisedName}(?: ${capitalisedName}){0,3}$`, "u"),
];

/**
 * Words that mail gateways and list archives defuse by wrapping them in underscores because they
 * could script an HTML mail (CSS `expression()`, `javascript:` links, `<iframe>`, `on…` handlers):
 * "free _expression_ of their will". Only these are unwrapped; `_other_` underscores (Markdown
 * emphasis, identifiers) are left alone.
 */
export const gatewayDefusedWords = [
  "expression",
  "javascript",
  "vbscript",
  "livescript",
  "script",
  "iframe",
  "frameset",
  "applet",
  "object",
  "embed",
  "onload",
  "onunload",
  "onclick",
  "ondblclick",
  "onerror",
  "onmouseover",
  "onmouseout",
  "onfocus",
  "onblur",
  "onchange",
  "onsubmit",
] as const;

const brokenWord = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])_(${gatewayDefusedWords.join("|")})_(?![\p{L}\p{N}_])`,
  "giu",
);
/** Runs of spaces and invisible characters within a line (a line break is never inside one). */
const spaceRun = /[\s\u200b]+/gu;
const notSpace = /[^\s\u200b]/u;
const lineBreak = /\r\n|\r|\n|\u2028|\u2029/g;

export function cleanText(original: string): CleanedText {
  const lines = splitLines(original);
  markDroppedLines(lines);
  const edits = gapAndLineEdits(original, lines);
  return { cleaned: applyEdits(original, edits), edits };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  lineBreak.lastIndex = 0;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    lines.push(normaliseLine(text, start, match.index));
    start = match.index + match[0].length;
  }
  lines.push(normaliseLine(text, start, text.length));
  return lines;
}

/**
 * Inline edits of one line: spaces at its ends, then runs of odd spaces and invisible characters,
 * then defused words judged on the text with those spaces fixed (so that a second cleaning finds
 * none left).
 */
function normaliseLine(text: string, start: number, end: number): Line {
  const raw = text.slice(start, end);
  const contentStart = raw.search(notSpace);
  if (contentStart < 0) return { start, end, edits: [], normalised: "" };
  let contentEnd = raw.length;
  while (!notSpace.test(raw[contentEnd - 1] as string)) contentEnd--;
  const content = raw.slice(contentStart, contentEnd);
  const spaceEdits = matchEdits(content, spaceRun, "whitespace", (run) =>
    /[^\u200b\ufeff]/u.test(run) ? " " : "",
  ).filter((edit) => content.slice(edit.start, edit.end) !== edit.replacement);
  const spaced = applyEdits(content, spaceEdits);
  const wordEdits = matchEdits(spaced, brokenWord, "broken_word", (word) => word.slice(1, -1));
  let edits = spaceEdits;
  for (const word of wordEdits) {
    const from = cleanedToOriginalOffset(spaceEdits, word.start, "start");
    const to = cleanedToOriginalOffset(spaceEdits, word.end, "end");
    edits = edits.filter((edit) => edit.end <= from || edit.start >= to);
    edits.push({ start: from, end: to, replacement: word.replacement, rule: "broken_word" });
  }
  edits = edits.map((edit) => shifted(edit, contentStart)).sort((a, b) => a.start - b.start);
  if (contentStart > 0) edits.unshift({ start: 0, end: contentStart, replacement: "", rule: "whitespace" });
  if (contentEnd < raw.length)
    edits.push({ start: contentEnd, end: raw.length, replacement: "", rule: "whitespace" });
  return {
    start,
    end,
    edits: edits.map((edit) => shifted(edit, start)),
    normalised: applyEdits(spaced, wordEdits),
  };
}

function matchEdits(
  text: string,
  pattern: RegExp,
  rule: CleaningRule,
  replace: (match: string) => string,
): TextEdit[] {
  const edits: TextEdit[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    edits.push({
      start: match.index,
      end: match.index + match[0].length,
      replacement: replace(match[0]),
      rule,
    });
  }
  return edits;
}

function shifted(edit: TextEdit, by: number): TextEdit {
  return { ...edit, start: edit.start + by, end: edit.end + by };
}

function markDroppedLines(lines: Line[]): void {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as Line;
    if (line.normalised === "" || line.dropRule) continue;
    const folded = line.normalised.toLocaleLowerCase().normalize("NFC");
    if (markerLines.has(folded.replace(/[:.…]+$/u, ""))) {
      line.dropRule = "read_also";
      const next = nextContentLine(lines, index);
      if (next && looksLikeLinkTitle(next.normalised)) next.dropRule = "read_also";
    } else if (line.normalised.length <= 200 && categoryLine.test(line.normalised)) {
      line.dropRule = "category_line";
    } else if (boilerplateLines.some((pattern) => pattern.test(line.normalised))) {
      line.dropRule = "boilerplate";
    }
  }
  dropTrailingBylines(lines);
}

function nextContentLine(lines: Line[], index: number): Line | undefined {
  for (let next = index + 1; next < lines.length; next++) {
    const line = lines[next] as Line;
    if (line.normalised !== "") return line;
  }
  return undefined;
}

/** A linked headline: short, and not ending like a sentence does. */
function looksLikeLinkTitle(text: string): boolean {
  return text.length <= 120 && text.split(" ").length <= 16 && !/[.!?:;…»"”)]$/u.test(text);
}

/** Bylines (and boilerplate after them) at the end, as long as one line of content remains. */
function dropTrailingBylines(lines: Line[]): void {
  const kept = lines.filter((line) => line.normalised !== "" && !line.dropRule);
  for (let index = kept.length - 1; index >= 1; index--) {
    const line = kept[index] as Line;
    if (line.normalised.length > 60 || !bylineLines.some((pattern) => pattern.test(line.normalised))) return;
    line.dropRule = "trailing_byline";
  }
}

/**
 * The edits: each kept line's inline edits; each dropped line removed together with the line
 * break after it; and the breaks between kept lines made "\n" or, where the original had a blank
 * line, "\n\n" (nothing before the first or after the last).
 */
function gapAndLineEdits(text: string, lines: Line[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let gapStart = 0;
  let gapHasBlank = false;
  let dropped: Line[] = [];
  let seenKept = false;
  const closeGap = (gapEnd: number, atEnd: boolean) => {
    const separator = !seenKept || atEnd ? "" : gapHasBlank ? "\n\n" : "\n";
    let from = gapStart;
    for (const [position, line] of dropped.entries()) {
      const to = position + 1 < dropped.length ? (dropped[position + 1] as Line).start : gapEnd;
      pushMinimal(edits, text, from, to, position === 0 ? separator : "", line.dropRule as CleaningRule);
      from = to;
    }
    if (dropped.length === 0) pushMinimal(edits, text, gapStart, gapEnd, separator, "whitespace");
  };
  for (const [index, line] of lines.entries()) {
    if (line.normalised === "" || line.dropRule) {
      if (line.dropRule) dropped.push(line);
      // A blank (or dropped) line inside the gap makes it a paragraph break.
      else if (seenKept && index > 0) gapHasBlank = true;
      continue;
    }
    closeGap(line.start, false);
    edits.push(...line.edits);
    seenKept = true;
    gapStart = line.end;
    gapHasBlank = false;
    dropped = [];
  }
  closeGap(text.length, true);
  return edits;
}

/** Replaces [from, to) with `replacement`, leaving out the common start and end so edits stay small. */
function pushMinimal(
  edits: TextEdit[],
  text: string,
  from: number,
  to: number,
  replacement: string,
  rule: CleaningRule,
): void {
  let start = from;
  let end = to;
  let repStart = 0;
  let repEnd = replacement.length;
  while (start < end && repStart < repEnd && text[start] === replacement[repStart]) {
    start++;
    repStart++;
  }
  while (end > start && repEnd > repStart && text[end - 1] === replacement[repEnd - 1]) {
    end--;
    repEnd--;
  }
  if (start === end && repStart === repEnd) return;
  edits.push({ start, end, replacement: replacement.slice(repStart, repEnd), rule });
}

/** The original with the edits (sorted, non-overlapping, in its offsets) applied. */
export function applyEdits(original: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let position = 0;
  for (const edit of edits) {
    parts.push(original.slice(position, edit.start), edit.replacement);
    position = edit.end;
  }
  parts.push(original.slice(position));
  return parts.join("");
}

/**
 * Where an offset of the original falls in the cleaned text. Offsets inside a removed or replaced
 * stretch land on the corresponding place in its replacement (its start, for a removal).
 */
export function originalToCleanedOffset(edits: readonly TextEdit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) {
    if (offset <= edit.start) break;
    if (offset < edit.end) return edit.start + shift + Math.min(offset - edit.start, edit.replacement.length);
    shift += edit.replacement.length - (edit.end - edit.start);
  }
  return offset + shift;
}

/**
 * Where an offset of the cleaned text falls in the original. At a removal both sides of the removed
 * stretch are the same cleaned offset: `side` "start" (for the start of a cited passage) picks the
 * place after it, "end" (for a passage's end) the place before it.
 */
export function cleanedToOriginalOffset(
  edits: readonly TextEdit[],
  offset: number,
  side: "start" | "end" = "start",
): number {
  let shift = 0;
  for (const edit of edits) {
    const cleanedStart = edit.start + shift;
    const cleanedEnd = cleanedStart + edit.replacement.length;
    if (offset < cleanedStart || (offset === cleanedStart && side === "end")) break;
    if (offset < cleanedEnd) return edit.start + Math.min(offset - cleanedStart, edit.end - edit.start);
    shift += edit.replacement.length - (edit.end - edit.start);
  }
  return offset - shift;
}
