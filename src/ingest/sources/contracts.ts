/**
 * The shapes that pass between the intake steps: fetching, decoding and parsing (feeds, pages,
 * files), cleaning, dating, language detection and near-duplicate fingerprints. Each step is a
 * pure function of its input except fetching; the intake service (src/services) strings them
 * together and stores the result.
 */

/** Where a document's published date came from. Never guessed: no date is `null`, not today. */
export type PublishedDateSource =
  | "metadata" // the page's or file's own metadata (meta tags, JSON-LD, PDF info)
  | "feed" // the feed item's pubDate / published / dc:date
  | "leading_date" // a date line at the top of the text ("date 2023-03-27", "27 March 2023")
  | "dateline" // a news dateline ("YEREVAN, March 27 (Armenpress) —")
  | "entered"; // typed in by the person who pasted or uploaded it

export interface FoundDate {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  source: PublishedDateSource;
  /** Character offsets into the text where the date was read, when read from the text. */
  span?: [number, number];
}

export type LanguageSource = "metadata" | "detected" | "entered";

export interface DetectedLanguage {
  /** ISO 639-1 code ("en", "hy", "az", "ru", …) or "und" when the text is too short to tell. */
  language: string;
  /** 0..1: how far ahead the best candidate is of the next. */
  confidence: number;
}

/** One item of a parsed feed. */
export interface FeedItem {
  guid?: string;
  url?: string;
  title: string;
  author?: string;
  /** ISO 8601 date-time with offset. */
  publishedAt?: string;
  /** The item's own HTML or text (content:encoded, atom content, or the description). */
  contentHtml?: string;
  summaryHtml?: string;
  language?: string;
}

export interface ParsedFeed {
  kind: "rss" | "atom" | "rdf";
  title: string;
  url?: string;
  language?: string;
  /** The character encoding the bytes were decoded from. */
  encoding: string;
  items: FeedItem[];
}

/** The readable text and metadata of one web page or file. */
export interface ExtractedText {
  format: "html" | "text" | "markdown" | "pdf";
  title?: string;
  author?: string;
  /** og:site_name, the PDF producer's organisation, … */
  publisher?: string;
  /** ISO 8601 date or date-time from the page's or file's own metadata. */
  publishedAt?: string;
  /** The language the page declares (html lang, og:locale, content-language). */
  declaredLanguage?: string;
  /** Canonical URL the page declares, when any. */
  canonicalUrl?: string;
  /** The text as extracted: paragraphs separated by a blank line. This is "the original" text. */
  text: string;
  /** The character encoding the bytes were decoded from. */
  encoding: string;
}

/** One edit that cleaning made: the original's [start, end) replaced by `replacement`. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
  /** Which cleaning rule made it: "read_also", "category_line", "trailing_byline", "broken_word", … */
  rule: string;
}

export interface CleanedText {
  cleaned: string;
  /** Sorted by start, non-overlapping, in original offsets. */
  edits: TextEdit[];
}

/** What the near-duplicate index stores for one text. */
export interface TextFingerprint {
  /** MinHash signature over word shingles. */
  signature: number[];
  /** Locality-sensitive hashing band keys: two texts sharing a key are candidates. */
  bandKeys: string[];
  /** Number of distinct shingles, for containment estimates. */
  shingleCount: number;
}

export interface Similarity {
  /** Jaccard similarity of the two shingle sets, 0..1. */
  jaccard: number;
  /** Share of the smaller text's shingles found in the larger one, 0..1 (a report quoting a statement). */
  containment: number;
  /** The figure the clustering decision uses, 0..1. */
  score: number;
}
