import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../api/server.js";
import { projectRoot } from "../project-root.js";
import type { Database } from "../store/database.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { ensureWebBuild, stampName, webBuildIsCurrent, webInputsHash } from "./web-build.js";

describe("the web build's inputs hash", () => {
  const root = mkdtempSync(join(tmpdir(), "peacetrack-hash-"));
  const write = (path: string, content: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  beforeAll(() => {
    write("src/web/App.tsx", "app");
    write("src/web/App.test.ts", "test");
    write("src/domain/types.ts", "types");
    write("src/api/server.ts", "server");
    write("vite.config.ts", "config");
    write("package-lock.json", "{}");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("changes with the web app, the domain it imports, the config and the locked packages", () => {
    for (const file of ["src/web/App.tsx", "src/domain/types.ts", "vite.config.ts", "package-lock.json"]) {
      const before = webInputsHash(root);
      write(file, `${readFileSync(join(root, file), "utf8")} changed`);
      expect(webInputsHash(root), file).not.toBe(before);
    }
  });

  it("does not change with tests, the server's code or a file's modification time alone", () => {
    const before = webInputsHash(root);
    write("src/web/App.test.ts", "another test");
    write("src/api/server.ts", "another server");
    write("src/web/App.tsx", readFileSync(join(root, "src/web/App.tsx"), "utf8"));
    expect(webInputsHash(root)).toBe(before);
  });
});

describe("npm start's web build, served compressed and cached", () => {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-web-"));
  const outDir = join(folder, "web");
  let firstBuild: { built: boolean; ms: number };
  let database: Database;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    firstBuild = await ensureWebBuild({ outDir });
    database = await openPgliteForTest();
    app = await buildServer({ database, webFolder: outDir, rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("builds once, then starts without building while the sources are unchanged", async () => {
    expect(firstBuild.built).toBe(true);
    expect(readFileSync(join(outDir, stampName), "utf8").trim()).toBe(webInputsHash(projectRoot));
    expect(webBuildIsCurrent(outDir)).toBe(true);
    const again = await ensureWebBuild({ outDir });
    expect(again.built).toBe(false);
    expect(again.ms).toBeLessThan(500);
    expect(readdirSync(folder)).toEqual(["web"]);
  });

  it("sees a build made from other sources as stale", () => {
    const stamp = join(outDir, stampName);
    const current = readFileSync(stamp, "utf8");
    writeFileSync(stamp, "an older hash\n");
    expect(webBuildIsCurrent(outDir)).toBe(false);
    writeFileSync(stamp, current);
    expect(webBuildIsCurrent(outDir)).toBe(true);
  });

  /** GET with the bytes as sent: fetch would decode the body itself. */
  const rawGet = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      get(base + path, { headers }, (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(parts),
          }),
        );
        response.on("error", reject);
      }).on("error", reject);
    });

  const entryScript = async () => {
    const html = await (await fetch(base)).text();
    const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    if (!src) throw new Error(`no entry script in ${html}`);
    return src;
  };

  it("sends hashed assets compressed, immutable for a year, and identical once decoded", async () => {
    const src = await entryScript();
    const original = readFileSync(join(outDir, src));
    for (const [accept, encoding, decode] of [
      ["br, gzip", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
      ["identity", undefined, (body: Buffer) => body],
    ] as const) {
      const response = await rawGet(src, { "accept-encoding": accept });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(response.headers["content-type"]).toMatch(/javascript/);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      const body = response.body;
      expect(decode(body).equals(original), accept).toBe(true);
      if (encoding) expect(body.length).toBeLessThan(original.length / 2);
    }
  });

  it("has the page shell revalidated on every visit, at its own address and at any page's", async () => {
    for (const path of ["/", "/index.html", "/agreements/some-agreement"]) {
      const response = await rawGet(path, { "accept-encoding": "br, gzip" });
      expect(response.status, path).toBe(200);
      expect(response.headers["content-type"], path).toMatch(/text\/html/);
      expect(response.headers["cache-control"], path).toBe("no-cache");
      const encoding = response.headers["content-encoding"];
      const html =
        encoding === "br"
          ? brotliDecompressSync(response.body)
          : encoding === "gzip"
            ? gunzipSync(response.body)
            : response.body;
      expect(html.toString("utf8")).toContain('<div id="root">');
    }
  });

  it("never serves the build stamp", async () => {
    const response = await rawGet(`/${stampName}`);
    expect(response.body.toString("utf8")).not.toContain(webInputsHash(projectRoot));
  });
});
