import { parseFeed } from "@rowanmanning/feed-parser";
import type { FeedItem, ParsedFeed } from "./contracts.js";
import { toIsoDateTime } from "./date-times.js";
import { decodeBytes } from "./decode.js";
import { IntakeError } from "./intake-error.js";
import { describeNonFeed, htmlToInlineText, xmlRootName } from "./sniff-text.js";

/**
 * RSS 2.0, Atom and RDF (RSS 1.0) feeds, from bytes: decoded by decode.ts, parsed by
 * @rowanmanning/feed-parser (lenient with sloppy markup), then normalised to FeedItem: titles as
 * plain trimmed text, absolute http(s) URLs, ISO date-times that keep the feed's own offset.
 */

type LibraryFeed = ReturnType<typeof parseFeed>;
type LibraryItem = LibraryFeed["items"][number];

const feedRoots = new Set(["rss", "feed", "rdf"]);

/** Large podcast feeds run to a few MB; beyond this it is no feed worth parsing in one piece. */
export const maxFeedBytes = 20 * 1024 * 1024;

export interface FeedHints {
  contentType?: string;
  /** Where the feed was fetched from: the base for relative links when the feed gives none. */
  url?: string;
}

export function parseFeedBytes(bytes: Uint8Array, hints: FeedHints = {}): ParsedFeed {
  if (bytes.byteLength > maxFeedBytes) {
    throw new IntakeError("too_large", `the feed is over ${maxFeedBytes / 1024 / 1024} MB`);
  }
  const decoded = decodeBytes(bytes, hints);
  // XML normalises line ends to LF; doing it first keeps CR out of titles and content.
  const text = skipLeadingJunk(decoded.text.replace(/\r\n?/g, "\n"));
  if (!text.trim()) throw new IntakeError("empty", "the feed is empty");
  const root = xmlRootName(text);
  const rootLocalName = root?.split(":").pop()?.toLowerCase();
  if (!rootLocalName || !feedRoots.has(rootLocalName)) {
    const named = feedNamedByPage(text, hints.url);
    const hint = named ? `; the page names its feed at ${named}` : "";
    throw new IntakeError(
      "not_a_feed",
      `not an RSS, Atom or RDF feed: this is ${describeNonFeed(text)}${hint}`,
    );
  }
  refuseTruncated(text, root as string);
  const feed = parseLeniently(text, root as string);
  const baseUrl = httpUrl(feed.url) ?? httpUrl(hints.url) ?? httpUrl(feed.self);
  return {
    kind: feedKind(feed.meta.type),
    title: plainText(feed.title),
    ...optional("url", baseUrl),
    ...optional("language", feed.language?.trim() || undefined),
    encoding: decoded.encoding,
    items: feed.items.map((item) => normaliseItem(item, baseUrl)),
  };
}

/**
 * Server-side scripts sometimes print a warning before the feed ("Notice: Undefined index … <br />
 * <?xml …"): a feed element near the start of a document that is not an HTML page is where the
 * feed begins.
 */
function skipLeadingJunk(text: string): string {
  const root = xmlRootName(text)?.toLowerCase();
  if (root === "rss" || root === "feed" || root === "rdf:rdf" || root === "html") return text;
  const head = text.slice(0, 4096);
  const start = head.search(/<(?:\?xml\s|rss[\s>]|feed[\s>]|rdf:RDF[\s>])/);
  if (start <= 0 || /<html[\s>]|<!doctype html/i.test(head.slice(0, start))) return text;
  return text.slice(start);
}

/** A page's <link rel="alternate" type="application/rss+xml|atom+xml" href>, for the error message. */
function feedNamedByPage(text: string, pageUrl: string | undefined): string | undefined {
  for (const [link] of text.slice(0, 256 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?alternate/i.test(link) || !/application\/(rss|atom)\+xml/i.test(link)) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(link)?.[1];
    const url = absoluteUrl(href ? htmlToInlineText(href) : undefined, pageUrl);
    if (url) return url;
  }
  return undefined;
}

/**
 * The parser reads whatever it can from a cut-off document; a feed cut off mid-transfer would
 * then lose its later items without anyone knowing, so the root element must be closed (what
 * follows the closing tag, such as a generator's comment, does not matter).
 */
function refuseTruncated(text: string, root: string) {
  const closing = new RegExp(`</\\s*${root.replace(/[.]/g, "\\.")}\\s*>`, "i");
  if (!closing.test(text.slice(-64 * 1024))) {
    throw new IntakeError("not_a_feed", `truncated or malformed XML: the feed does not end with </${root}>`);
  }
}

function parseLeniently(text: string, root: string): LibraryFeed {
  try {
    return parseFeed(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IntakeError("not_a_feed", `malformed XML in a <${root}> document: ${reason}`);
  }
}

function feedKind(type: string): ParsedFeed["kind"] {
  if (type === "atom") return "atom";
  if (type === "rdf") return "rdf";
  return "rss";
}

function normaliseItem(item: LibraryItem, baseUrl: string | undefined): FeedItem {
  const contentHtml = item.content ?? item.description ?? undefined;
  const summaryHtml = item.description && item.description !== contentHtml ? item.description : undefined;
  const url = absoluteUrl(item.url, baseUrl);
  return {
    // RDF items have no guid; their rdf:about attribute names them instead.
    ...optional("guid", item.id?.trim() || item.element.getAttribute("rdf:about")?.trim() || undefined),
    ...optional("url", url),
    title: plainText(item.title) || firstWords(plainText(item.description)),
    ...optional("author", authorNames(item)),
    ...optional("publishedAt", publishedAt(item)),
    ...optional("contentHtml", contentHtml?.trim() || undefined),
    ...optional("summaryHtml", summaryHtml?.trim() || undefined),
    ...optional("language", item.element.getAttribute("xml:lang")?.trim() || undefined),
  };
}

/** The date elements the library reads, in its order; their raw text carries the offset. */
const dateElements = ["pubdate", "published", "issued", "date", "created", "updated", "modified"];

function publishedAt(item: LibraryItem): string | undefined {
  const instant = item.published ?? item.updated;
  if (!instant) return undefined;
  for (const name of dateElements) {
    const raw = item.element.findElementWithName(name)?.textContent;
    if (!raw) continue;
    const written = new Date(raw.trim());
    if (written.getTime() === instant.getTime()) return toIsoDateTime(raw, instant);
  }
  return toIsoDateTime(undefined, instant);
}

function authorNames(item: LibraryItem): string | undefined {
  const names = item.authors
    .map((author) => plainText(author.name) || plainText(author.email))
    .filter(Boolean);
  return names.length > 0 ? [...new Set(names)].join(", ") : undefined;
}

function httpUrl(url: string | null | undefined): string | undefined {
  return absoluteUrl(url, undefined);
}

function absoluteUrl(url: string | null | undefined, baseUrl: string | undefined): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  try {
    const resolved = new URL(trimmed, baseUrl);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** Feed titles may hold markup and entities ("1930ft<sup>2</sup>", "&amp;"): plain text only. */
function plainText(value: string | null | undefined): string {
  return value ? htmlToInlineText(value) : "";
}

/** An RSS 2.0 item needs only a description; its first words stand in for the missing title. */
function firstWords(text: string, limit = 120): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(" ", limit);
  return `${text.slice(0, cut > limit / 2 ? cut : limit)}…`;
}

/** Optional properties are left out, not set to undefined (exactOptionalPropertyTypes-friendly). */
function optional<Key extends string, Value>(key: Key, value: Value | undefined): { [K in Key]?: Value } {
  return (value === undefined ? {} : { [key]: value }) as { [K in Key]?: Value };
}
