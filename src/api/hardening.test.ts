import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { type TestAccount, testAccount } from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { buildServer } from "./server.js";

let database: Database;
let app: FastifyInstance;
let base: string;
const logLines: Record<string, unknown>[] = [];
let administrator: TestAccount;

beforeAll(async () => {
  database = await openPgliteForTest();
  await seedFromFolder(database.db);
  // Writes need an account (issue #9): these bodies are sent as an administrator's, by token.
  administrator = await testAccount(database.db, "administrator");
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
  });
  app = await buildServer({
    database,
    webFolder: "/nonexistent",
    logger: { level: "info", stream },
    rateLimit: { max: 100_000 },
  });
  // A route that fails the way a bug would, to see that a 500 is really logged with its stack.
  app.get("/api/test-failure", async () => {
    throw new Error("deliberate failure for the test");
  });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Sends raw bytes as the body, which fetch would re-encode. */
function sendBytes(method: string, path: string, body: Buffer, contentType = "application/json") {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      {
        method,
        headers: { ...administrator.headers, "content-type": contentType, "content-length": body.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString("utf8")),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const party = (shortName: string) => ({
  processId: "nk-2020",
  kind: "state",
  shortName,
  names: [{ text: "Name", lang: "en" }],
});

describe("input the database cannot store", () => {
  it("refuses invalid UTF-8 in a JSON body instead of storing U+FFFD", async () => {
    const body = Buffer.concat([
      Buffer.from('{"processId":"nk-2020","kind":"state","shortName":"A'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","names":[{"text":"N","lang":"en"}]}'),
    ]);
    const response = await sendBytes("POST", "/api/parties", body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      error: { code: "validation_failed", message: "The body is not valid UTF-8." },
    });
  });

  it("refuses NUL characters and lone surrogates, naming the field", async () => {
    const nul = await sendBytes("POST", "/api/parties", Buffer.from(JSON.stringify(party("A\u0000B"))));
    expect(nul.status).toBe(400);
    expect(nul.json).toMatchObject({ error: { details: [{ path: "shortName" }] } });
    // JSON.stringify escapes a lone surrogate as \ud800, which is how it reaches the server.
    const lone = await sendBytes("POST", "/api/parties", Buffer.from(JSON.stringify(party("\ud800"))));
    expect(lone.status).toBe(400);
    expect(lone.json).toMatchObject({ error: { details: [{ path: "shortName" }] } });
  });

  it("refuses query strings whose percent-encoding is not UTF-8, and year 0000 in filters", async () => {
    for (const path of [
      "/api/incidents?processId=%FF",
      "/api/incidents?processId=%ED%A0%80",
      "/api/incidents?from=0000-01-01",
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.code).toBe("validation_failed");
    }
  });
});

describe("the framework's own errors take the one shape", () => {
  it("answers a malformed URL, an over-long path and a non-JSON body in the error shape", async () => {
    const badUrl = await fetch(`${base}/api/parties/%E0%A4%A`);
    expect(badUrl.status).toBe(400);
    expect(Object.keys(await badUrl.json())).toEqual(["error"]);
    const long = await fetch(`${base}/api/parties/${"a".repeat(5000)}`);
    expect(long.status).toBe(414);
    expect((await long.json()).error.code).toBe("uri_too_long");
    const notJson = await sendBytes("POST", "/api/parties", Buffer.from("{not json"));
    expect(notJson.status).toBe(400);
    expect(Object.keys(notJson.json as object)).toEqual(["error"]);
  });

  it("answers malformed HTTP on the socket with a JSON error", async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(base).port), "127.0.0.1", () => socket.write("GARBAGE\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("close", () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('{"error":{"code":"bad_request"');
  });
});

describe("safe by default", () => {
  it("sends security headers and a request id on every answer, API and error alike", async () => {
    for (const path of ["/api/health", "/api/parties/nobody", "/api/docs/"]) {
      const response = await fetch(`${base}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("limits requests per client with 429 in the error shape and a Retry-After", async () => {
    const limited = await buildServer({ database, webFolder: "/nonexistent", rateLimit: { max: 5 } });
    const address = await limited.listen({ port: 0, host: "127.0.0.1" });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 8; i++) {
        last = await fetch(`${address}/api/health`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
      const body = (await (last as Response).json()) as { error: { code: string } };
      expect(body.error.code).toBe("rate_limited");
    } finally {
      await limited.close();
    }
  });
});

describe("bounded work per request", () => {
  it("closes a connection that trickles its headers instead of keeping it open", async () => {
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(new URL(base).port), "127.0.0.1", () =>
        socket.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n"),
      );
      let text = "";
      const drip = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 500);
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("close", () => {
        clearInterval(drip);
        resolve(text);
      });
    });
    // headersTimeout is 10 s, checked every 2 s: the socket is closed with a 408, not held for ever.
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});

describe("logs", () => {
  it("logs every request with its id, and a 500 with its stack", async () => {
    const response = await fetch(`${base}/api/test-failure`);
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const failure = logLines.find((line) => line.reqId === id && line.level === 50);
    expect(failure?.err).toMatchObject({ message: "deliberate failure for the test" });
    expect((failure?.err as { stack?: string } | undefined)?.stack).toContain("hardening.test.ts");
    expect(logLines.some((line) => line.reqId === id && line.msg === "request completed")).toBe(true);
  });
});
