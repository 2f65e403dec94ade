import { toIsoDateOrDateTime } from "./date-times.js";
import type { parseHtmlDocument } from "./html-text.js";
import { htmlToInlineText } from "./sniff-text.js";

/**
 * What a page says about itself: meta tags (Open Graph, article:*, Dublin Core, plain name=…),
 * JSON-LD, <link rel=canonical>, <html lang> and the <time> in the article's header. Read before
 * Readability runs, since Readability rewrites the document.
 */
export interface PageMetadata {
  /** og:title, twitter:title or the JSON-LD headline: the article's own title. */
  title?: string;
  /** The <title> element, which often carries the site's name too ("… | Ministry of …"). */
  documentTitle?: string;
  author?: string;
  publisher?: string;
  publishedAt?: string;
  declaredLanguage?: string;
  canonicalUrl?: string;
}

type DomDocument = ReturnType<typeof parseHtmlDocument>;
type JsonObject = Record<string, unknown>;

export function readPageMetadata(document: DomDocument, pageUrl?: string): PageMetadata {
  const meta = (...names: string[]) => metaContent(document, names);
  const jsonLd = mainJsonLd(document);
  const metadata: PageMetadata = {};
  const set = <Key extends keyof PageMetadata>(key: Key, value: string | undefined) => {
    if (value) metadata[key] = value;
  };
  set("title", clean(meta("og:title", "twitter:title") ?? text(jsonLd?.headline)));
  set("documentTitle", clean(document.querySelector("title")?.textContent));
  set(
    "author",
    clean(
      jsonLdName(jsonLd?.author) ??
        meta("author", "dc.creator", "dcterms.creator") ??
        notUrl(meta("article:author")),
    ),
  );
  set(
    "publisher",
    clean(meta("og:site_name", "application-name") ?? jsonLdName(jsonLd?.publisher) ?? meta("dc.publisher")),
  );
  set("publishedAt", publishedAt(document, jsonLd, meta));
  set("declaredLanguage", declaredLanguage(document, jsonLd, meta));
  set("canonicalUrl", canonicalUrl(document, pageUrl, meta("og:url")));
  return metadata;
}

/** The content of the first <meta> whose name, property or itemprop is one of `names` (any case). */
function metaContent(document: DomDocument, names: string[]): string | undefined {
  const wanted = names.map((name) => name.toLowerCase());
  const metas = Array.from(document.querySelectorAll("meta"));
  for (const name of wanted) {
    for (const element of metas) {
      const key =
        element.getAttribute("property") ?? element.getAttribute("name") ?? element.getAttribute("itemprop");
      const content = element.getAttribute("content")?.trim();
      if (key?.trim().toLowerCase() === name && content) return content;
    }
  }
  return undefined;
}

function publishedAt(
  document: DomDocument,
  jsonLd: JsonObject | undefined,
  meta: (...names: string[]) => string | undefined,
): string | undefined {
  const headerTime = document.querySelector(
    "time[itemprop=datePublished], time[pubdate], article header time[datetime], .article-header time[datetime], .entry-header time[datetime], header.entry-meta time[datetime]",
  );
  const candidates = [
    meta("article:published_time", "og:article:published_time"),
    text(jsonLd?.datePublished),
    meta("datePublished"),
    headerTime?.getAttribute("datetime") ?? headerTime?.getAttribute("content") ?? undefined,
    meta(
      "date",
      "dc.date",
      "dc.date.issued",
      "dcterms.date",
      "dcterms.issued",
      "dcterms.created",
      "pubdate",
      "publishdate",
      "parsely-pub-date",
      "sailthru.date",
    ),
    text(jsonLd?.dateCreated),
  ];
  for (const candidate of candidates) {
    const iso = toIsoDateOrDateTime(candidate);
    if (iso) return iso;
  }
  return undefined;
}

function declaredLanguage(
  document: DomDocument,
  jsonLd: JsonObject | undefined,
  meta: (...names: string[]) => string | undefined,
): string | undefined {
  const httpEquiv = Array.from(document.querySelectorAll("meta[http-equiv]")).find(
    (element) => element.getAttribute("http-equiv")?.toLowerCase() === "content-language",
  );
  const candidates = [
    document.documentElement?.getAttribute("lang") ?? document.documentElement?.getAttribute("xml:lang"),
    httpEquiv?.getAttribute("content")?.split(",")[0],
    meta("og:locale", "language", "dc.language", "content-language"),
    text(jsonLd?.inLanguage),
  ];
  for (const candidate of candidates) {
    const tag = languageTag(candidate);
    if (tag) return tag;
  }
  return undefined;
}

/** "hy_AM" → "hy-AM", "EN-us" → "en-US"; undefined for things that are no language tag. */
function languageTag(value: string | null | undefined): string | undefined {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}|[a-z]{4}))?(?:[-_].*)?$/i.exec(value?.trim() ?? "");
  if (!match?.[1]) return undefined;
  const primary = match[1].toLowerCase();
  if (primary === "und" || primary === "mul") return undefined;
  const region = match[2];
  if (!region) return primary;
  return region.length === 4
    ? `${primary}-${region[0]?.toUpperCase()}${region.slice(1).toLowerCase()}`
    : `${primary}-${region.toUpperCase()}`;
}

function canonicalUrl(document: DomDocument, pageUrl: string | undefined, ogUrl: string | undefined) {
  const links = Array.from(document.querySelectorAll("link[rel]"));
  const canonical = links.find((link) =>
    link.getAttribute("rel")?.toLowerCase().split(/\s+/).includes("canonical"),
  );
  for (const candidate of [canonical?.getAttribute("href"), ogUrl]) {
    const url = absoluteHttpUrl(candidate, pageUrl);
    if (url) return url;
  }
  return undefined;
}

function absoluteHttpUrl(url: string | null | undefined, base: string | undefined): string | undefined {
  if (!url?.trim()) return undefined;
  try {
    const resolved = new URL(url.trim(), base);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

const articleTypes = /Article|BlogPosting|Report|PressRelease|Statement|Posting/i;

/** The page's article object from its JSON-LD (an @graph or array flattened), else its first object. */
function mainJsonLd(document: DomDocument): JsonObject | undefined {
  const objects: JsonObject[] = [];
  for (const script of Array.from(document.querySelectorAll("script"))) {
    if (!/ld\+json/i.test(script.getAttribute("type") ?? "")) continue;
    try {
      collectObjects(JSON.parse(script.textContent ?? ""), objects);
    } catch {
      // Broken JSON-LD is common and never a reason to refuse the page.
    }
  }
  const isArticle = (object: JsonObject) =>
    [object["@type"]].flat().some((type) => articleTypes.test(String(type)));
  return objects.find(isArticle) ?? objects.find((object) => object.datePublished || object.headline);
}

function collectObjects(value: unknown, into: JsonObject[]) {
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into);
  } else if (value && typeof value === "object") {
    into.push(value as JsonObject);
    const graph = (value as JsonObject)["@graph"];
    if (graph) collectObjects(graph, into);
  }
}

/** A JSON-LD person or organisation: a name string, an object with a name, or a list of them. */
function jsonLdName(value: unknown): string | undefined {
  const names = [value]
    .flat()
    .map((item) => (typeof item === "string" ? item : text((item as JsonObject | null)?.name)))
    .filter((name): name is string => Boolean(name?.trim()) && !/^https?:\/\//.test(name ?? ""));
  return names.length > 0 ? names.join(", ") : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const notUrl = (value: string | undefined) => (value && !/^https?:\/\//.test(value) ? value : undefined);
const clean = (value: string | null | undefined) =>
  value ? htmlToInlineText(value) || undefined : undefined;
