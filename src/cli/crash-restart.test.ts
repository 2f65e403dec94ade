import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../store/database.js";
import { migrate } from "../store/migrate.js";
import { testAccount } from "../test-support/accounts.js";
import { freePort, waitForHealth } from "../test-support/net.js";

const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const folder = mkdtempSync(join(tmpdir(), "peacetrack-crash-"));
const env = {
  ...process.env,
  PEACETRACK_DATA: join(folder, "data"),
  DATABASE_URL: "",
  // Writes here come faster than a person's; the limit is not under test.
  PEACETRACK_RATE_LIMIT: "100000",
};
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

function serve(port: number) {
  const child = spawn(process.execPath, [bin, "serve", "--port", String(port), "--host", "127.0.0.1"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, output: () => output };
}

const party = (i: number) => ({
  processId: "nk-2020",
  kind: "mediator",
  shortName: `Crash mediator ${i}`,
  names: [{ text: `Crash-test mediator ${i}`, lang: "en" }],
});

/** Writes need an account: an administrator's token, made in the data folder before any server holds it. */
async function administratorHeaders(): Promise<Record<string, string>> {
  const database = await openDatabase({ dataDir: env.PEACETRACK_DATA });
  try {
    await migrate(database.db);
    return (await testAccount(database.db, "administrator")).headers;
  } finally {
    await database.close();
  }
}

async function createParties(
  port: number,
  count: number,
  headers: Record<string, string>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`http://127.0.0.1:${port}/api/parties`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(party(i)),
    });
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

it("restarts at once after kill -9, with every acknowledged write kept", async () => {
  const headers = await administratorHeaders();
  const firstPort = await freePort();
  const first = serve(firstPort);
  await waitForHealth(firstPort, { timeoutMs: 120_000 });
  const acknowledged = await createParties(firstPort, 20, headers);
  first.child.kill("SIGKILL");
  await first.exited;

  const port = await freePort();
  const start = performance.now();
  const second = serve(port);
  const health = await Promise.race([
    waitForHealth(port, { timeoutMs: 60_000, intervalMs: 20 }),
    second.exited.then(() => {
      throw new Error(`the restarted server exited: ${second.output()}`);
    }),
  ]);
  const restartMs = performance.now() - start;
  console.info(`PGlite restart after kill -9 → first answer: ${restartMs.toFixed(0)} ms`);
  expect(health).toMatchObject({ status: "ok", database: "pglite" });
  expect(second.output()).not.toContain("in use by another Peacetrack process");
  for (const id of acknowledged) {
    // Drafts (new records are): read back as the administrator who wrote them.
    const response = await fetch(`http://127.0.0.1:${port}/api/parties/${id}`, { headers });
    expect(response.status, id).toBe(200);
  }
  second.child.kill("SIGTERM");
  await second.exited;
});
