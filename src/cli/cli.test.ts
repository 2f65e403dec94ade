import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, waitForHealth } from "../test-support/net.js";

const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const folder = mkdtempSync(join(tmpdir(), "peacetrack-cli-"));
const env = { ...process.env, PEACETRACK_DATA: join(folder, "data"), DATABASE_URL: "" };
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: 120_000 });

function serve(port: number) {
  const child = spawn(process.execPath, [bin, "serve", "--port", String(port), "--host", "127.0.0.1"], {
    env,
  });
  children.push(child);
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe("peacetrack command", () => {
  it("runs from its bundle (rebuilt when a source is newer) and from the sources alike", () => {
    const bundled = run("--version");
    expect(bundled.status).toBe(0);
    expect(statSync(join(import.meta.dirname, "../../dist/server/peacetrack.mjs")).isFile()).toBe(true);
    const fromSource = spawnSync(process.execPath, [bin, "--version"], {
      env: { ...env, PEACETRACK_FROM_SOURCE: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(fromSource.status).toBe(0);
    expect(fromSource.stdout).toBe(bundled.stdout);
  });

  it("lists its commands", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    for (const command of ["serve", "migrate", "seed", "export", "report"])
      expect(help.stdout).toContain(command);
  });

  it("migrates, seeds idempotently and exports every kind as JSON", () => {
    expect(run("migrate").stderr).toContain("0000_init.sql");
    const seeded = run("seed");
    expect(seeded.status).toBe(0);
    expect(seeded.stderr).toMatch(/Seed done: \d+ records added, 0 already present/);
    expect(run("seed").stderr).toMatch(/Seed done: 0 records added, \d+ already present/);
    const out = join(folder, "export.json");
    expect(run("export", "--out", out).status).toBe(0);
    const exported = JSON.parse(readFileSync(out, "utf8"));
    expect(exported.format).toBe("peacetrack-export/1");
    expect(exported.records.agreements.length).toBe(5);
    expect(Object.keys(exported.records)).toContain("accessObservations");
  });

  it("writes the implementation report as HTML and refuses an unknown format", () => {
    const out = join(folder, "report.html");
    const report = run("report", "--as-of", "2023-06-01", "--out", out);
    expect(report.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("Implementation report");
    const bad = run("report", "--format", "docx");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--format is html or pdf");
  });

  it("serves, keeps a second server off the same data folder, and stops on SIGTERM", async () => {
    const port = await freePort();
    const first = serve(port);
    expect(await waitForHealth(port)).toMatchObject({ status: "ok", database: "pglite" });
    const second = serve(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is in use by another Peacetrack process");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });
});
