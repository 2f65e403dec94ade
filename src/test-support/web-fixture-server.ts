/**
 * A small web server on 127.0.0.1 for tests that fetch sources: each route answers with one of
 * the helpers below (a text, a redirect, silence, a slow trickle, a conditional answer). It keeps
 * the path and headers of every request so tests can check what the client sent.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FixtureRoute = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface WebFixtureServer {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Routes are keyed by path without the query ("/feed.xml"); other paths answer 404. */
export function startWebFixtureServer(routes: Record<string, FixtureRoute>): Promise<WebFixtureServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push({ path, headers: request.headers });
    const route = routes[path.split("?")[0] ?? "/"];
    if (route) route(request, response);
    else serveText("not found", "text/plain", {}, 404)(request, response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            // Routes like neverAnswer hold sockets open; close them or close() would wait forever.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Answers the body with the content type (omitted when undefined) and extra headers. */
export function serveText(
  body: string | Uint8Array,
  contentType: string | undefined,
  extraHeaders: Record<string, string | number> = {},
  status = 200,
): FixtureRoute {
  return (_request, response) => {
    const headers: Record<string, string | number> = { ...extraHeaders };
    if (contentType !== undefined) headers["content-type"] = contentType;
    if (!hasHeader(headers, "content-length") && !hasHeader(headers, "transfer-encoding")) {
      headers["content-length"] = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    }
    response.writeHead(status, headers);
    response.end(body);
  };
}

export function redirectTo(location: string, status = 302): FixtureRoute {
  return (_request, response) => {
    response.writeHead(status, { location, "content-length": 0 });
    response.end();
  };
}

/** Accepts the request and never answers: the socket stays open until the client gives up. */
export function neverAnswer(): FixtureRoute {
  return () => {};
}

/**
 * Sends the headers at once and then the body `chunk` by `chunk` every `intervalMs`, `count`
 * times (forever when count is undefined): a server that trickles.
 */
export function trickle(
  options: { chunk?: string; intervalMs?: number; count?: number; contentType?: string } = {},
): FixtureRoute {
  const { chunk = "x", intervalMs = 50, count, contentType = "text/plain" } = options;
  return (_request, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (count !== undefined && sent >= count) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(chunk);
      sent += 1;
    }, intervalMs);
    response.on("close", () => clearInterval(timer));
  };
}

/**
 * Serves the body with its ETag and Last-Modified, and answers 304 Not Modified when the request's
 * If-None-Match or If-Modified-Since matches them (If-None-Match wins when both are sent).
 */
export function withConditional(
  body: string,
  validators: { etag?: string; lastModified?: string },
  contentType = "application/rss+xml",
): FixtureRoute {
  return (request, response) => {
    const headers: Record<string, string> = {};
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers["last-modified"] = validators.lastModified;
    const ifNoneMatch = request.headers["if-none-match"];
    const ifModifiedSince = request.headers["if-modified-since"];
    const notModified =
      ifNoneMatch !== undefined
        ? validators.etag !== undefined &&
          ifNoneMatch.split(",").some((tag) => tag.trim() === validators.etag)
        : ifModifiedSince !== undefined && validators.lastModified !== undefined
          ? Date.parse(ifModifiedSince) >= Date.parse(validators.lastModified)
          : false;
    if (notModified) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    serveText(body, contentType, headers)(request, response);
  };
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
