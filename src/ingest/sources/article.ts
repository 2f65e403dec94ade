import { Readability } from "@mozilla/readability";
import type { ExtractedText } from "./contracts.js";
import { toIsoDateOrDateTime } from "./date-times.js";
import { blocksToText, parseHtmlDocument, proseLength, textBlocks } from "./html-text.js";
import { IntakeError } from "./intake-error.js";
import { type PageMetadata, readPageMetadata } from "./page-metadata.js";
import { htmlToInlineText } from "./sniff-text.js";

/**
 * A web page's article: its text by Mozilla's Readability (the Firefox reader view), over
 * linkedom's DOM, and its metadata read from the page itself (page-metadata.ts), with Readability's
 * own reading as the fallback. A page that holds no article (a login form, an index of links) is
 * refused with "not_an_article": storing its menu as a source would only add noise.
 */

export const maxHtmlBytes = 10 * 1024 * 1024;
/** Fewer characters of prose than this, and the page is not an article. */
export const minArticleProse = 200;

export function extractArticle(html: string, pageUrl?: string): ExtractedText {
  const document = parseBounded(html);
  const metadata = readPageMetadata(document, pageUrl);
  const article = readArticle(document);
  if (!article) {
    throw new IntakeError("not_an_article", "the page holds no article text Readability could find");
  }
  const articleDocument = parseHtmlDocument(article.content ?? "");
  const blocks = textBlocks(articleDocument.body);
  const prose = proseLength(blocks);
  if (prose < minArticleProse) {
    throw new IntakeError(
      "not_an_article",
      `the page holds no article: ${prose} characters of prose (at least ${minArticleProse} needed); it may be a login page, a list of links or a page that needs JavaScript`,
    );
  }
  return {
    format: "html",
    ...withReadabilityFallbacks(metadata, article),
    text: blocksToText(blocks),
    encoding: "utf-8",
  };
}

/**
 * All of a page's visible text, for an uploaded HTML file that is not an article (a table of
 * figures, a list): the person chose to upload it, so its text is kept rather than refused.
 */
export function extractVisibleText(html: string, pageUrl?: string): ExtractedText {
  const document = parseBounded(html);
  const { documentTitle, ...metadata } = readPageMetadata(document, pageUrl);
  if (!metadata.title && documentTitle) metadata.title = documentTitle;
  const text = blocksToText(textBlocks(document.body ?? document.documentElement));
  if (!text) throw new IntakeError("empty", "the page has no visible text");
  return { format: "html", ...metadata, text, encoding: "utf-8" };
}

function parseBounded(html: string) {
  // Cheap check first (a character is at least one byte), exact count only when it matters.
  if (html.length > maxHtmlBytes || Buffer.byteLength(html) > maxHtmlBytes) {
    throw new IntakeError("too_large", `the page is over ${maxHtmlBytes / 1024 / 1024} MB of HTML`);
  }
  if (!html.trim()) throw new IntakeError("empty", "the page is empty");
  return parseHtmlDocument(html);
}

type ReadabilityArticle = NonNullable<ReturnType<Readability["parse"]>>;

function readArticle(document: ReturnType<typeof parseHtmlDocument>): ReadabilityArticle | null {
  try {
    // Readability's types expect the browser DOM; linkedom's document is close enough at runtime.
    return new Readability(document as unknown as Document).parse();
  } catch {
    // Readability throws on documents it cannot walk (no body, odd trees): no article there.
    return null;
  }
}

type ArticleMetadata = Omit<ExtractedText, "format" | "text" | "encoding">;

function withReadabilityFallbacks(metadata: PageMetadata, article: ReadabilityArticle): ArticleMetadata {
  const { documentTitle, ...result }: PageMetadata & ArticleMetadata = metadata;
  // Readability's title is the <title> with the site's name cut off, when it can tell which part
  // that is.
  const title = (article.title ? htmlToInlineText(article.title) : undefined) || documentTitle;
  if (!result.title && title) result.title = title;
  const byline = article.byline ? htmlToInlineText(article.byline) : undefined;
  if (!result.author && byline) result.author = byline;
  if (!result.publisher && article.siteName) result.publisher = htmlToInlineText(article.siteName);
  const published = toIsoDateOrDateTime(article.publishedTime ?? undefined);
  if (!result.publishedAt && published) result.publishedAt = published;
  return result;
}
