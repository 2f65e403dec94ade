import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished, pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { acledCurrentColumns } from "../src/ingest/acled-columns.js";
import { generateAcledCsv } from "../src/ingest/fixtures/generate.js";
import type { ImportOutcome } from "../src/services/import-incidents.js";
import { type Database, openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { repositories } from "../src/store/repository.js";
import { runToEnd } from "../src/test-support/child-process.js";

/**
 * The incident import (issue #7) measured end to end: `peacetrack import acled FILE` run as a child
 * process on a generated current-layout ACLED file, against a raw COPY of the same file into a bare
 * table of the file's columns on the same database (the ceiling), then again on the unchanged file.
 * Peak memory is the importing process's own (for PGlite that includes the database, which runs
 * inside it).
 */

type Recorder = (target: string, measure: string, value: string) => void;
const root = join(import.meta.dirname, "..");
const rowCount = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Rows imported per target; PGlite is single-threaded WebAssembly and gets fewer by default. */
export const importRows = {
  postgres: rowCount("PEACETRACK_BENCH_IMPORT_ROWS", 1_000_000),
  pglite: rowCount("PEACETRACK_BENCH_IMPORT_PGLITE_ROWS", 100_000),
};

const columnTypes: Partial<Record<string, string>> = {
  event_date: "date",
  year: "integer",
  time_precision: "integer",
  iso: "integer",
  latitude: "double precision",
  longitude: "double precision",
  geo_precision: "integer",
  fatalities: "integer",
  timestamp: "bigint",
};
const bareTable = `CREATE TABLE acled_copy_baseline (${acledCurrentColumns
  .map((column) => `"${column}" ${columnTypes[column] ?? "text"}`)
  .join(", ")})`;

/** Seconds for COPY of the whole file into a bare table of its columns (no index, no constraint). */
async function rawCopySeconds(target: { url?: string; database?: Database }, path: string) {
  if (target.url) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(bareTable);
      const copy = client.query(
        copyFrom("COPY acled_copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)"),
      );
      const started = performance.now();
      await pipeline(createReadStream(path), copy);
      await finished(copy);
      return (performance.now() - started) / 1000;
    } finally {
      await client.query("DROP TABLE IF EXISTS acled_copy_baseline");
      await client.end();
    }
  }
  const database = target.database as Database;
  const client = (database.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
  await client.exec(bareTable);
  const blob = new Blob([readFileSync(path)]);
  const started = performance.now();
  await client.query("COPY acled_copy_baseline FROM '/dev/blob' WITH (FORMAT csv, HEADER true)", [], {
    blob,
  });
  const seconds = (performance.now() - started) / 1000;
  await client.exec("DROP TABLE acled_copy_baseline");
  return seconds;
}

const peakMarker = "peak-rss-kb ";
const reportPeak = `data:text/javascript,process.on("exit",()=>process.stderr.write("${peakMarker}"+process.resourceUsage().maxRSS+"\\n"))`;

/** Runs `peacetrack import acled FILE --json` in a child process: its outcome, wall time and peak RSS. */
async function importInChild(env: NodeJS.ProcessEnv, path: string) {
  const start = performance.now();
  const args = ["--import", reportPeak, join(root, "bin/peacetrack.js"), "import", "acled", path];
  const { status, stdout, stderr } = await runToEnd(
    process.execPath,
    [...args, "--process", "bench-import", "--json"],
    { ...process.env, ...env },
  );
  const peak = stderr.split("\n").find((line) => line.startsWith(peakMarker));
  if (status !== 0 || !peak) throw new Error(`import exited ${status}: ${stderr.slice(-2000)}`);
  return {
    outcome: JSON.parse(stdout.trim().split("\n").at(-1) as string) as ImportOutcome,
    wallSeconds: (performance.now() - start) / 1000,
    peakMiB: Number(peak.slice(peakMarker.length)) / 1024,
  };
}

async function prepare(database: Database) {
  await migrate(database.db);
  await repositories.processes.create(
    database.db,
    {
      id: "bench-import",
      name: "Import benchmark",
      slug: "bench-import",
      description: "",
      isDemonstration: false,
      sources: [],
    },
    "bench",
  );
}

const rate = (rows: number, seconds: number) =>
  `${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`;

/**
 * `env` points the child at the database (DATABASE_URL, or PEACETRACK_DATA with DATABASE_URL empty);
 * `open` opens the same database here, to prepare it and to run the raw COPY.
 */
export async function benchImport(
  record: Recorder,
  target: "PGlite" | "PostgreSQL",
  folder: string,
  env: NodeJS.ProcessEnv,
  open: () => Promise<Database>,
) {
  const rows = target === "PGlite" ? importRows.pglite : importRows.postgres;
  const label = `${rows.toLocaleString("en-US")}-row ACLED file`;
  const path = join(folder, `acled-${rows}.csv`);
  try {
    statSync(path);
  } catch {
    await generateAcledCsv(path, rows, 20_260_101);
  }
  const database = await open();
  let copySeconds: number;
  try {
    await prepare(database);
    copySeconds = await rawCopySeconds(
      target === "PostgreSQL" ? { url: env.DATABASE_URL } : { database },
      path,
    );
  } finally {
    await database.close();
  }
  record(target, `raw COPY of the ${label} into a bare table`, rate(rows, copySeconds));
  const first = await importInChild(env, path);
  const { counts } = first.outcome;
  if (counts.created !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(counts)}`);
  record(target, `import ${label} (COPY-staged upsert + events)`, rate(rows, first.outcome.seconds));
  record(
    target,
    "  … as a share of the raw COPY (target ≥ 0.5 on PostgreSQL)",
    (copySeconds / first.outcome.seconds).toFixed(2),
  );
  record(target, "  … wall time of the command, start to exit", `${first.wallSeconds.toFixed(1)} s`);
  record(target, "  … peak RSS of the importing process", `${Math.round(first.peakMiB)} MiB`);
  const again = await importInChild(env, path);
  if (again.outcome.counts.unchanged !== rows)
    throw new Error(`re-import: ${JSON.stringify(again.outcome.counts)}`);
  record(
    target,
    `re-import of the same file (all unchanged)`,
    `${again.outcome.seconds.toFixed(1)} s, ${rate(rows, again.outcome.seconds)}`,
  );
  const check = await open();
  try {
    await tableCeiling(record, target, check, Math.min(rows, 50_000));
  } finally {
    await check.close();
  }
}

/**
 * Where the import's time goes: the imported rows copied by one INSERT … SELECT into a twin of the
 * incidents table with all its indexes, and into one with none. No import into `incidents` can be
 * faster than the first; the gap to the second is what the table's indexes cost.
 */
async function tableCeiling(record: Recorder, target: string, database: Database, sample: number) {
  const run = (text: string) => database.db.execute(sql.raw(text));
  const timed = async (twin: string) => {
    const start = performance.now();
    await run(
      `INSERT INTO ${twin} SELECT * FROM incidents WHERE process_id = 'bench-import' LIMIT ${sample}`,
    );
    return (performance.now() - start) / 1000;
  };
  await run("CREATE TABLE incidents_twin (LIKE incidents INCLUDING DEFAULTS INCLUDING INDEXES)");
  await run("CREATE TABLE incidents_bare (LIKE incidents)");
  try {
    const indexes = (await database.db.execute(
      sql`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'incidents'`,
    )) as unknown as { rows: { n: number }[] };
    const withIndexes = await timed("incidents_twin");
    const bare = await timed("incidents_bare");
    record(
      target,
      `  ceiling: INSERT … SELECT into a twin of incidents (${indexes.rows[0]?.n} indexes)`,
      rate(sample, withIndexes),
    );
    record(target, "  … the same into a twin without indexes", rate(sample, bare));
  } finally {
    await run("DROP TABLE incidents_twin");
    await run("DROP TABLE incidents_bare");
  }
}

/**
 * `tsx bench/import.bench.ts [postgres-url]` runs this benchmark alone: on PGlite in a temporary
 * folder, and on PostgreSQL when a server address is given (a database `bench_import` is made on it).
 */
async function main() {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-import-bench-"));
  const record: Recorder = (target, measure, value) =>
    console.error(`  ${target.padEnd(11)} ${measure.padEnd(62)} ${value}`);
  try {
    const serverUrl = process.argv[2];
    if (serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query("DROP DATABASE IF EXISTS bench_import WITH (FORCE)");
      await admin.query("CREATE DATABASE bench_import");
      await admin.end();
      const databaseUrl = Object.assign(new URL(serverUrl), { pathname: "/bench_import" }).toString();
      await benchImport(record, "PostgreSQL", folder, { DATABASE_URL: databaseUrl }, () =>
        openDatabase({ databaseUrl }),
      );
    }
    if (process.env.PEACETRACK_BENCH_IMPORT_PGLITE_ROWS !== "0") {
      const dataDir = join(folder, "data");
      await benchImport(record, "PGlite", folder, { PEACETRACK_DATA: dataDir, DATABASE_URL: "" }, () =>
        openDatabase({ dataDir }),
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
