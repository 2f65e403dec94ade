/**
 * Fetches a source URL (a feed, a page, a file) without letting the URL reach places it must not:
 * every host is resolved and every address vetted by the address policy, on the first request
 * and on every redirect, and the connection goes to the vetted address itself (a pinned lookup),
 * so a name that resolves differently a moment later (DNS rebinding) gains nothing. Sizes, time,
 * redirects and content types are limited, and each failure is an IntakeError with its code.
 *
 * Built on node:http/https rather than fetch(), which cannot pin the address it connects to.
 */
import { lookup as resolveHost } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable, type Transform } from "node:stream";
import zlib from "node:zlib";
import {
  emptyFetchAllowList,
  type FetchAllowList,
  fetchAllowEnvVar,
  isAddressAllowed,
  isHostNameAllowListed,
} from "./address-policy.js";
import { IntakeError, isIntakeError } from "./intake-error.js";

export type AcceptedContent = "feed" | "page" | "any-text";

export interface GuardedFetchOptions {
  /** Exceptions to the public-address rule; none when omitted (the caller reads the env var). */
  allow?: FetchAllowList;
  /** Largest body, counted after decompression. Default 10 MB. */
  maxBytes?: number;
  /** For the whole fetch: resolving, connecting, headers, body, every redirect. Default 20 s. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Which content types are taken. Default "any-text". */
  acceptTypes?: AcceptedContent;
  /** Validators from the last poll: a matching server answers 304 and we return not_modified. */
  etag?: string;
  lastModified?: string;
  userAgent?: string;
}

export interface FetchedResource {
  status: "fetched";
  /** The URL that finally answered, after redirects. */
  url: string;
  /** Every URL that answered with a redirect, in order (the first is the one asked for). */
  redirects: string[];
  /** Set when a redirect went from https to http: allowed, but worth noting on the source. */
  downgradedToHttp?: true;
  httpStatus: number;
  /** The Content-Type header as sent (with its charset), undefined when the server sent none. */
  contentType: string | undefined;
  /** The body, decompressed. */
  bytes: Uint8Array;
  etag?: string;
  lastModified?: string;
}

export interface NotModified {
  status: "not_modified";
  url: string;
}

export const guardedFetchDefaults = {
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: 20_000,
  maxRedirects: 5,
  acceptTypes: "any-text" as AcceptedContent,
  userAgent: "Peacetrack-source-intake/1.0",
};

type Settings = Required<Omit<GuardedFetchOptions, "etag" | "lastModified">> &
  Pick<GuardedFetchOptions, "etag" | "lastModified">;

export async function guardedFetch(
  url: string,
  options: GuardedFetchOptions = {},
): Promise<FetchedResource | NotModified> {
  const settings: Settings = {
    ...guardedFetchDefaults,
    allow: emptyFetchAllowList,
    ...withoutUndefined(options),
  };
  const timeoutError = new IntakeError(
    "timeout",
    `${url} did not answer completely within ${settings.timeoutMs} ms`,
  );
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError), settings.timeoutMs);
  try {
    return await followRedirects(url, settings, controller.signal);
  } catch (error) {
    if (isIntakeError(error)) throw error;
    // Whatever broke after the deadline (a reset socket, an aborted stream) broke because of it.
    if (controller.signal.aborted) throw timeoutError;
    throw new IntakeError("network_error", `Could not fetch ${url}: ${describeError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

async function followRedirects(
  startUrl: string,
  settings: Settings,
  signal: AbortSignal,
): Promise<FetchedResource | NotModified> {
  let current = parseFetchUrl(startUrl);
  const redirects: string[] = [];
  let downgraded = false;
  for (;;) {
    const response = await requestOnce(current, settings, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (redirectStatuses.has(status) && location) {
      response.destroy();
      redirects.push(current.href);
      if (redirects.length > settings.maxRedirects) {
        const loop = redirects.indexOf(current.href) < redirects.length - 1 ? " (a redirect loop)" : "";
        throw new IntakeError(
          "too_many_redirects",
          `${startUrl} redirected more than ${settings.maxRedirects} times${loop}; last hop ${current.href}`,
        );
      }
      const next = parseFetchUrl(location, current);
      if (current.protocol === "https:" && next.protocol === "http:") downgraded = true;
      current = next;
      continue;
    }
    if (status === 304) {
      response.destroy();
      return { status: "not_modified", url: current.href };
    }
    const body = await readAcceptedBody(response, current, settings, signal);
    const etag = headerValue(response.headers.etag);
    const lastModified = headerValue(response.headers["last-modified"]);
    return {
      status: "fetched",
      url: current.href,
      redirects,
      ...(downgraded ? { downgradedToHttp: true as const } : {}),
      httpStatus: status,
      contentType: headerValue(response.headers["content-type"]),
      bytes: body,
      ...(etag !== undefined ? { etag } : {}),
      ...(lastModified !== undefined ? { lastModified } : {}),
    };
  }
}

/** Only http(s) URLs without credentials; a relative Location is resolved against `base`. */
function parseFetchUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new IntakeError("invalid_url", `"${text}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new IntakeError("invalid_url", `${url.href}: only http and https URLs can be fetched`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new IntakeError(
      "invalid_url",
      `${url.protocol}//${url.host}…: URLs with credentials are not fetched`,
    );
  }
  url.hash = "";
  return url;
}

interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves the URL's host and vets every address; refuses the host if any address is refused. */
async function vetHost(url: URL, allow: FetchAllowList, signal: AbortSignal): Promise<VettedAddress> {
  const hostName = url.hostname.replace(/^\[|\]$/g, "");
  const literalFamily = isIP(hostName);
  const addresses =
    literalFamily !== 0
      ? [{ address: hostName, family: literalFamily }]
      : await untilAborted(resolveAll(hostName, url), signal);
  if (!isHostNameAllowListed(hostName, allow)) {
    for (const { address } of addresses) {
      const verdict = isAddressAllowed(address, allow);
      if (verdict.allowed) continue;
      const where = literalFamily !== 0 ? verdict.reason : `${hostName} resolves to ${verdict.reason}`;
      throw new IntakeError(
        "blocked_address",
        `Refused to fetch ${url.href}: ${where} (${fetchAllowEnvVar} lists exceptions)`,
      );
    }
  }
  // IPv4 first: many hosts publish IPv6 that this machine cannot reach, and we try one address.
  const chosen = addresses.find((entry) => entry.family === 4) ?? addresses[0];
  if (!chosen) throw new IntakeError("network_error", `${hostName} resolved to no address`);
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

async function resolveAll(hostName: string, url: URL): Promise<{ address: string; family: number }[]> {
  try {
    return await resolveHost(hostName, { all: true, verbatim: true });
  } catch (error) {
    throw new IntakeError(
      "network_error",
      `Could not resolve the host of ${url.href}: ${describeError(error)}`,
    );
  }
}

/** A lookup that answers only the vetted address, whatever the name resolves to by now. */
function pinnedLookup(vetted: VettedAddress): LookupFunction {
  return (_hostName, options, callback) => {
    if (options.all) callback(null, [{ address: vetted.address, family: vetted.family }]);
    else callback(null, vetted.address, vetted.family);
  };
}

async function requestOnce(url: URL, settings: Settings, signal: AbortSignal): Promise<http.IncomingMessage> {
  const vetted = await vetHost(url, settings.allow, signal);
  signal.throwIfAborted();
  const hostName = url.hostname.replace(/^\[|\]$/g, "");
  const client = url.protocol === "https:" ? https : http;
  const request = client.request(url, {
    method: "GET",
    agent: false,
    signal,
    lookup: pinnedLookup(vetted),
    // Certificates are checked against the name, not the pinned address (SNI takes no IPs).
    ...(url.protocol === "https:" && isIP(hostName) === 0 ? { servername: hostName } : {}),
    headers: requestHeaders(settings),
  });
  return new Promise((resolve, reject) => {
    request.once("error", reject);
    request.once("response", (response) => {
      // Later request errors (a reset mid-body) reach us through the response stream.
      request.on("error", () => {});
      resolve(response);
    });
    request.end();
  });
}

const acceptHeaders: Record<AcceptedContent, string> = {
  feed: "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, text/*;q=0.5",
  page: "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5",
  "any-text":
    "text/html, application/xhtml+xml, application/xml;q=0.9, application/pdf;q=0.9, text/*;q=0.8, application/json;q=0.5",
};

function requestHeaders(settings: Settings): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": settings.userAgent,
    accept: acceptHeaders[settings.acceptTypes],
    "accept-encoding": "gzip, deflate, br",
  };
  if (settings.etag) headers["if-none-match"] = settings.etag;
  if (settings.lastModified) headers["if-modified-since"] = settings.lastModified;
  return headers;
}

async function readAcceptedBody(
  response: http.IncomingMessage,
  url: URL,
  settings: Settings,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.destroy();
    throw new IntakeError(
      "http_error",
      `${url.href} answered HTTP ${status} ${response.statusMessage ?? ""}`.trim(),
    );
  }
  const contentType = headerValue(response.headers["content-type"]);
  if (contentType !== undefined && !isAcceptedContentType(contentType, settings.acceptTypes)) {
    response.destroy();
    throw new IntakeError(
      "unsupported_content_type",
      `${url.href} is ${contentType}, not a ${settings.acceptTypes} content type`,
    );
  }
  const declaredLength = Number(response.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > settings.maxBytes) {
    response.destroy();
    throw tooLarge(url, settings.maxBytes, `declares ${declaredLength} bytes`);
  }
  return readLimited(response, url, settings.maxBytes, signal);
}

/** Whether a Content-Type (parameters ignored) is one this kind of fetch takes. */
export function isAcceptedContentType(contentType: string, accept: AcceptedContent): boolean {
  const mime = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  const isText = mime.startsWith("text/");
  const isXml = mime.endsWith("/xml") || mime.endsWith("+xml");
  switch (accept) {
    case "feed":
      return isText || isXml || /^application\/(x-)?(rss|atom|rdf)$/.test(mime);
    case "page":
      return mime === "text/html" || mime === "application/xhtml+xml" || mime === "text/plain";
    case "any-text":
      return (
        isText || isXml || mime === "application/json" || mime.endsWith("+json") || mime === "application/pdf"
      );
  }
}

/** Reads and decompresses the body, stopping as soon as it passes `maxBytes` (a zip bomb too). */
async function readLimited(
  response: http.IncomingMessage,
  url: URL,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const decoders = decodersFor(headerValue(response.headers["content-encoding"]), url);
  const stream: Readable = decoders.length === 0 ? response : chain(response, decoders);
  const stopAtDeadline = () => response.destroy(signal.reason);
  signal.addEventListener("abort", stopAtDeadline, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(url, maxBytes, "passed the limit while downloading");
      chunks.push(chunk);
    }
  } catch (error) {
    if (isIntakeError(error) || signal.aborted) throw error;
    if (typeof (error as { errno?: unknown }).errno === "number" && decoders.length > 0) {
      throw new IntakeError(
        "network_error",
        `${url.href} sent a corrupt compressed body: ${describeError(error)}`,
      );
    }
    throw error;
  } finally {
    signal.removeEventListener("abort", stopAtDeadline);
    response.destroy();
    for (const decoder of decoders) decoder.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function decodersFor(contentEncoding: string | undefined, url: URL): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  // Codings are listed in the order they were applied, so they are undone in reverse.
  return codings.reverse().map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip();
    if (coding === "deflate") return zlib.createInflate();
    if (coding === "br") return zlib.createBrotliDecompress();
    throw new IntakeError("unsupported_content_type", `${url.href} is compressed with unknown "${coding}"`);
  });
}

function chain(source: Readable, decoders: Transform[]): Readable {
  // pipeline destroys every stage when one fails, so the error reaches the last one we read.
  pipeline([source, ...decoders], () => {});
  return decoders[decoders.length - 1] as Transform;
}

function tooLarge(url: URL, maxBytes: number, how: string): IntakeError {
  return new IntakeError("too_large", `${url.href} ${how}: more than the ${maxBytes}-byte limit`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
