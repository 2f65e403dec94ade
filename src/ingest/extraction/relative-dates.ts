/**
 * Dates in a text, resolved against the day it was published: absolute dates in English (and the
 * Russian, Armenian and Azerbaijani month names), and relative ones ("two days ago", "on Sunday",
 * "since Dec. 12", "for almost three months now", "last week", "yesterday"). A relative expression
 * in a text without a publication date is kept, unresolved: no date rather than a guessed one. A
 * vague span ("for more than a month now") is a range flagged approximate.
 *
 * Own rules rather than chrono-node: chrono resolves "on Sunday" to the coming Sunday by default and
 * has no notion of "for three months now"; its per-match work is also harder to bound on hostile
 * input. Each rule here is one regular expression without nested quantifiers, run once over the text.
 */
import type { DateMention, Span } from "./types.js";

const monthWords: readonly string[][] = [
  ["january", "jan", "января", "январь", "հունվարի", "yanvar"],
  ["february", "feb", "февраля", "февраль", "փետրվարի", "fevral"],
  ["march", "mar", "марта", "март", "մարտի", "mart"],
  ["april", "apr", "апреля", "апрель", "ապրիլի", "aprel"],
  ["may", "мая", "май", "մայիսի"],
  ["june", "jun", "июня", "июнь", "հունիսի", "iyun"],
  ["july", "jul", "июля", "июль", "հուլիսի", "iyul"],
  ["august", "aug", "августа", "август", "օգոստոսի", "avqust"],
  ["september", "sept", "sep", "сентября", "сентябрь", "սեպտեմբերի", "sentyabr"],
  ["october", "oct", "октября", "октябрь", "հոկտեմբերի", "oktyabr"],
  ["november", "nov", "ноября", "ноябрь", "նոյեմբերի", "noyabr"],
  ["december", "dec", "декабря", "декабрь", "դեկտեմբերի", "dekabr"],
];
const monthIndex = new Map<string, number>(
  monthWords.flatMap((words, index) => words.map((word) => [word, index] as const)),
);
const month = `(${[...monthIndex.keys()].sort((a, b) => b.length - a.length).join("|")})`;
const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const numberWords: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const count = `(\\d{1,3}|${Object.keys(numberWords).join("|")})`;
const unit = "(day|week|month|year)s?";
const hedge = "(almost|nearly|about|around|roughly|over|more than|less than|at least|some)";
const noLetterBefore = "(?<![\\p{L}\\p{N}])";
const noLetterAfter = "(?![\\p{L}\\p{N}])";

type Unit = "day" | "week" | "month" | "year";

interface DateRule {
  name: string;
  pattern: RegExp;
  read: (
    match: RegExpExecArray,
    context: RuleContext,
  ) => Omit<DateMention, "span" | "text" | "rule"> | undefined;
}

interface RuleContext {
  text: string;
  published: Date | null;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const day = (year: number, monthIndex0: number, dayOfMonth: number) =>
  new Date(Date.UTC(year, monthIndex0, dayOfMonth));

function validDay(year: number, monthIndex0: number, dayOfMonth: number): Date | undefined {
  const date = day(year, monthIndex0, dayOfMonth);
  return date.getUTCMonth() === monthIndex0 && date.getUTCDate() === dayOfMonth && year >= 1000
    ? date
    : undefined;
}

function shift(date: Date, amount: number, by: Unit): Date {
  const result = new Date(date.getTime());
  if (by === "day") result.setUTCDate(result.getUTCDate() + amount);
  if (by === "week") result.setUTCDate(result.getUTCDate() + 7 * amount);
  if (by === "month") result.setUTCMonth(result.getUTCMonth() + amount);
  if (by === "year") result.setUTCFullYear(result.getUTCFullYear() + amount);
  return result;
}

const numberOf = (word: string) => numberWords[word.toLowerCase()] ?? Number.parseInt(word, 10);
const unitOf = (word: string) => word.toLowerCase().replace(/s$/, "") as Unit;

function single(date: Date | undefined, confidence: number, approximate = false) {
  if (!date) return undefined;
  const value = iso(date);
  return {
    kind: "date" as const,
    start: value,
    end: value,
    resolved: { start: value, end: value },
    approximate,
    confidence,
  };
}

function range(start: Date, end: Date, confidence: number, approximate: boolean) {
  const [from, to] = [iso(start), iso(end)];
  return {
    kind: "range" as const,
    start: from,
    end: to,
    resolved: { start: from, end: to },
    approximate,
    confidence,
  };
}

function unresolved(kind: "date" | "range", confidence: number, approximate = false) {
  return { kind, start: null, end: null, resolved: null, approximate, confidence };
}

/** "since <date>" makes a date the start of a range that runs to publication. */
function sinceBefore(context: RuleContext, match: RegExpExecArray): boolean {
  return /\bsince\s+(?:the\s+)?$/i.test(context.text.slice(Math.max(0, match.index - 12), match.index));
}

function absolute(date: Date | undefined, match: RegExpExecArray, context: RuleContext) {
  if (!date) return undefined;
  if (!sinceBefore(context, match)) return single(date, 0.95);
  if (!context.published) return { ...unresolved("range", 0.8), start: iso(date) };
  return range(date, context.published, 0.9, false);
}

/** The latest such day and month not after publication. */
function withoutYear(monthIndex0: number, dayOfMonth: number, match: RegExpExecArray, context: RuleContext) {
  if (!context.published) return unresolved(sinceBefore(context, match) ? "range" : "date", 0.6);
  const year = context.published.getUTCFullYear();
  let date = validDay(year, monthIndex0, dayOfMonth);
  if (date && date > context.published) date = validDay(year - 1, monthIndex0, dayOfMonth);
  if (!date) return undefined;
  if (sinceBefore(context, match)) return range(date, context.published, 0.85, false);
  return single(date, 0.75);
}

const monthOf = (word: string) => monthIndex.get(word.toLowerCase().replace(/\.$/, ""));
/** "may" is a month only when written "May". */
const isMonthWord = (word: string) => word.toLowerCase() !== "may" || word === "May";

const rules: DateRule[] = [
  {
    name: "iso_date",
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (m, c) => absolute(validDay(+(m[1] as string), +(m[2] as string) - 1, +(m[3] as string)), m, c),
  },
  {
    name: "day_month_year",
    pattern: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\.?,?\\s+(\\d{4})(?:\\s*(?:г\\.|թ\\.|-?ci il))?${noLetterAfter}`,
      "giu",
    ),
    read: (m, c) =>
      isMonthWord(m[2] as string)
        ? absolute(validDay(+(m[3] as string), monthOf(m[2] as string) ?? -1, +(m[1] as string)), m, c)
        : undefined,
  },
  {
    name: "month_day_year",
    pattern: new RegExp(
      `${noLetterBefore}${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
      "giu",
    ),
    read: (m, c) =>
      isMonthWord(m[1] as string)
        ? absolute(validDay(+(m[3] as string), monthOf(m[1] as string) ?? -1, +(m[2] as string)), m, c)
        : undefined,
  },
  {
    name: "month_year",
    // Not after a day number: "31 February 2023" is no date, not the month of February.
    pattern: new RegExp(
      `(?<!\\d(?:st|nd|rd|th)?\\s{1,3}(?:of\\s+)?)${noLetterBefore}${month}\\s+(\\d{4})\\b`,
      "giu",
    ),
    read: (m) => {
      const index = monthOf(m[1] as string);
      if (index === undefined || !isMonthWord(m[1] as string)) return undefined;
      const year = +(m[2] as string);
      return range(day(year, index, 1), day(year, index + 1, 0), 0.8, false);
    },
  },
  {
    name: "month_day",
    pattern: new RegExp(
      `${noLetterBefore}${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s+\\d{4})(?!\\d)`,
      "giu",
    ),
    read: (m, c) =>
      isMonthWord(m[1] as string)
        ? withoutYear(monthOf(m[1] as string) ?? 0, +(m[2] as string), m, c)
        : undefined,
  },
  {
    name: "day_month",
    pattern: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}${noLetterAfter}(?![.,]?\\s+\\d{4})`,
      "giu",
    ),
    read: (m, c) =>
      isMonthWord(m[2] as string)
        ? withoutYear(monthOf(m[2] as string) ?? 0, +(m[1] as string), m, c)
        : undefined,
  },
  {
    name: "yesterday_today",
    pattern:
      /(?<![\p{L}])(the day before yesterday|yesterday|today|вчера|сегодня|երեկ|այսօր|dünən|bu gün)(?![\p{L}])/giu,
    read: (m, c) => {
      const word = (m[1] as string).toLowerCase();
      const back = word === "the day before yesterday" ? 2 : /yesterday|вчера|երեկ|dünən/.test(word) ? 1 : 0;
      return c.published ? single(shift(c.published, -back, "day"), 0.9) : unresolved("date", 0.9);
    },
  },
  {
    name: "ago",
    pattern: new RegExp(`\\b${count}\\s+${unit}\\s+ago\\b`, "gi"),
    read: (m, c) => {
      const by = unitOf(m[2] as string);
      if (!c.published) return unresolved("date", 0.8, by !== "day");
      return single(shift(c.published, -numberOf(m[1] as string), by), 0.8, by !== "day");
    },
  },
  {
    name: "weekday",
    pattern:
      /\b(?:(on|last|this past|since|by)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    read: (m, c) => {
      const preposition = (m[1] ?? "").toLowerCase();
      if (preposition === "by") return undefined; // a deadline ahead, not a day that was
      const confidence = preposition ? 0.8 : 0.6;
      if (!c.published) return unresolved(preposition === "since" ? "range" : "date", confidence);
      const wanted = weekdays.indexOf((m[2] as string).toLowerCase());
      // The last such weekday on or before publication ("last Sunday": strictly before).
      let back = (c.published.getUTCDay() - wanted + 7) % 7;
      if (back === 0 && preposition && preposition !== "on" && preposition !== "since") back = 7;
      const date = shift(c.published, -back, "day");
      return preposition === "since" ? range(date, c.published, confidence, false) : single(date, confidence);
    },
  },
  {
    name: "last_period",
    pattern: /\b(last|past|previous)\s+(week|month|year)\b/gi,
    read: (m, c) => {
      const by = unitOf(m[2] as string);
      if (!c.published) return unresolved("range", 0.8);
      const p = c.published;
      if ((m[1] as string).toLowerCase() === "past") return range(shift(p, -1, by), p, 0.75, true);
      if (by === "week") {
        const monday = shift(p, -(((p.getUTCDay() + 6) % 7) + 7), "day");
        return range(monday, shift(monday, 6, "day"), 0.8, false);
      }
      if (by === "month")
        return range(
          day(p.getUTCFullYear(), p.getUTCMonth() - 1, 1),
          day(p.getUTCFullYear(), p.getUTCMonth(), 0),
          0.8,
          false,
        );
      return range(day(p.getUTCFullYear() - 1, 0, 1), day(p.getUTCFullYear() - 1, 11, 31), 0.8, false);
    },
  },
  {
    name: "for_now",
    pattern: new RegExp(`\\bfor\\s+(?:${hedge}\\s+)?${count}\\s+${unit}\\s+now\\b`, "gi"),
    read: (m, c) => duration(m[1], m[2] as string, m[3] as string, c),
  },
  {
    name: "over_the_past",
    pattern: new RegExp(
      `\\b(?:over|in|during|for)\\s+the\\s+(?:past|last)\\s+(?:${hedge}\\s+)?${count}\\s+${unit}\\b`,
      "gi",
    ),
    read: (m, c) => duration(m[1], m[2] as string, m[3] as string, c),
  },
];

/** A span running up to publication; its start is as vague as the text ("almost", "more than"). */
function duration(hedgeWord: string | undefined, amount: string, unitWord: string, context: RuleContext) {
  const by = unitOf(unitWord);
  const approximate = !!hedgeWord || by === "month" || by === "year";
  if (!context.published) return unresolved("range", 0.75, approximate);
  return range(shift(context.published, -numberOf(amount), by), context.published, 0.75, approximate);
}

function sinceLead(text: string, index: number): number {
  const lead = /\bsince\s+(?:the\s+)?$/i.exec(text.slice(Math.max(0, index - 12), index));
  return lead ? lead[0].length : 0;
}

function parsePublished(publishedOn: string | null): Date | null {
  const match = publishedOn ? /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedOn) : null;
  return match
    ? (validDay(+(match[1] as string), +(match[2] as string) - 1, +(match[3] as string)) ?? null)
    : null;
}

export interface ResolveDatesOptions {
  maxDates?: number;
}

/** Dates and ranges in the text, longest first where two overlap, in text order. */
export function resolveDates(
  text: string,
  publishedOn: string | null,
  options: ResolveDatesOptions = {},
): DateMention[] {
  const maxDates = options.maxDates ?? 1_000;
  const context: RuleContext = { text, published: parsePublished(publishedOn) };
  const found: DateMention[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    let perRule = 0;
    for (
      let match = rule.pattern.exec(text);
      match && perRule < maxDates * 4;
      match = rule.pattern.exec(text)
    ) {
      const value = rule.read(match, context);
      if (!value) continue;
      const lead =
        value.kind === "range" && !rule.name.startsWith("weekday") ? sinceLead(text, match.index) : 0;
      const span: Span = [match.index - lead, match.index + match[0].length];
      found.push({
        ...value,
        span,
        text: text.slice(span[0], span[1]),
        rule: lead ? `since_${rule.name}` : rule.name,
      });
      perRule += 1;
    }
  }
  found.sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const kept: DateMention[] = [];
  let coveredTo = -1;
  for (const item of found) {
    if (item.span[0] < coveredTo) continue;
    kept.push(item);
    coveredTo = item.span[1];
    if (kept.length >= maxDates) break;
  }
  return kept;
}
