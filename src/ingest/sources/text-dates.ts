/**
 * A published date read from the top of a text: a line that is only a date ("date 2023-03-27",
 * "Date: 27.03.2023", "27 March 2023", "27 марта 2023 г.", "27 մարտի 2023", "27 mart 2023"), or a
 * news dateline ("YEREVAN, March 27 (Armenpress) —", "BAKU, 27.03.2023 /Trend/"). Only the first
 * few hundred characters are read: a date further down is a date the text talks about, not the day
 * it was published. Nothing is guessed: a dateline without a year gives no date unless the feed's
 * own date supplies the year (see `yearFromFeed`), an ambiguous 03/04/2023 gives none, and an
 * impossible date (31 February) is not a date.
 */
import type { FoundDate } from "./contracts.js";

export interface FindPublishedDateOptions {
  /** The feed item's date (ISO), used only to complete a dateline that has no year. */
  feedDate?: string;
}

/** How far into the text a published date may start. */
export const publishedDateWindow = 300;

const monthNames: Record<string, readonly string[]> = {
  en: [
    "january jan",
    "february feb",
    "march mar",
    "april apr",
    "may",
    "june jun",
    "july jul",
    "august aug",
    "september sep sept",
    "october oct",
    "november nov",
    "december dec",
  ],
  ru: [
    "января январь янв",
    "февраля февраль фев",
    "марта март мар",
    "апреля апрель апр",
    "мая май",
    "июня июнь",
    "июля июль",
    "августа август авг",
    "сентября сентябрь сен сент",
    "октября октябрь окт",
    "ноября ноябрь ноя",
    "декабря декабрь дек",
  ],
  // Armenian: nominative and the genitive (-ի) that dates use.
  hy: [
    "հունվար հունվարի",
    "փետրվար փետրվարի",
    "մարտ մարտի",
    "ապրիլ ապրիլի",
    "մայիս մայիսի",
    "հունիս հունիսի",
    "հուլիս հուլիսի",
    "օգոստոս օգոստոսի",
    "սեպտեմբեր սեպտեմբերի",
    "հոկտեմբեր հոկտեմբերի",
    "նոյեմբեր նոյեմբերի",
    "դեկտեմբեր դեկտեմբերի",
  ],
  az: [
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avqust",
    "sentyabr",
    "oktyabr",
    "noyabr",
    "dekabr",
  ],
};

const monthByName = new Map<string, number>();
for (const names of Object.values(monthNames)) {
  for (const [index, variants] of names.entries()) {
    for (const name of variants.split(" ")) monthByName.set(name, index + 1);
  }
}
const monthAlternation = [...monthByName.keys()].sort((a, b) => b.length - a.length).join("|");

const day = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th|-?го|-?ci|-?cı|-?cu|-?cü)?`;
const month = String.raw`(?<month>${monthAlternation})\.?`;
const year = String.raw`(?<year>(?:19|20)\d\d)`;
const yearWord = String.raw`(?:\s*(?:г\.|года|год|թ\.|թվականի|թվ\.|-?c[iıuü] il|il))?`;
// A date ends where a word would; "T" may follow when a time comes next (2023-03-27T09:15).
const end = String.raw`(?!(?!T\d)[\p{L}\p{N}])`;
const startOfWord = String.raw`(?<![\p{L}\p{N}])`;

/** Date expressions; those without a year are for datelines only. */
const withYear: readonly RegExp[] = [
  String.raw`(?<year>(?:19|20)\d\d)-(?<monthNumber>\d\d)-(?<day>\d\d)`,
  String.raw`(?<day>\d{1,2})\.(?<monthNumber>\d{1,2})\.${year}${yearWord}`,
  String.raw`(?<first>\d{1,2})/(?<second>\d{1,2})/${year}`,
  String.raw`${day}\s+${month},?\s+${year}${yearWord}`,
  String.raw`${month}\s+${day},?\s+${year}${yearWord}`,
  String.raw`${year}${yearWord}\s*,?\s+${month}\s+${day}`,
].map((source) => new RegExp(`${startOfWord}(?:${source})${end}`, "iu"));
const withoutYear: readonly RegExp[] = [
  String.raw`${day}\s+${month}`,
  String.raw`${month}\s+${day}`,
  String.raw`(?<day>\d{1,2})\.(?<monthNumber>\d{1,2})`,
].map((source) => new RegExp(`${startOfWord}(?:${source})${end}`, "iu"));

const dateLabel = String.raw`(?:(?:date|dated|published(?: on)?|posted(?: on)?|updated|дата|опубликовано|tarix|ամսաթիվ)\s*[:\-–—]?\s*)?`;
const weekdays = [
  "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun",
  "понедельник пн вторник вт среда ср четверг чт пятница пт суббота сб воскресенье вс",
  "երկուշաբթի երեքշաբթի չորեքշաբթի հինգշաբթի ուրբաթ շաբաթ կիրակի",
  "bazar ertəsi|çərşənbə axşamı|çərşənbə|cümə axşamı|cümə|şənbə|bazar",
].flatMap((names) => names.split(names.includes("|") ? "|" : " "));
const weekday = String.raw`(?:(?:${weekdays.sort((a, b) => b.length - a.length).join("|")})\.?,?\s+)?`;
const time = String.raw`(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?:[,\s]+(?:at\s+|в\s+)?\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)?`;
/** A dateline opens a paragraph: a place in capitals (or a capitalised place before an agency). */
const datelinePlace = String.raw`^(?:\p{Lu}[\p{Lu}\p{M}' .\-]{1,40}|\p{Lu}[\p{L}\p{M}' .\-]{1,40}(?=,[^\n]{4,30}(?:\(|/)))\s*,\s*`;
const leadingDateLines = withYear.map(
  (pattern) => new RegExp(`^\\s*${dateLabel}${weekday}(?<date>${pattern.source})${time}\\.?$`, "iu"),
);
const datelinePlaceAtStart = new RegExp(datelinePlace, "u");
const datelineDates = [
  ...withYear.map((pattern) => ({ pattern: new RegExp(`^${pattern.source}`, "iu"), hasYear: true })),
  ...withoutYear.map((pattern) => ({ pattern: new RegExp(`^${pattern.source}`, "iu"), hasYear: false })),
];
const datelineAfter = /^\.?\s*(?:\([^)\n]{2,40}\)|\/[^/\n]{2,40}\/|[—–-]|:)/u;

export function findPublishedDate(text: string, options: FindPublishedDateOptions = {}): FoundDate | null {
  for (const line of linesNearTheTop(text)) {
    const found = leadingDate(line.text, line.start) ?? dateline(line.text, line.start, options);
    if (found) return found;
  }
  return null;
}

function* linesNearTheTop(text: string): Generator<{ text: string; start: number }> {
  let start = 0;
  while (start < publishedDateWindow && start < text.length) {
    const breakAt = text.indexOf("\n", start);
    const stop = breakAt < 0 ? text.length : breakAt;
    // A long line is a paragraph: only its opening can hold a dateline.
    yield { text: text.slice(start, Math.min(stop, start + publishedDateWindow)), start };
    start = stop + 1;
  }
}

/** A line that is nothing but a date, perhaps with a label, a weekday and a time. */
function leadingDate(line: string, lineStart: number): FoundDate | null {
  const trimmedLength = line.replace(/\s+$/u, "").length;
  for (const framed of leadingDateLines) {
    const match = framed.exec(line.slice(0, trimmedLength));
    const date = match && dateFromGroups(match.groups ?? {});
    if (match && date) {
      const at = match.index + match[0].indexOf(match.groups?.date ?? "");
      return {
        date,
        source: "leading_date",
        span: [lineStart + at, lineStart + at + (match.groups?.date ?? "").length],
      };
    }
  }
  return null;
}

function dateline(line: string, lineStart: number, options: FindPublishedDateOptions): FoundDate | null {
  const place = datelinePlaceAtStart.exec(line);
  if (!place) return null;
  const rest = line.slice(place[0].length);
  for (const { pattern, hasYear } of datelineDates) {
    const match = pattern.exec(rest);
    if (!match || !datelineAfter.test(rest.slice(match[0].length))) continue;
    const groups = match.groups ?? {};
    const date = hasYear ? dateFromGroups(groups) : yearFromFeed(groups, options.feedDate);
    if (!date) return null;
    const at = lineStart + place[0].length;
    return { date, source: "dateline", span: [at, at + match[0].length] };
  }
  return null;
}

/** The ISO date the groups name, or null when it is impossible or ambiguous. */
function dateFromGroups(groups: Record<string, string | undefined>): string | null {
  let monthNumber = groups.monthNumber ? Number(groups.monthNumber) : monthByName.get(lower(groups.month));
  let dayNumber = Number(groups.day);
  if (groups.first && groups.second) {
    const first = Number(groups.first);
    const second = Number(groups.second);
    // 03/04/2023 is 3 April in Europe and 4 March in the United States: no date rather than a guess.
    if (first <= 12 && second <= 12 && first !== second) return null;
    [dayNumber, monthNumber] = first > 12 ? [first, second] : [second, first];
  }
  return isoDate(Number(groups.year), monthNumber, dayNumber);
}

/**
 * A dateline's year taken from the feed item's date, only where that leaves no doubt: the dateline's
 * day falls within the week up to (and a day after, for time zones) the feed's date, in its year or,
 * across New Year, the year before.
 */
function yearFromFeed(
  groups: Record<string, string | undefined>,
  feedDate: string | undefined,
): string | null {
  const feedDay = feedDate ? Date.parse(feedDate.slice(0, 10)) : Number.NaN;
  if (Number.isNaN(feedDay) || !feedDate) return null;
  const monthNumber = groups.monthNumber ? Number(groups.monthNumber) : monthByName.get(lower(groups.month));
  const feedYear = Number(feedDate.slice(0, 4));
  for (const candidateYear of [feedYear, feedYear - 1]) {
    const date = isoDate(candidateYear, monthNumber, Number(groups.day));
    const daysBefore = date ? (feedDay - Date.parse(date)) / 86_400_000 : Number.NaN;
    if (date && daysBefore >= -1 && daysBefore <= 7) return date;
  }
  return null;
}

function isoDate(yearNumber: number, monthNumber: number | undefined, dayNumber: number): string | null {
  if (!monthNumber || monthNumber < 1 || monthNumber > 12 || dayNumber < 1) return null;
  const daysInMonth = new Date(Date.UTC(yearNumber, monthNumber, 0)).getUTCDate();
  if (dayNumber > daysInMonth) return null;
  return `${yearNumber}-${String(monthNumber).padStart(2, "0")}-${String(dayNumber).padStart(2, "0")}`;
}

function lower(name: string | undefined): string {
  return (name ?? "").toLocaleLowerCase().replace(/\.$/u, "");
}
