/**
 * What a visitor waits for: the size of the web app's first script (the entry chunk and its static
 * imports, compressed as the server sends it) and the time from `npm start` to the first page
 * (the page shell and its first script answered) on an existing data folder. Run alone with
 * `npx tsx bench/web.bench.ts`; `npm run bench` includes it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../src/test-support/net.js";
import { buildWebInMemory, initialChunks, scriptSize } from "../src/web/build/initial-script.js";

type Record = (target: string, measure: string, value: string) => void;

const root = join(import.meta.dirname, "..");
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export async function benchWebBundle(record: Record) {
  const chunks = await buildWebInMemory(root);
  const initial = initialChunks(chunks);
  const first = scriptSize(initial);
  const all = scriptSize(chunks);
  record(
    "web",
    `first script (${initial.length} chunks): raw / gzip / brotli`,
    `${kB(first.bytes)} / ${kB(first.gzip)} / ${kB(first.brotli)}`,
  );
  record("web", `every chunk (${chunks.length}): raw / gzip`, `${kB(all.bytes)} / ${kB(all.gzip)}`);
}

/** Polls until the page shell and the script it names are both answered. */
async function waitForFirstPage(base: string, deadline: number) {
  while (performance.now() < deadline) {
    try {
      const shell = await fetch(base);
      const script = /<script type="module"[^>]* src="([^"]+)"/.exec(await shell.text())?.[1];
      if (shell.ok && script && (await fetch(base + script)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no first page at ${base} in time`);
}

/** Milliseconds from `npm start` to the first page; its process group is ended afterwards. */
async function timeToFirstPage(dataDir: string): Promise<number> {
  const port = await freePort();
  const start = performance.now();
  const child: ChildProcess = spawn("npm", ["start", "--", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, PEACETRACK_DATA: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForFirstPage(`http://127.0.0.1:${port}`, start + 300_000);
    return performance.now() - start;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  }
}

/** The first start fills a new data folder and builds the web app if needed; the second is measured. */
export async function benchFirstPage(record: Record) {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-first-page-"));
  try {
    const dataDir = join(folder, "data");
    const first = await timeToFirstPage(dataDir);
    record(
      "PGlite",
      "npm start → first page, new data folder (build if sources changed)",
      `${first.toFixed(0)} ms`,
    );
    record(
      "PGlite",
      "npm start → first page, existing data folder",
      `${(await timeToFirstPage(dataDir)).toFixed(0)} ms`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const print: Record = (target, measure, value) => console.log(`${target} ${measure}: ${value}`);
  await benchWebBundle(print);
  await benchFirstPage(print);
}
