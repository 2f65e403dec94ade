import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  neverAnswer,
  redirectTo,
  serveText,
  startWebFixtureServer,
  trickle,
  type WebFixtureServer,
  withConditional,
} from "../../test-support/web-fixture-server.js";
import { parseFetchAllowList } from "./address-policy.js";
import {
  type FetchedResource,
  type GuardedFetchOptions,
  guardedFetch,
  isAcceptedContentType,
} from "./guarded-fetch.js";
import { type IntakeErrorCode, isIntakeError } from "./intake-error.js";

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title></channel></rss>`;
const allowLoopback = parseFetchAllowList("127.0.0.1");
const quick: GuardedFetchOptions = { allow: allowLoopback, timeoutMs: 2_000 };

let server: WebFixtureServer;

beforeAll(async () => {
  server = await startWebFixtureServer({
    "/feed.xml": serveText(rss, "application/rss+xml; charset=utf-8", { etag: '"v1"' }),
    "/page.html": serveText("<html><body>Hello</body></html>", "text/html; charset=utf-8"),
    "/untyped": serveText("plain bytes", undefined),
    "/image.png": serveText(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), "image/png"),
    "/missing": serveText("gone", "text/plain", {}, 404),
    "/broken": serveText("oops", "text/plain", {}, 503),
    "/to-feed": redirectTo("/feed.xml", 301),
    "/hop-1": redirectTo("hop-2", 307),
    "/hop-2": redirectTo("/feed.xml?from=hop-2#fragment", 308),
    "/to-private": redirectTo("http://10.0.0.1/admin"),
    "/to-metadata": redirectTo("http://169.254.169.254/latest/meta-data/"),
    "/to-loopback-ip": (request, response) =>
      redirectTo(`http://127.0.0.1:${request.socket.localPort}/feed.xml`)(request, response),
    "/to-file": redirectTo("file:///etc/passwd"),
    "/loop-a": redirectTo("/loop-b"),
    "/loop-b": redirectTo("/loop-a"),
    "/silent": neverAnswer(),
    "/trickle": trickle({ chunk: "x", intervalMs: 50 }),
    "/slow-but-finite": trickle({ chunk: "abc", intervalMs: 10, count: 3 }),
    "/declared-large": serveText("x".repeat(2_000), "text/plain"),
    "/streamed-large": serveText("y".repeat(5_000), "text/plain", { "transfer-encoding": "chunked" }),
    "/gzip": serveText(gzipSync(rss), "application/xml", { "content-encoding": "gzip" }),
    "/gzip-bomb": serveText(gzipSync(Buffer.alloc(50 * 1024 * 1024)), "text/plain", {
      "content-encoding": "gzip",
    }),
    "/bad-gzip": serveText("not gzip at all", "text/plain", { "content-encoding": "gzip" }),
    "/conditional": withConditional(rss, { etag: '"abc"', lastModified: "Mon, 02 Nov 2026 10:00:00 GMT" }),
  });
});

afterAll(async () => {
  await server.close();
});

async function expectIntakeError(promise: Promise<unknown>, code: IntakeErrorCode, message?: RegExp) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isIntakeError(error), `expected an IntakeError ${code}, got ${String(error)}`).toBe(true);
  if (!isIntakeError(error)) return;
  expect(error.code, error.message).toBe(code);
  if (message) expect(error.message).toMatch(message);
}

function text(result: FetchedResource | { status: "not_modified" }): string {
  if (result.status !== "fetched") throw new Error("expected a fetched resource");
  return new TextDecoder().decode(result.bytes);
}

describe("guardedFetch", () => {
  it("fetches an allowed URL with its type, validators and the headers it should send", async () => {
    const result = await guardedFetch(`${server.url}/feed.xml`, {
      ...quick,
      acceptTypes: "feed",
      userAgent: "Test/1",
    });
    expect(result).toMatchObject({
      status: "fetched",
      url: `${server.url}/feed.xml`,
      redirects: [],
      httpStatus: 200,
      contentType: "application/rss+xml; charset=utf-8",
      etag: '"v1"',
    });
    expect(text(result)).toBe(rss);
    const sent = server.requests.at(-1)?.headers;
    expect(sent?.["user-agent"]).toBe("Test/1");
    expect(sent?.["accept-encoding"]).toBe("gzip, deflate, br");
    expect(sent?.host).toBe(`127.0.0.1:${server.port}`);
  });

  it("refuses the loopback fixture without an allow-list, naming the address", async () => {
    await expectIntakeError(
      guardedFetch(`${server.url}/feed.xml`),
      "blocked_address",
      /127\.0\.0\.1 is a loopback/,
    );
  });

  it.each([
    ["http://[::1]:{port}/", /::1 is a loopback/],
    ["http://[::ffff:127.0.0.1]:{port}/", /::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback/],
    ["http://2130706433:{port}/", /127\.0\.0\.1 is a loopback/],
    ["http://0x7f.1:{port}/", /127\.0\.0\.1 is a loopback/],
    ["http://[fe80::1]/", /link-local/],
    ["http://169.254.169.254/latest/meta-data/", /link-local/],
  ])("refuses the literal address in %s", async (template, reason) => {
    const url = template.replace("{port}", String(server.port));
    await expectIntakeError(guardedFetch(url, { timeoutMs: 2_000 }), "blocked_address", reason);
  });

  it("refuses a name that resolves to loopback (localhost) without an allow-list", async () => {
    await expectIntakeError(
      guardedFetch(`http://localhost:${server.port}/feed.xml`, { timeoutMs: 2_000 }),
      "blocked_address",
      /localhost resolves to .*loopback/,
    );
  });

  it("allows a name listed in the allow-list whatever it resolves to", async () => {
    const allow = parseFetchAllowList("localhost");
    const result = await guardedFetch(`http://localhost:${server.port}/page.html`, {
      allow,
      timeoutMs: 2_000,
    });
    expect(text(result)).toContain("Hello");
  });

  it.each([
    ["/to-private", /10\.0\.0\.1 is a private/],
    ["/to-metadata", /169\.254\.169\.254 is a link-local/],
  ])("refuses a redirect from %s before connecting", async (path, reason) => {
    const started = Date.now();
    await expectIntakeError(guardedFetch(`${server.url}${path}`, quick), "blocked_address", reason);
    // Connecting to 10.0.0.1 would hang until the timeout; refusing is immediate.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("re-checks every hop: an allowed name redirecting to an unlisted address is refused", async () => {
    const allow = parseFetchAllowList("localhost");
    await expectIntakeError(
      guardedFetch(`http://localhost:${server.port}/to-loopback-ip`, { allow, timeoutMs: 2_000 }),
      "blocked_address",
      /127\.0\.0\.1 is a loopback/,
    );
  });

  it("follows relative redirects, records them and drops the fragment", async () => {
    const result = await guardedFetch(`${server.url}/hop-1`, quick);
    expect(result).toMatchObject({
      status: "fetched",
      url: `${server.url}/feed.xml?from=hop-2`,
      redirects: [`${server.url}/hop-1`, `${server.url}/hop-2`],
    });
    expect(result).not.toHaveProperty("downgradedToHttp");
  });

  it("stops a redirect loop at the redirect limit", async () => {
    await expectIntakeError(
      guardedFetch(`${server.url}/loop-a`, { ...quick, maxRedirects: 3 }),
      "too_many_redirects",
      /more than 3 times \(a redirect loop\)/,
    );
    await expectIntakeError(
      guardedFetch(`${server.url}/to-feed`, { ...quick, maxRedirects: 0 }),
      "too_many_redirects",
    );
  });

  it("refuses schemes other than http(s), also on redirect, and URLs with credentials", async () => {
    await expectIntakeError(guardedFetch("file:///etc/passwd", quick), "invalid_url", /only http and https/);
    await expectIntakeError(
      guardedFetch(`${server.url}/to-file`, quick),
      "invalid_url",
      /only http and https/,
    );
    await expectIntakeError(guardedFetch("not a url", quick), "invalid_url");
    await expectIntakeError(
      guardedFetch(`http://user:secret@127.0.0.1:${server.port}/feed.xml`, quick),
      "invalid_url",
      /credentials/,
    );
  });

  it("gives up on a server that never answers within the timeout", async () => {
    const started = Date.now();
    await expectIntakeError(
      guardedFetch(`${server.url}/silent`, { ...quick, timeoutMs: 300 }),
      "timeout",
      /within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("gives up on a server that trickles its body past the timeout", async () => {
    const started = Date.now();
    await expectIntakeError(guardedFetch(`${server.url}/trickle`, { ...quick, timeoutMs: 300 }), "timeout");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("takes a slow body that finishes in time", async () => {
    expect(text(await guardedFetch(`${server.url}/slow-but-finite`, quick))).toBe("abcabcabc");
  });

  it("refuses a body declared larger than the limit, and one that grows past it", async () => {
    await expectIntakeError(
      guardedFetch(`${server.url}/declared-large`, { ...quick, maxBytes: 1_000 }),
      "too_large",
      /declares 2000 bytes/,
    );
    await expectIntakeError(
      guardedFetch(`${server.url}/streamed-large`, { ...quick, maxBytes: 1_000 }),
      "too_large",
      /while downloading/,
    );
  });

  it("decompresses gzip, and stops a gzip bomb at the limit", async () => {
    expect(text(await guardedFetch(`${server.url}/gzip`, quick))).toBe(rss);
    const started = Date.now();
    await expectIntakeError(
      guardedFetch(`${server.url}/gzip-bomb`, { ...quick, maxBytes: 1024 * 1024 }),
      "too_large",
      /1048576-byte limit/,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("reports a corrupt compressed body as a network error", async () => {
    await expectIntakeError(
      guardedFetch(`${server.url}/bad-gzip`, quick),
      "network_error",
      /corrupt compressed/,
    );
  });

  it("refuses content types that are not text-like, and accepts a missing one", async () => {
    await expectIntakeError(
      guardedFetch(`${server.url}/image.png`, quick),
      "unsupported_content_type",
      /image\/png/,
    );
    await expectIntakeError(
      guardedFetch(`${server.url}/feed.xml`, { ...quick, acceptTypes: "page" }),
      "unsupported_content_type",
      /application\/rss\+xml; charset=utf-8, not a page content type/,
    );
    const untyped = await guardedFetch(`${server.url}/untyped`, { ...quick, acceptTypes: "page" });
    expect(untyped).toMatchObject({ status: "fetched", contentType: undefined });
  });

  it("turns 4xx and 5xx answers into http_error with the status", async () => {
    await expectIntakeError(guardedFetch(`${server.url}/missing`, quick), "http_error", /HTTP 404/);
    await expectIntakeError(guardedFetch(`${server.url}/broken`, quick), "http_error", /HTTP 503/);
  });

  it("sends the validators and returns not_modified on 304", async () => {
    const first = await guardedFetch(`${server.url}/conditional`, quick);
    expect(first).toMatchObject({
      status: "fetched",
      etag: '"abc"',
      lastModified: "Mon, 02 Nov 2026 10:00:00 GMT",
    });
    const byEtag = await guardedFetch(`${server.url}/conditional`, { ...quick, etag: '"abc"' });
    expect(byEtag).toEqual({ status: "not_modified", url: `${server.url}/conditional` });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"abc"');
    const byDate = await guardedFetch(`${server.url}/conditional`, {
      ...quick,
      lastModified: "Mon, 02 Nov 2026 10:00:00 GMT",
    });
    expect(byDate.status).toBe("not_modified");
    const changed = await guardedFetch(`${server.url}/conditional`, { ...quick, etag: '"old"' });
    expect(changed.status).toBe("fetched");
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await startWebFixtureServer({});
    await closed.close();
    await expectIntakeError(guardedFetch(`${closed.url}/`, quick), "network_error", /ECONNREFUSED/);
  });
});

describe("isAcceptedContentType", () => {
  it.each([
    ["application/rss+xml", "feed", true],
    ["application/atom+xml; charset=utf-8", "feed", true],
    ["application/rdf+xml", "feed", true],
    ["text/xml", "feed", true],
    ["application/xml", "feed", true],
    ["text/html", "feed", true],
    ["application/json", "feed", false],
    ["text/html; charset=windows-1251", "page", true],
    ["application/xhtml+xml", "page", true],
    ["text/plain", "page", true],
    ["application/rss+xml", "page", false],
    ["application/pdf", "page", false],
    ["application/pdf", "any-text", true],
    ["application/ld+json", "any-text", true],
    ["text/csv", "any-text", true],
    ["image/png", "any-text", false],
    ["application/octet-stream", "any-text", false],
    ["application/zip", "feed", false],
  ] as const)("%s for %s: %s", (contentType, accept, expected) => {
    expect(isAcceptedContentType(contentType, accept)).toBe(expected);
  });
});
