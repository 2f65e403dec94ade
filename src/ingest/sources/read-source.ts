import { parseFetchAllowList } from "./address-policy.js";
import { extractArticle, extractVisibleText } from "./article.js";
import type { ExtractedText, FeedItem } from "./contracts.js";
import { decodeBytes } from "./decode.js";
import { readSourceFile } from "./files.js";
import { type GuardedFetchOptions, guardedFetch } from "./guarded-fetch.js";
import { IntakeError } from "./intake-error.js";

/**
 * From a source as it arrives (pasted text, an uploaded file, a page's address, a feed item) to the
 * bytes to keep and the text to store: the reading half of intake, with no database in it.
 */
export interface ReadSource {
  bytes: Uint8Array;
  extracted: ExtractedText;
  /** What reading learnt about where it came from: the final URL after redirects, its content type. */
  source?: { url?: string; contentType?: string };
}

/** The largest text taken in, pasted or uploaded (50 MB of bytes; the store keeps texts up to 2 MB). */
export const maxSourceBytes = 50 * 1024 * 1024;
const maxStoredText = 2_000_000;

export function readPastedText(text: string): ReadSource {
  const bytes = new TextEncoder().encode(text);
  return { bytes, extracted: bounded({ format: "text", text, encoding: "utf-8" }) };
}

export async function readUploadedFile(
  bytes: Uint8Array,
  meta: { fileName?: string; contentType?: string },
): Promise<ReadSource> {
  if (bytes.byteLength > maxSourceBytes)
    throw new IntakeError("too_large", `the file is over ${maxSourceBytes / 1024 / 1024} MB`);
  return { bytes, extracted: bounded(await readSourceFile(bytes, meta)) };
}

/** The fetch limits and exceptions: PEACETRACK_FETCH_ALLOW (addresses allowed though private) and PEACETRACK_FETCH_TIMEOUT_MS, unless given. */
export function fetchSettings(options: GuardedFetchOptions = {}): GuardedFetchOptions {
  const timeoutMs = Number(process.env.PEACETRACK_FETCH_TIMEOUT_MS) || undefined;
  return { allow: parseFetchAllowList(process.env.PEACETRACK_FETCH_ALLOW), timeoutMs, ...options };
}

/** Fetches a page through the guard and reads its article (a PDF or text file at the address is read as such). */
export async function readPage(url: string, options: GuardedFetchOptions = {}): Promise<ReadSource> {
  const fetched = await guardedFetch(url, fetchSettings({ acceptTypes: "any-text", ...options }));
  if (fetched.status === "not_modified")
    throw new IntakeError(
      "http_error",
      `${url} answered 304 Not Modified to a request that asked for the page`,
    );
  const source = { url: fetched.url, contentType: fetched.contentType };
  const isHtml = /html/i.test(fetched.contentType ?? "") || looksLikeHtml(fetched.bytes);
  if (!isHtml) {
    const fileName = new URL(fetched.url).pathname.split("/").pop() || undefined;
    const extracted = await readSourceFile(fetched.bytes, { fileName, contentType: fetched.contentType });
    return { bytes: fetched.bytes, extracted: bounded(extracted), source };
  }
  const decoded = decodeBytes(fetched.bytes, { contentType: fetched.contentType });
  const extracted = extractArticle(decoded.text, fetched.url);
  return { bytes: fetched.bytes, extracted: bounded({ ...extracted, encoding: decoded.encoding }), source };
}

const looksLikeHtml = (bytes: Uint8Array) =>
  /<(!doctype html|html|head|body)\b/i.test(new TextDecoder().decode(bytes.subarray(0, 2048)));

/**
 * A feed item as received: its own content (or summary) when that is the whole text or no page can
 * be fetched. The bytes kept are the item's content as the feed carried it.
 */
export function readFeedItem(item: FeedItem, feedLanguage?: string): ReadSource {
  const html = item.contentHtml ?? item.summaryHtml ?? "";
  if (html.trim().length === 0)
    throw new IntakeError("empty", `the feed item "${item.title}" carries no text`);
  const extracted = extractVisibleText(`<html><body>${html}</body></html>`);
  return {
    bytes: new TextEncoder().encode(html),
    extracted: bounded({
      ...extracted,
      title: item.title || extracted.title,
      author: item.author,
      publishedAt: undefined,
      declaredLanguage: item.language ?? feedLanguage,
      canonicalUrl: item.url,
    }),
  };
}

function bounded(extracted: ExtractedText): ExtractedText {
  if (extracted.text.length > maxStoredText)
    throw new IntakeError(
      "too_large",
      `the text is ${extracted.text.length.toLocaleString("en")} characters; documents hold up to ${maxStoredText.toLocaleString("en")}`,
    );
  return extracted;
}
