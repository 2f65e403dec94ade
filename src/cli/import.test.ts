import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAcledCsv } from "../ingest/fixtures/generate.js";
import { runToEnd } from "../test-support/child-process.js";
import { freePort, waitForHealth } from "../test-support/net.js";

const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const folder = mkdtempSync(join(tmpdir(), "peacetrack-cli-import-"));
const env = { ...process.env, PEACETRACK_DATA: join(folder, "data"), DATABASE_URL: "" };
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 180_000 });
const outcomeOf = (result: ReturnType<typeof run>) =>
  JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "");

const file = join(folder, "acled.csv");
const rows = 300;

describe("peacetrack import", () => {
  beforeAll(async () => {
    await generateAcledCsv(file, rows, 11);
    // The demo data holds exactly one process, which the command then takes without --process.
    expect(run("seed").status).toBe(0);
  }, 180_000);

  it("imports an ACLED file with a report, then finds it unchanged", () => {
    const first = run("import", "acled", file, "--json");
    expect(first.stderr, first.stderr).toMatch(/acled\.csv: done/);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/created\s+300/);
    expect(outcomeOf(first)).toMatchObject({ state: "done", counts: { read: rows, created: rows } });
    const again = run("import", "acled", file, "--json");
    expect(outcomeOf(again).counts).toMatchObject({ created: 0, updated: 0, unchanged: rows });
  });

  it("refuses a file with a bad row under --strict (exit 2, nothing written) and keeps the rest without", () => {
    const lines = readFileSync(file, "utf8").split("\n");
    lines[5] = (lines[5] as string).replace(/,\d{4}-\d\d-\d\d,/, ",2022-02-31,");
    const fresh = lines.map((line, index) => (index === 0 ? line : line.replace(/^([A-Z]+)(\d+)/, "$1$2X")));
    const bad = join(folder, "bad.csv");
    writeFileSync(bad, fresh.join("\n"));
    const strict = run("import", "acled", bad, "--strict", "--json");
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("REFUSED");
    expect(strict.stderr).toMatch(/line 6: event_date/);
    expect(outcomeOf(strict)).toMatchObject({ state: "refused", counts: { created: 0, rejected: 1 } });

    const dry = run("import", "acled", bad, "--dry-run", "--json");
    expect(dry.status).toBe(0);
    expect(outcomeOf(dry)).toMatchObject({ dryRun: true, counts: { created: rows - 1, rejected: 1 } });

    const lenient = run("import", "acled", bad, "--json");
    expect(lenient.status).toBe(0);
    // Nothing was written by the refused or the dry run: all valid rows are created now.
    expect(outcomeOf(lenient).counts).toMatchObject({ created: rows - 1, rejected: 1 });
  });

  it("deletes (tombstones) the incidents an ACLED deletions file names", () => {
    const ids = readFileSync(file, "utf8")
      .split("\n")
      .slice(1, 4)
      .map((line) => line.split(",")[0]);
    const deletions = join(folder, "deletions.csv");
    writeFileSync(
      deletions,
      `event_id_cnty,deleted_timestamp\n${ids.map((id) => `${id},1700000000`).join("\n")}\n`,
    );
    const result = run("import", "acled", deletions, "--deletions", "--json");
    expect(result.status).toBe(0);
    expect(outcomeOf(result).counts).toMatchObject({ read: 3, deleted: 3 });
    expect(result.stderr).toMatch(/deleted\s+3/);
  });

  it("says clearly why a file cannot be read, and what an unknown process or dataset is", () => {
    const garbage = join(folder, "garbage.csv");
    writeFileSync(garbage, "this,is,not\nan,acled,file\n");
    const unreadable = run("import", "acled", garbage);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain("garbage.csv cannot be imported");
    expect(unreadable.stderr).toContain("event_id_cnty");

    const noProcess = run("import", "acled", file, "--process", "nowhere");
    expect(noProcess.status).toBe(1);
    expect(noProcess.stderr).toContain("nowhere");

    const noDataset = run("import", "acme", file);
    expect(noDataset.status).toBe(1);
    expect(noDataset.stderr).toContain("acled, ucdp, gdelt");

    const noFile = run("import", "acled", join(folder, "missing.csv"));
    expect(noFile.status).toBe(1);
    expect(noFile.stderr).toContain("No file at");
  });

  it("hands the file to the server that holds the embedded database, and reports its run", async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [bin, "serve", "--port", String(port), "--host", "127.0.0.1"], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => server.once("exit", resolve));
    try {
      await waitForHealth(port, { timeoutMs: 120_000, intervalMs: 100 });
      // The server's announcement carries its hand-off secret: readable by the folder's owner only.
      const lockFolder = join(env.PEACETRACK_DATA, "peacetrack.lock");
      const announcement = readdirSync(lockFolder).find((name) => /^holder\.\d+$/.test(name)) as string;
      expect(statSync(join(lockFolder, announcement)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(lockFolder, announcement), "utf8")).handoffSecret).toMatch(
        /^[\w-]{43}$/,
      );
      const anonymous = await fetch(`http://127.0.0.1:${port}/api/imports?dataset=acled&process=nk-2020`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: "x",
      });
      expect(anonymous.status).toBe(401);
      const other = join(folder, "other.csv");
      await generateAcledCsv(other, 50, 99);
      const result = await runToEnd(process.execPath, [bin, "import", "acled", other, "--json"], env);
      expect(result.stderr).toContain("handed to it");
      expect(result.status, result.stderr).toBe(0);
      const outcome = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "");
      expect(outcome.state).toBe("done");
      expect(outcome.counts.read).toBe(50);
      const { created, updated, unchanged, keptDeleted } = outcome.counts;
      // The same ids as the first file's: the three deleted above stay deleted.
      expect(created + updated + unchanged + keptDeleted).toBe(50);
      // The run is the local administrator "cli"'s, as when the command opens the folder itself.
      const runs = await (await fetch(`http://127.0.0.1:${port}/api/imports?limit=1`)).json();
      expect(runs.items[0]).toMatchObject({ fileName: "other.csv", actor: "cli" });
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
  }, 180_000);
});
