import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { findUnstorableText } from "../domain/text-safety.js";
import { ValidationError } from "../store/errors.js";
import { errorBody } from "./errors.js";
import { mapTilesFromEnv, withMapTileOrigin } from "./map-config.js";

/**
 * What every request goes through before a route sees it: bytes decoded strictly, text that cannot be
 * stored refused with the field named, security headers, a rate limit per client, a request id. The
 * server's own limits (timeouts, sizes) are in `serverLimits`.
 */

/** Limits handed to Fastify and Node's HTTP server: no request may hold a connection for ever. */
export const serverLimits = {
  bodyLimit: 5 * 1024 * 1024,
  /** The whole request (headers and body) must arrive within this time. */
  requestTimeout: 30_000,
  /** An idle socket is closed after this time. */
  connectionTimeout: 60_000,
  keepAliveTimeout: 5_000,
  /** A route must answer within this time (the PDF route has its own, longer). */
  handlerTimeout: 60_000,
  http: { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 },
  routerOptions: {
    // Longer than the longest id (120), so an over-long id reaches validation and gets a clear 400.
    maxParamLength: 500,
    onMaxParamLength: (_path: string, _req: IncomingMessage, res: ServerResponse) =>
      writeRawError(
        res,
        414,
        "uri_too_long",
        "A path segment is longer than any id (500 characters at most).",
      ),
    querystringParser: strictQuerystring,
  },
} as const;

function writeRawError(res: ServerResponse, status: number, code: string, message: string) {
  const body = JSON.stringify(errorBody(code, message));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** How Node's HTTP parser errors are answered: status, reason phrase, code, message. */
const socketErrors: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    "Request Header Fields Too Large",
    "headers_too_large",
    "The request headers are too large.",
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    "Request Timeout",
    "request_timeout",
    "The request did not arrive in time.",
  ],
};
const malformed: [number, string, string, string] = [
  400,
  "Bad Request",
  "bad_request",
  "The request is not valid HTTP.",
];

/** Malformed or too slow HTTP, answered on the socket itself, in the one error shape. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === "ECONNRESET" || !socket.writable) return;
  const [status, reason, code, message] = socketErrors[error.code ?? ""] ?? malformed;
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const badEncoding = Symbol("query parameters that are not valid UTF-8");

/**
 * Parses a query string, refusing rather than repairing: a percent-encoded sequence that is not valid
 * UTF-8 would otherwise be silently turned into U+FFFD. Fastify cannot take an error from here, so
 * the bad keys are marked and `refuseUnstorableInput` answers 400.
 */
function strictQuerystring(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = Object.create(null);
  const invalid: string[] = [];
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const key = decode(at === -1 ? pair : pair.slice(0, at));
    const value = decode(at === -1 ? "" : pair.slice(at + 1));
    if (key === undefined || value === undefined) {
      invalid.push(key ?? pair.slice(0, Math.max(at, 0)).slice(0, 50));
      continue;
    }
    const existing = query[key];
    query[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  if (invalid.length > 0) Object.defineProperty(query, badEncoding, { value: invalid });
  return query;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** JSON bodies are decoded as strict UTF-8: invalid bytes are refused, never replaced with U+FFFD. */
function registerStrictJson(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(
        new ValidationError("The body is not valid UTF-8.", [
          { path: "body", message: "contains bytes that are not UTF-8; send the text encoded as UTF-8" },
        ]),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}

const isStream = (body: unknown) =>
  typeof body === "object" && body !== null && typeof (body as { pipe?: unknown }).pipe === "function";

/** NUL characters and lone surrogates in a body, query or path: refused with the field named. */
function refuseUnstorableInput(request: FastifyRequest) {
  const marked = (request.query as Record<symbol, string[] | undefined> | undefined)?.[badEncoding];
  if (marked)
    throw new ValidationError("The query string is not valid UTF-8.", [
      ...marked.map((key) => ({ path: key || "query", message: "percent-encoded bytes that are not UTF-8" })),
    ]);
  const issues = [
    ...findUnstorableText(request.params).map((issue) => ({ ...issue, path: `params.${issue.path}` })),
    ...findUnstorableText(request.query).map((issue) => ({ ...issue, path: issue.path })),
    // A streamed upload is raw bytes for an importer to judge, not parsed text.
    ...(isStream(request.body) ? [] : findUnstorableText(request.body)),
  ];
  if (issues.length > 0) throw new ValidationError(`The request ${issues[0]?.message}.`, issues);
}

/** Directives the web app (Vite bundle) and the API docs (Swagger UI) both satisfy: nothing inline runs. */
export const contentSecurityPolicy = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  // Swagger UI applies inline styles; styles cannot run code, scripts stay 'self' only.
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

export interface RateLimitSetting {
  /** Requests per client per minute. */
  max: number;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSetting | false {
  const value = env.PEACETRACK_RATE_LIMIT;
  if (value === undefined || value === "") return { max: 600 };
  const max = Number(value);
  if (!Number.isInteger(max) || max < 0)
    throw new Error(`PEACETRACK_RATE_LIMIT must be a whole number of requests per minute, not "${value}".`);
  return max === 0 ? false : { max };
}

export async function registerHardening(app: FastifyInstance, rateLimit: RateLimitSetting | false) {
  registerStrictJson(app);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("preValidation", async (request) => refuseUnstorableInput(request));
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: withMapTileOrigin(contentSecurityPolicy, mapTilesFromEnv()),
    },
    // Meaningful only over TLS, which a reverse proxy in front of Peacetrack terminates and sets.
    strictTransportSecurity: false,
    referrerPolicy: { policy: "no-referrer" },
    crossOriginEmbedderPolicy: false,
  });
  if (rateLimit)
    await app.register(fastifyRateLimit, {
      global: true,
      max: rateLimit.max,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(`Too many requests: at most ${context.max} a minute. Try again in ${context.after}.`),
          {
            statusCode: 429,
          },
        ),
    });
}
