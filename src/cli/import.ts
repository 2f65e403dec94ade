import { statSync } from "node:fs";
import { basename } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { type IncidentDataset, incidentDatasets } from "../domain/events.js";
import { readAcledDeletions } from "../ingest/acled-deletions.js";
import { UnreadableFileError } from "../ingest/incident-file.js";
import { openIncidentFile } from "../ingest/open-incident-file.js";
import {
  type ImportOutcome,
  type ImportProgress,
  importAcledDeletions,
  importIncidentFile,
} from "../services/import-incidents.js";
import type { Db } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { openMigrated, say } from "./database.js";
import { handoffSecretOf, importThroughServer, serverHoldingTheFolder } from "./server-handoff.js";

interface ImportCommandOptions {
  process?: string;
  strict?: boolean;
  dryRun?: boolean;
  deletions?: boolean;
  json?: boolean;
}

/** Exit code of a file refused as a whole (strict); 1 is any other failure. */
export const refusedExitCode = 2;

export function registerImportCommand(program: Command) {
  program
    .command("import")
    .description(
      "import an ACLED, UCDP GED or GDELT event file into a process: new rows are created, changed " +
        "ones updated with history, unchanged ones left alone; bad rows are listed and skipped " +
        `(--strict: the whole file is refused, exit code ${refusedExitCode})`,
    )
    .argument("<dataset>", incidentDatasets.join(", "))
    .argument("<file>", "the dataset's CSV (or tab-separated) file, as downloaded")
    .option("--process <id>", "process to import into (default: the only one)")
    .option("--strict", "refuse the whole file, writing nothing, if any row is rejected")
    .option("--dry-run", "do everything, then roll back: report what the import would do")
    .option("--deletions", "the file is ACLED's list of deleted events: delete (tombstone) those incidents")
    .option("--json", "also write the outcome as JSON on standard output")
    .action(importCommand);
}

export async function importCommand(dataset: string, path: string, options: ImportCommandOptions) {
  if (!incidentDatasets.includes(dataset as IncidentDataset))
    throw new Error(`The dataset is one of ${incidentDatasets.join(", ")}, not "${dataset}".`);
  if (options.deletions && dataset !== "acled") throw new Error("--deletions is for ACLED files only.");
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch {
    throw new Error(`No file at ${path}.`);
  }
  let database: Awaited<ReturnType<typeof openMigrated>>;
  try {
    database = await openMigrated();
  } catch (error) {
    // PGlite: a running server holds the folder; the file is handed to it (cli/server-handoff.ts).
    const serverUrl = serverHoldingTheFolder(error);
    if (!serverUrl) throw error;
    return importBesideServer(serverUrl, handoffSecretOf(error), dataset, path, options);
  }
  const progress = progressDisplay(path);
  try {
    const processId = options.process ?? (await theOnlyProcess(database.db));
    const common = {
      processId,
      actor: "cli",
      strict: options.strict,
      dryRun: options.dryRun,
      source: { name: basename(path), path },
      onProgress: progress.update,
    };
    let outcome: ImportOutcome;
    if (options.deletions) {
      outcome = await importAcledDeletions(database.db, readAcledDeletions(path), { ...common, totalBytes });
    } else {
      const file = await openIncidentFile(path, dataset as IncidentDataset, { processId });
      say(`Importing ${basename(path)} (${file.layout}, ${file.encoding}) into ${processId}…`);
      outcome = await importIncidentFile(database.db, file, common);
    }
    progress.stop();
    report(outcome, basename(path), options.deletions === true);
    if (options.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
    if (outcome.state === "refused") process.exitCode = refusedExitCode;
    if (outcome.errorMessage) {
      say(`peacetrack: ${outcome.errorMessage}`);
      process.exitCode = 1;
    }
  } catch (error) {
    progress.stop();
    if (!(error instanceof UnreadableFileError)) throw error;
    say(`peacetrack: ${basename(path)} cannot be imported: ${error.message}`);
    for (const [layout, columns] of Object.entries(error.expected ?? {}))
      say(`  ${layout}: ${columns.join(", ")}`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

async function importBesideServer(
  serverUrl: string,
  handoffSecret: string | undefined,
  dataset: string,
  path: string,
  options: ImportCommandOptions,
) {
  say(`The database is held by the server at ${serverUrl}: the file is handed to it.`);
  const processId = options.process ?? (await theOnlyProcessOnServer(serverUrl));
  const progress = progressDisplay(path);
  const started = Date.now();
  const run = await importThroughServer(
    serverUrl,
    path,
    {
      dataset,
      processId,
      kind: options.deletions ? "deletions" : "incidents",
      strict: options.strict === true,
      dryRun: options.dryRun === true,
      handoffSecret,
    },
    (view) => {
      const elapsedSeconds = (Date.now() - started) / 1000;
      progress.update({
        runId: view.id,
        phase: "importing",
        rowsRead: view.counts.read,
        bytesRead: view.bytesRead,
        totalBytes: view.fileBytes ?? 0,
        rowsPerSecond: elapsedSeconds > 0 ? view.counts.read / elapsedSeconds : 0,
        elapsedSeconds,
        counts: view.counts,
      });
    },
  );
  progress.stop();
  if (run.state === "failed") throw new Error(run.errorMessage ?? `import run ${run.id} failed`);
  const seconds =
    run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : 0;
  const outcome: ImportOutcome = {
    runId: run.id,
    state: run.state === "refused" ? "refused" : "done",
    dryRun: run.dryRun,
    strict: run.strict,
    counts: run.counts,
    rejections: run.rejections,
    seconds,
    rowsPerSecond: seconds > 0 ? run.counts.read / seconds : 0,
  };
  report(outcome, basename(path), options.deletions === true);
  if (options.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
  if (outcome.state === "refused") process.exitCode = refusedExitCode;
}

export async function theOnlyProcessOnServer(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/processes?limit=11`);
  if (!response.ok)
    throw new Error(`The server at ${serverUrl} did not list its processes (${response.status}).`);
  return theOnlyOf(((await response.json()) as { items: { id: string }[] }).items);
}

export async function theOnlyProcess(db: Db): Promise<string> {
  const { items } = await repositories.processes.list(db, { limit: 11 });
  return theOnlyOf(items);
}

function theOnlyOf(items: { id: string }[]): string {
  if (items.length === 1 && items[0]) return items[0].id;
  if (items.length === 0)
    throw new Error("The database holds no process yet: create one (or `peacetrack seed`) first.");
  const ids = items.slice(0, 10).map((item) => item.id);
  throw new Error(
    `The database holds several processes: choose one with --process (${ids.join(", ")}${items.length > 10 ? ", …" : ""}).`,
  );
}

const number = (n: number) => Math.round(n).toLocaleString("en-US");
const duration = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;

/**
 * A live bar on a terminal; elsewhere (a log, CI) a plain line every few seconds. Progress is by bytes,
 * the one measure known in advance; rows and rows/s are shown beside it.
 */
function progressDisplay(path: string) {
  const name = basename(path);
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format: `${name} {bar} {percentage}% | {rows} rows | {speed} rows/s | {eta_formatted} left`,
        hideCursor: true,
        etaBuffer: 40,
        fps: 5,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(p: ImportProgress) {
        const payload = { rows: number(p.rowsRead), speed: number(p.rowsPerSecond) };
        if (!started) {
          bar.start(Math.max(p.totalBytes, 1), 0, payload);
          started = true;
        }
        bar.update(p.bytesRead, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(p: ImportProgress) {
      if (p.elapsedSeconds - last < 5) return;
      last = p.elapsedSeconds;
      const share = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0;
      const left = share > 0 ? (p.elapsedSeconds * (1 - share)) / share : undefined;
      say(
        `  ${p.phase === "checking" ? "checking" : "importing"}: ${number(p.rowsRead)} rows read` +
          (p.totalBytes > 0 ? ` (${Math.round(share * 100)}%)` : "") +
          `, ${number(p.rowsPerSecond)} rows/s` +
          (left !== undefined && share > 0 ? `, about ${duration(left)} left` : ""),
      );
    },
    stop: () => {},
  };
}

const shownRejections = 10;

function report(outcome: ImportOutcome, name: string, deletions: boolean) {
  const { counts } = outcome;
  const how =
    outcome.state === "refused"
      ? "REFUSED (nothing written)"
      : outcome.dryRun
        ? "dry run (nothing written)"
        : "done";
  say(`${name}: ${how} in ${duration(outcome.seconds)}, ${number(outcome.rowsPerSecond)} rows/s`);
  const lines: [string, number][] = [
    ["read", counts.read],
    ["created", counts.created],
    ["updated", counts.updated],
    ["unchanged", counts.unchanged],
  ];
  if (counts.keptDeleted > 0) lines.push(["deleted earlier, left deleted", counts.keptDeleted]);
  if (deletions) lines.push(["deleted", counts.deleted]);
  lines.push(["rejected", counts.rejected]);
  for (const [label, value] of lines) say(`  ${label.padEnd(30)} ${number(value).padStart(12)}`);
  for (const rejection of outcome.rejections.slice(0, shownRejections))
    say(`  line ${rejection.line}: ${rejection.reason}`);
  if (counts.rejected > shownRejections)
    say(`  … and ${number(counts.rejected - shownRejections)} more (import run ${outcome.runId})`);
  if (outcome.state === "refused")
    say("The file was refused: with --strict, one rejected row refuses it all.");
}
