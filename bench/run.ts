import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { anonymous } from "../src/domain/actor.js";
import { complianceIndex, scoringData } from "../src/services/compliance.js";
import { type Database, openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { type NewRecord, repositories } from "../src/store/repository.js";
import { freePort, waitForHealth } from "../src/test-support/net.js";
import { findPostgresBin, startPostgresCluster } from "../src/test-support/postgres-cluster.js";
import { benchAgreementPage } from "./agreement-page.bench.js";
import { benchCompliance } from "./compliance.bench.js";
import { benchExtraction } from "./extraction.bench.js";
import { benchImport } from "./import.bench.js";
import { benchIncidentList } from "./incidents.bench.js";
import { benchIntake } from "./intake.bench.js";
import { benchMap } from "./map.bench.js";
import { benchSearch } from "./search.bench.js";
import { benchFirstPage, benchWebBundle } from "./web.bench.js";

const root = join(import.meta.dirname, "..");
const results: { target: string; measure: string; value: string }[] = [];
const record = (target: string, measure: string, value: string) => {
  results.push({ target, measure, value });
  console.error(`  ${target.padEnd(11)} ${measure.padEnd(58)} ${value}`);
};

/** Milliseconds from spawning `peacetrack serve` to the first answered GET /api/health. */
async function timeToFirstAnswer(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const start = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "bin/peacetrack.js"), "serve", "--port", String(port), "--host", "127.0.0.1"],
    {
      env: { ...process.env, ...env },
      stdio: "ignore",
    },
  );
  try {
    await waitForHealth(port, { timeoutMs: 120_000, intervalMs: 20 });
    return performance.now() - start;
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
}

/** Milliseconds from restarting `peacetrack serve` right after a kill -9 to its first answer. */
async function timeToFirstAnswerAfterKill(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, "bin/peacetrack.js"), "serve", "--port", String(port), "--host", "127.0.0.1"],
    { env: { ...process.env, ...env }, stdio: "ignore" },
  );
  await waitForHealth(port, { timeoutMs: 120_000, intervalMs: 20 });
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  return timeToFirstAnswer(env);
}

const incident = (i: number): NewRecord<"incidents"> => ({
  processId: "bench",
  title: `Synthetic incident ${i}`,
  monitoringType: "ceasefire_violation",
  startDate: `20${10 + (i % 14)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
  startPrecision: "day",
  ongoing: false,
  locationDescription: "",
  geoPrecision: 2,
  actors: [],
  description: "Generated for the benchmark.",
  allegedBreaches: [],
  civilianTargeting: false,
  tags: [],
  licence: "own",
  allegedByPartyIds: ["bench-a"],
  verificationStatus: "reported",
  externalIds: {},
  sources: [],
});

async function prepareBenchProcess(database: Database) {
  await repositories.processes.create(
    database.db,
    { id: "bench", name: "Benchmark", slug: "bench", description: "", isDemonstration: false, sources: [] },
    "bench",
  );
  await repositories.parties.insertMany(
    database.db,
    ["bench-a", "bench-b", "bench-c", "bench-d", "bench-e"].map((id) => ({
      id,
      processId: "bench",
      kind: "state" as const,
      shortName: id,
      names: [{ text: id, lang: "en", usedBy: [] }],
      description: "",
      memberPartyIds: [],
      sources: [],
    })),
    "bench",
  );
}

async function benchBulkInsert(target: string, database: Database) {
  const rows = Array.from({ length: 20_000 }, (_, i) => incident(i));
  const start = performance.now();
  await repositories.incidents.insertMany(database.db, rows, "bench", { chunkSize: 1000 });
  const seconds = (performance.now() - start) / 1000;
  record(
    target,
    "bulk insert, 20,000 incidents (with their events)",
    `${Math.round(rows.length / seconds)} rows/s`,
  );
}

/** 10,000 commitments × 120 monthly assessments written straight in SQL, then scored through the service. */
async function benchComplianceOnDatabase(target: string, database: Database) {
  const fillStart = performance.now();
  await database.db.execute(sql`
    INSERT INTO commitments (id, created_by, updated_by, process_id, title, obligor_party_ids, action, categories, deadline)
    SELECT 'bc' || n, 'bench', 'bench', 'bench', 'Commitment ' || n, jsonb_build_array('bench-' || chr(97 + n % 5)),
           'act', jsonb_build_array((ARRAY['ceasefire','withdrawal','movement_corridor'])[1 + n % 3]),
           CASE WHEN n % 3 = 0 THEN '{"kind":"absolute","date":"2015-06-30"}'::jsonb ELSE '{"kind":"none"}'::jsonb END
    FROM generate_series(0, 9999) AS n`);
  await database.db.execute(sql`
    INSERT INTO assessments (id, created_by, updated_by, commitment_id, party_id, as_of, level, rationale, assessor)
    SELECT 'ba' || n || '-' || m, 'bench', 'bench', 'bc' || n, 'bench-' || chr(97 + n % 5),
           (date '2010-01-01' + (m || ' months')::interval)::date, (n * 7 + m * 13) % 4, 'synthetic', 'bench'
    FROM generate_series(0, 9999) AS n, generate_series(0, 119) AS m`);
  record(
    target,
    "fill 10,000 commitments × 120 assessments (SQL)",
    `${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
  );
  let start = performance.now();
  await scoringData(database.db, "bench");
  record(
    target,
    "compliance: load 1.2M assessments + build index (cold)",
    `${(performance.now() - start).toFixed(0)} ms`,
  );
  start = performance.now();
  const result = await complianceIndex(database.db, anonymous, {
    processId: "bench",
    asOf: "2015-12-31",
    groupBy: "party",
  });
  record(
    target,
    `compliance: GET /api/compliance path, cached (${result.groups.length} groups)`,
    `${(performance.now() - start).toFixed(1)} ms`,
  );
}

async function benchDatabase(target: string, open: () => Promise<Database>) {
  const database = await open();
  try {
    await migrate(database.db);
    await prepareBenchProcess(database);
    await benchBulkInsert(target, database);
    await benchComplianceOnDatabase(target, database);
  } finally {
    await database.close();
  }
}

/** `peacetrack import` of a generated ACLED file against a raw COPY of it (bench/import.bench.ts). */
async function benchImportPglite(folder: string) {
  const dataDir = join(folder, "import-data");
  await benchImport(record, "PGlite", folder, { PEACETRACK_DATA: dataDir, DATABASE_URL: "" }, () =>
    openDatabase({ dataDir }),
  );
}
async function benchImportPostgres(folder: string, databaseUrl: string) {
  await benchImport(record, "PostgreSQL", folder, { DATABASE_URL: databaseUrl }, () =>
    openDatabase({ databaseUrl }),
  );
}

async function main() {
  console.error("Peacetrack benchmark (figures vary with the machine; nothing here is asserted)\n");
  for (const row of benchCompliance()) record("pure", row.label, `${row.ms.toFixed(1)} ms`);
  benchExtraction(record);
  await benchWebBundle(record);

  const folder = mkdtempSync(join(tmpdir(), "peacetrack-bench-"));
  try {
    const dataDir = join(folder, "data");
    record(
      "PGlite",
      "serve → first answer, fresh folder (migrate + demo seed)",
      `${(await timeToFirstAnswer({ PEACETRACK_DATA: dataDir, DATABASE_URL: "" })).toFixed(0)} ms`,
    );
    record(
      "PGlite",
      "serve → first answer, existing folder",
      `${(await timeToFirstAnswer({ PEACETRACK_DATA: dataDir, DATABASE_URL: "" })).toFixed(0)} ms`,
    );
    record(
      "PGlite",
      "restart after kill -9 → first answer",
      `${(await timeToFirstAnswerAfterKill({ PEACETRACK_DATA: dataDir, DATABASE_URL: "" })).toFixed(0)} ms`,
    );
    await benchFirstPage(record);
    await benchAgreementPage(record);
    await benchDatabase("PGlite", () => openDatabase({ dataDir: "memory://" }));
    // 200,000 on PGlite (not 1,000,000): the embedded engine fills and scans 2–3× slower, in memory.
    await benchIncidentList("PGlite", () => openDatabase({ dataDir: "memory://" }), 200_000, record);
    await benchImportPglite(folder);
    await benchMap(record);
    await benchIntake(record, "PGlite", () => openDatabase({ dataDir: "memory://" }));
    await benchSearch("PGlite", () => openDatabase({ dataDir: "memory://" }), 100_000, record);

    const bin = process.env.DATABASE_URL ? undefined : findPostgresBin();
    const cluster = bin ? await startPostgresCluster(bin) : undefined;
    const serverUrl = process.env.DATABASE_URL || cluster?.url;
    if (!serverUrl) {
      console.error("\n⚠ PostgreSQL skipped: no server binaries and DATABASE_URL unset.");
    } else {
      try {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query("CREATE DATABASE bench_serve");
        await admin.query("CREATE DATABASE bench_data");
        await admin.query("CREATE DATABASE bench_incidents");
        await admin.query("CREATE DATABASE bench_import");
        await admin.query("CREATE DATABASE bench_intake");
        await admin.query("CREATE DATABASE bench_search");
        await admin.end();
        const url = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
        record(
          "PostgreSQL",
          "serve → first answer, empty database (migrate + demo seed)",
          `${(await timeToFirstAnswer({ DATABASE_URL: url("bench_serve") })).toFixed(0)} ms`,
        );
        record(
          "PostgreSQL",
          "serve → first answer, existing database",
          `${(await timeToFirstAnswer({ DATABASE_URL: url("bench_serve") })).toFixed(0)} ms`,
        );
        await benchDatabase("PostgreSQL", () => openDatabase({ databaseUrl: url("bench_data") }));
        await benchIncidentList(
          "PostgreSQL",
          () => openDatabase({ databaseUrl: url("bench_incidents") }),
          1_000_000,
          record,
          url("bench_incidents"),
        );
        await benchImportPostgres(folder, url("bench_import"));
        await benchIntake(record, "PostgreSQL", () => openDatabase({ databaseUrl: url("bench_intake") }));
        await benchSearch(
          "PostgreSQL",
          () => openDatabase({ databaseUrl: url("bench_search") }),
          100_000,
          record,
        );
      } finally {
        cluster?.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  console.log("\n| target | measure | result |\n| --- | --- | --- |");
  for (const row of results) console.log(`| ${row.target} | ${row.measure} | ${row.value} |`);
}

await main();
