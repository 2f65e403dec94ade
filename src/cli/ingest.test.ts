import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../project-root.js";
import { runToEnd } from "../test-support/child-process.js";
import { freePort, waitForHealth } from "../test-support/net.js";
import {
  serveText,
  startWebFixtureServer,
  type WebFixtureServer,
} from "../test-support/web-fixture-server.js";

const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const folder = mkdtempSync(join(tmpdir(), "peacetrack-cli-ingest-"));
const env = {
  ...process.env,
  PEACETRACK_DATA: join(folder, "data"),
  DATABASE_URL: "",
  PEACETRACK_FETCH_ALLOW: "127.0.0.1",
};
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 180_000 });
const outcomesOf = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const sample = (name: string) => fromRoot("data", "demo", "documents", name);

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Statements</title>
<item><title>Item one</title><guid>i1</guid><description>&lt;p&gt;The corridor must stay open for persons, vehicles and cargo in both directions, the ministry said in its statement on Monday.&lt;/p&gt;</description></item>
</channel></rss>`;

describe("peacetrack ingest and feeds", () => {
  let web: WebFixtureServer;
  beforeAll(async () => {
    expect(run("seed").status).toBe(0);
    web = await startWebFixtureServer({ "/feed.xml": serveText("", "application/rss+xml") });
  }, 180_000);
  afterAll(() => web?.close());

  it("takes files in, reports each, finds a near-duplicate and goes on past a bad file", () => {
    const bad = join(folder, "binary.bin");
    writeFileSync(bad, Buffer.from([0, 159, 146, 150, 0, 0, 1, 2, 3]));
    const text = join(folder, "statement.txt");
    // The report is already in the demo data: taken in again, it is a sighting, not a new document.
    writeFileSync(
      text,
      "date 2023-03-27\nThe Ministry of Foreign Affairs calls for the unblocking of the Lachin corridor and for negotiations in an internationally accepted format.",
    );
    const result = run("ingest", sample("asbarez-full-fledged-talks.txt"), bad, text, "--json");
    expect(result.status, result.stderr).toBe(1);
    const [report, binary, statement] = outcomesOf(result.stdout);
    expect(report).toMatchObject({ outcome: "sighting", documentId: "doc-asbarez-full-fledged-talks" });
    expect(binary).toMatchObject({ outcome: "failed", errorCode: "unsupported_format" });
    expect(statement).toMatchObject({ outcome: "created" });
    expect(result.stderr).toMatch(/✗ .*binary\.bin/);
    expect(result.stderr).toMatch(/✓ .*statement\.txt: taken in as/);
  });

  it("registers a feed and polls it; a feed that is not XML is recorded as failing", async () => {
    // Asynchronously: the feed's server runs in this process, and a synchronous child would block it.
    const cli = (...args: string[]) => runToEnd(process.execPath, [bin, ...args], env);
    const added = await cli("feeds", "add", `${web.url}/feed.xml`);
    expect(added.status, added.stderr).toBe(0);
    const polled = await cli("feeds", "poll", "--all");
    expect(polled.stderr).toMatch(/error — (empty|not_a_feed)/);
    expect((await cli("feeds", "list")).stderr).toMatch(/error, last poll/);
  });

  it("hands sources to the server that holds the embedded database", async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [bin, "serve", "--port", String(port), "--host", "127.0.0.1"], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => server.once("exit", resolve));
    try {
      await waitForHealth(port, { timeoutMs: 120_000, intervalMs: 100 });
      const path = join(folder, "beside.txt");
      writeFileSync(
        path,
        "A statement taken in beside the running server, about the checkpoint on the road.",
      );
      const result = await runToEnd(process.execPath, [bin, "ingest", path, "--json"], env);
      expect(result.status, result.stderr).toBe(0);
      const [outcome] = outcomesOf(result.stdout);
      expect(outcome).toMatchObject({ outcome: "created" });
      const intakes = await fetch(`http://127.0.0.1:${port}/api/documents/${outcome.documentId}`);
      // A draft (the CLI acts as the local administrator "cli"): the public does not see it yet.
      expect(intakes.status).toBe(404);
      web.close();
      web = await startWebFixtureServer({ "/feed.xml": serveText(feed, "application/rss+xml") });
      const feeds = await runToEnd(process.execPath, [bin, "feeds", "add", `${web.url}/feed.xml`], env);
      expect(feeds.status, feeds.stderr).toBe(0);
      const polled = await runToEnd(process.execPath, [bin, "feeds", "poll", "--all"], env);
      expect(polled.stderr).toMatch(/: ok, 1 new/);
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
  }, 180_000);
});
