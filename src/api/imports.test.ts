import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportRunView } from "../domain/import-runs.js";
import { seedFromFolder } from "../services/demo-data.js";
import { recoverInterrupted, startImportJobs } from "../services/import-jobs.js";
import { createImportRun } from "../services/import-runs.js";
import { setLicencePublicUse } from "../services/licence-policy.js";
import type { Database } from "../store/database.js";
import { importRuns } from "../store/schema.js";
import { type TestAccount, testAccount } from "../test-support/accounts.js";
import { acledFile, acledHeader, acledRow } from "../test-support/acled-fixture.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { buildServer } from "./server.js";

const row = acledRow;
const acled = acledFile;

let database: Database;
let app: FastifyInstance;
let base: string;
let folder: string;
let administrator: TestAccount;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "peacetrack-imports-"));
  database = await openPgliteForTest();
  await seedFromFolder(database.db);
  // An import run is an administrator's act (the policy's "import").
  administrator = await testAccount(database.db, "administrator");
  app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false, uploadsFolder: folder });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

async function upload(body: string | Buffer, params: Record<string, string> = {}) {
  const search = new URLSearchParams({
    dataset: "acled",
    process: "nk-2020",
    fileName: "test.csv",
    ...params,
  });
  return fetch(`${base}/api/imports?${search}`, {
    method: "POST",
    headers: { ...administrator.headers, "content-type": "text/csv" },
    body: body as BodyInit,
  });
}

/** Follows a run as the web page and the CLI do, until it ends. */
async function finished(id: string): Promise<ImportRunView> {
  for (let i = 0; i < 200; i++) {
    const run = (await (await fetch(`${base}/api/imports/${id}`)).json()) as ImportRunView;
    if (run.state !== "queued" && run.state !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

describe("imports over HTTP, run as background jobs", () => {
  it("queues an upload, imports it, and re-importing the same file changes nothing", async () => {
    const file = acled([row("TST1", "First"), row("TST2", "Second"), row("TST3", "Third")]);
    const response = await upload(file);
    expect(response.status).toBe(202);
    const queued = (await response.json()) as ImportRunView;
    const done = await finished(queued.id);
    expect(done).toMatchObject({ state: "done", layout: "acled-current", fileName: "test.csv" });
    expect(done.counts).toMatchObject({ read: 3, created: 3, rejected: 0 });
    expect(done.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await finished(((await (await upload(file)).json()) as ImportRunView).id);
    expect(again.counts).toMatchObject({ read: 3, created: 0, updated: 0, unchanged: 3 });
    const list = (await (await fetch(`${base}/api/imports?process=nk-2020`)).json()) as {
      items: ImportRunView[];
    };
    expect(list.items.map((run) => run.id).slice(0, 2)).toEqual([again.id, done.id]);
  });

  it("keeps valid rows and lists bad ones with their line; strict refuses the whole file", async () => {
    const file = acled([row("TST4", "Fine"), row("TST5", "Bad", "many")]);
    const lenient = await finished(((await (await upload(file)).json()) as ImportRunView).id);
    expect(lenient.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(lenient.rejections[0]?.line).toBe(3);
    const incidentCount = async () =>
      (
        (await database.db.execute(sql`SELECT count(*)::int AS n FROM incidents`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n;
    const before = await incidentCount();
    const strictFile = acled([
      row("TST6", "Fine"),
      row("TST7", "Bad").replace(",2023-04-23,", ",2023-02-30,"),
    ]);
    const strict = await finished(
      ((await (await upload(strictFile, { strict: "true" })).json()) as ImportRunView).id,
    );
    expect(strict.state).toBe("refused");
    expect(strict.rejections[0]?.line).toBe(3);
    expect(await incidentCount()).toBe(before);
  });

  it("says so when the file cannot be read to its end, keeping the rows before", async () => {
    const file = acled([
      row("TST9", "Before"),
      row("TST10", '"a quote that never closes'),
      row("TST11", "After"),
    ]);
    const run = await finished(((await (await upload(file)).json()) as ImportRunView).id);
    expect(run.state).toBe("failed");
    expect(run.counts.created).toBe(1);
    expect(run.errorMessage).toMatch(/^Reading stopped at line 3 .*the rest of the file was not read/);
  });

  it("answers a file that is not event data with a failed run that says why", async () => {
    const run = await finished(
      ((await (await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))).json()) as ImportRunView).id,
    );
    expect(run.state).toBe("failed");
    expect(run.errorMessage).toBeTruthy();
  });

  it("refuses other content types on JSON routes, and a bad dataset in the error shape", async () => {
    const wrong = await upload("x", { dataset: "nope" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.code).toBe("validation_failed");
    const csvElsewhere = await fetch(`${base}/api/parties`, {
      method: "POST",
      headers: { ...administrator.headers, "content-type": "text/csv" },
      body: "a,b",
    });
    expect(csvElsewhere.status).toBe(415);
  });
});

describe("runs interrupted by a server that stopped", () => {
  const running = async (worker: string) => {
    const run = await createImportRun(database.db, {
      processId: "nk-2020",
      dataset: "acled",
      fileName: "interrupted.csv",
      actor: "api",
    });
    await database.db
      .update(importRuns)
      .set({ state: "running", worker, heartbeatAt: new Date().toISOString() })
      .where(eq(importRuns.id, run.id));
    return run.id;
  };
  // A process id no live process has on this machine (pid_max is far below it).
  const deadWorker = `${hostname()}:99999999`;

  it("queues them again when their file is still there, and a restarted server finishes them", async () => {
    const id = await running(deadWorker);
    writeFileSync(join(folder, `${id}.upload`), acled([row("TST8", "Resumed")]));
    await recoverInterrupted(database.db, (runId) => join(folder, `${runId}.upload`));
    expect((await (await fetch(`${base}/api/imports/${id}`)).json()).state).toBe("queued");
    // What a restarted server does at start: look for interrupted runs, then carry out the queued ones.
    const restarted = startImportJobs(database.db, { uploadsFolder: folder });
    try {
      expect((await finished(id)).counts.created).toBe(1);
    } finally {
      await restarted.close();
    }
  });

  it("mark them failed, saying why, when the file is gone", async () => {
    const id = await running(deadWorker);
    await recoverInterrupted(database.db, (runId) => join(folder, `${runId}.upload`));
    const run = await finished(id);
    expect(run.state).toBe("failed");
    expect(run.errorMessage).toMatch(/Interrupted/);
  });
});

describe("round trip: an ACLED file imported and exported again", () => {
  it("gives back the same rows and columns once ACLED rows may be served", async () => {
    const rows = [
      acledRow("RT1", "Round trip one", 2),
      acledRow("RT2", "Round trip two"),
      acledRow("RT3", "Three"),
    ];
    const run = await finished(((await (await upload(acled(rows))).json()) as ImportRunView).id);
    expect(run.counts.created).toBe(3);
    const exported = async () => (await fetch(`${base}/api/incidents.csv?processId=nk-2020&q=round`)).text();
    // By default ACLED's terms keep its raw rows out of public outputs: counted, not served.
    expect((await exported()).split("\n").filter((line) => line.startsWith("RT"))).toEqual([]);
    await setLicencePublicUse(database.db, "acled", "include", "test");
    try {
      const lines = (await exported()).split("\n");
      expect(lines[0]).toBe(acledHeader);
      const back = lines.filter((line) => line.startsWith("RT")).sort();
      expect(back).toEqual(rows.filter((row) => /Round trip/.test(row)).sort());
      expect(lines.some((line) => line.startsWith("#") && /ACLED/.test(line))).toBe(true);
    } finally {
      await setLicencePublicUse(database.db, "acled", "count_only", "test");
    }
  });
});

describe("who may import", () => {
  it("takes uploads from an administrator only, records who, and publishes the rows (an administrator's act)", async () => {
    const anonymous = await fetch(`${base}/api/imports?dataset=acled&process=nk-2020`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: acled([row("WHO1", "Anonymous")]),
    });
    expect(anonymous.status).toBe(401);
    const monitor = await testAccount(database.db, "monitor");
    const refused = await fetch(`${base}/api/imports?dataset=acled&process=nk-2020`, {
      method: "POST",
      headers: { ...monitor.headers, "content-type": "text/csv" },
      body: acled([row("WHO1", "By a monitor")]),
    });
    expect(refused.status).toBe(403);
    const run = await finished(
      ((await (await upload(acled([row("WHO2", "By an admin")]))).json()) as ImportRunView).id,
    );
    expect(run).toMatchObject({ state: "done", actor: "token:tests" });
    const stored = await database.db.execute(
      sql`SELECT review_state, created_by, created_by_account_id FROM incidents WHERE id = 'acled:WHO2'`,
    );
    const rows = ((stored as { rows?: unknown[] }).rows ?? stored) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      review_state: "published",
      created_by: "token:tests",
      created_by_account_id: null,
    });
  });

  it('accepts the server\'s local hand-off secret on the import routes only, as the administrator "cli"', async () => {
    const secret = "local-handoff-secret-for-this-test-only";
    const handoffApp = await buildServer({
      database,
      webFolder: "/nonexistent",
      rateLimit: false,
      uploadsFolder: folder,
      handoffSecret: secret,
    });
    const handoffBase = await handoffApp.listen({ port: 0, host: "127.0.0.1" });
    try {
      const send = (path: string, given: string, body = acled([row("HND1", "Handed over")])) =>
        fetch(`${handoffBase}${path}`, {
          method: "POST",
          headers: { "x-peacetrack-handoff": given, "content-type": "text/csv" },
          body,
        });
      expect((await send("/api/imports?dataset=acled&process=nk-2020", "wrong")).status).toBe(401);
      expect((await send("/api/parties", secret, "{}")).status).toBe(401);
      const accepted = await send("/api/imports?dataset=acled&process=nk-2020", secret);
      expect(accepted.status).toBe(202);
      expect(((await accepted.json()) as ImportRunView).actor).toBe("cli");
      // A server started without a secret (buildServer's default) takes no hand-off at all.
      const plain = await fetch(`${base}/api/imports?dataset=acled&process=nk-2020`, {
        method: "POST",
        headers: { "x-peacetrack-handoff": secret, "content-type": "text/csv" },
        body: acled([row("HND2", "No secret here")]),
      });
      expect(plain.status).toBe(401);
    } finally {
      await handoffApp.close();
    }
  });
});
