/**
 * The language of a text, among the candidates in play (English, Armenian, Azerbaijani and Russian
 * by default). The script settles most of it: Armenian letters mean Armenian, Cyrillic means Russian
 * unless Ukrainian is a candidate. Latin-script text goes to franc restricted to the candidates,
 * because unrestricted franc reads Azerbaijani as Turkmen (STACK.md).
 */
import { francAll } from "franc";
import type { DetectedLanguage } from "./contracts.js";

export const defaultLanguageCandidates = ["en", "hy", "az", "ru"] as const;

/** ISO 639-1 → the ISO 639-3 code franc uses (its Azerbaijani model is North Azerbaijani, azj). */
const francCodes: Readonly<Record<string, string>> = {
  en: "eng",
  hy: "hye",
  az: "azj",
  ru: "rus",
  fr: "fra",
  de: "deu",
  tr: "tur",
  ka: "kat",
  uk: "ukr",
};
const fromFrancCode = new Map(Object.entries(francCodes).map(([short, long]) => [long, short]));

/** Fewer letters than this and the language is "und": too little to tell. */
export const minimumLetters = 20;
/** Only the opening is read: a few thousand characters tell the language as well as the whole. */
const sampleLength = 4000;
/** A script whose letters are more than this share of all letters decides the language. */
const scriptMajority = 0.5;

/** franc reads at most 2,048 characters; a thousand tell these languages apart as well, in half the time. */
const trigramSampleLength = 1000;

export function detectLanguage(
  text: string,
  candidates: readonly string[] = defaultLanguageCandidates,
): DetectedLanguage {
  const sample = text.slice(0, sampleLength);
  const letters = countLetters(sample);
  const known = candidates.filter((code) => code in francCodes);
  if (letters.all < minimumLetters || known.length === 0) return undetermined;
  return languageByScript(letters, known) ?? languageByTrigrams(sample.slice(0, trigramSampleLength), known);
}

const undetermined: DetectedLanguage = { language: "und", confidence: 0 };

interface LetterCounts {
  all: number;
  armenian: number;
  cyrillic: number;
  georgian: number;
}

const otherLetter = /\p{L}/u;

/** Letters by script in one pass over the code units (a regular expression per script is slower). */
function countLetters(sample: string): LetterCounts {
  const counts: LetterCounts = { all: 0, armenian: 0, cyrillic: 0, georgian: 0 };
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) counts.all++;
    } else if ((code >= 0x0531 && code <= 0x0556) || (code >= 0x0560 && code <= 0x0588)) {
      counts.armenian++;
      counts.all++;
    } else if (code >= 0x0400 && code <= 0x04ff) {
      counts.cyrillic++;
      counts.all++;
    } else if (code >= 0x10a0 && code <= 0x10ff) {
      counts.georgian++;
      counts.all++;
    } else if (otherLetter.test(sample[index] as string)) counts.all++;
  }
  return counts;
}

function languageByScript(letters: LetterCounts, candidates: readonly string[]): DetectedLanguage | null {
  const armenian = letters.armenian / letters.all;
  if (armenian > scriptMajority && candidates.includes("hy")) return { language: "hy", confidence: armenian };
  const georgian = letters.georgian / letters.all;
  if (georgian > scriptMajority && candidates.includes("ka")) return { language: "ka", confidence: georgian };
  const cyrillic = letters.cyrillic / letters.all;
  if (cyrillic > scriptMajority && candidates.includes("ru") && !candidates.includes("uk")) {
    return { language: "ru", confidence: cyrillic };
  }
  return null;
}

/**
 * franc scores the best candidate 1 and the others below it; on a paragraph of one language the
 * runner-up is 0.3–0.4 behind, on a text mixing two about 0.15. Confidence is that gap over 0.5.
 */
function languageByTrigrams(sample: string, candidates: readonly string[]): DetectedLanguage {
  const ranked = francAll(sample, {
    only: candidates.map((code) => francCodes[code] as string),
    minLength: 1,
  });
  const [best, runnerUp] = ranked;
  const language = best && fromFrancCode.get(best[0]);
  if (!best || !language) return undetermined;
  const gap = best[1] - (runnerUp?.[1] ?? 0);
  return { language, confidence: Math.min(1, gap / 0.5) };
}

/**
 * The ISO 639-1 code of a language tag ("en-GB" → "en", "hy_AM" → "hy", "pt-pt" → "pt"), also from
 * the three-letter codes pages sometimes declare ("eng", "rus"); anything else is undefined.
 */
export function normaliseLanguageTag(tag?: string): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  if (!primary) return undefined;
  if (/^[a-z]{2}$/u.test(primary)) return primary;
  if (/^[a-z]{3}$/u.test(primary)) return fromFrancCode.get(primary) ?? threeLetterAliases[primary];
  return undefined;
}

const threeLetterAliases: Readonly<Record<string, string>> = {
  arm: "hy",
  aze: "az",
  azb: "az",
  ger: "de",
  fre: "fr",
  geo: "ka",
};
