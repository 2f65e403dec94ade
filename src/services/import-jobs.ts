import { existsSync, mkdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import type { IncidentDataset } from "../domain/events.js";
import { readAcledDeletions } from "../ingest/acled-deletions.js";
import { openIncidentFile } from "../ingest/open-incident-file.js";
import type { Db } from "../store/database.js";
import { ConflictError } from "../store/errors.js";
import { importRuns } from "../store/schema.js";
import { importAcledDeletions, importIncidentFile } from "./import-incidents.js";
import { finishImportRun, getImportRun, type ImportRun, noCounts } from "./import-runs.js";

/**
 * Imports uploaded to the server run as background jobs. The job is the import run's own row: it is
 * queued with the uploaded file kept on disk, taken by one server process at a time (starting a run is
 * an atomic queued → running move), and kept alive by a heartbeat. A run whose process died (a crash, a
 * restart) is found by its stale heartbeat: queued again when its file is still there (re-importing is
 * safe: unchanged rows are left alone), marked failed with the reason when it is not. So a restart
 * resumes imports or says why it could not, never leaves one "running" for ever.
 *
 * Why not a job-queue library (pg-boss, graphile-worker): the run row already is the durable,
 * user-visible state; a second schema of job tables would duplicate it, and pg-boss needs its own
 * connection adapter on PGlite. One table, one atomic claim and a heartbeat cover what imports need.
 */

const heartbeatMs = 5_000;
const staleAfterMs = 60_000;
const thisWorker = `${hostname()}:${process.pid}`;

export interface ImportJobs {
  /** Where uploads are kept until their run is done. */
  uploadsFolder: string;
  uploadPath(runId: string): string;
  /** Looks for queued runs now (after an upload). */
  wake(): void;
  close(): Promise<void>;
}

export interface ImportJobOptions {
  uploadsFolder: string;
  log?: (message: string, error?: unknown) => void;
  /** How often to look for runs whose worker died (default every 30 s). */
  recoveryIntervalMs?: number;
}

export function startImportJobs(db: Db, options: ImportJobOptions): ImportJobs {
  mkdirSync(options.uploadsFolder, { recursive: true });
  const uploadPath = (runId: string) => join(options.uploadsFolder, `${runId}.upload`);
  const log = options.log ?? (() => {});
  let busy = false;
  let closed = false;
  let current: Promise<void> = Promise.resolve();

  const drain = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      for (let run = await nextQueued(db); run && !closed; run = await nextQueued(db))
        await carryOut(db, run, uploadPath(run.id), log);
    } catch (error) {
      log("import jobs: could not look for queued runs", error);
    } finally {
      busy = false;
    }
  };
  const wake = () => {
    current = current.then(drain);
  };
  const recover = async () => {
    try {
      await recoverInterrupted(db, uploadPath);
    } catch (error) {
      log("import jobs: could not recover interrupted runs", error);
    }
    wake();
  };
  void recover();
  const timer = setInterval(recover, options.recoveryIntervalMs ?? 30_000);
  timer.unref();
  return {
    uploadsFolder: options.uploadsFolder,
    uploadPath,
    wake,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await current;
    },
  };
}

async function nextQueued(db: Db): Promise<ImportRun | undefined> {
  const [row] = await db
    .select({ id: importRuns.id })
    .from(importRuns)
    .where(eq(importRuns.state, "queued"))
    .orderBy(asc(importRuns.queuedAt))
    .limit(1);
  return row ? getImportRun(db, row.id) : undefined;
}

/** Marks a run as carried out by this process until the returned stop() is called. */
export function keepRunAlive(db: Db, runId: string, log: (m: string, e?: unknown) => void = () => {}) {
  const beat = () =>
    db
      .update(importRuns)
      .set({ worker: thisWorker, heartbeatAt: sql`now()` })
      .where(eq(importRuns.id, runId))
      .then(() => undefined)
      .catch((error: unknown) => log(`import ${runId}: heartbeat failed`, error));
  const timer = setInterval(beat, heartbeatMs);
  timer.unref();
  return { first: beat(), stop: () => clearInterval(timer) };
}

/** Runs one queued import from its uploaded file; another process may have taken it first. */
async function carryOut(db: Db, run: ImportRun, path: string, log: (m: string, e?: unknown) => void) {
  const alive = keepRunAlive(db, run.id, log);
  try {
    await alive.first;
    const options = {
      processId: run.processId,
      actor: run.actor,
      strict: run.strict,
      dryRun: run.dryRun,
      runId: run.id,
      source: { name: run.fileName, path },
    };
    if (run.kind === "deletions") await importAcledDeletions(db, readAcledDeletions(path), options);
    else await importIncidentFile(db, await openIncidentFile(path, run.dataset, options), options);
    log(`import ${run.id} (${run.fileName}): finished`);
  } catch (error) {
    if (error instanceof ConflictError) return; // another server process started it first
    log(`import ${run.id} (${run.fileName}) failed`, error);
    await failRun(db, run, error instanceof Error ? error.message : String(error));
  } finally {
    alive.stop();
    const after = await getImportRun(db, run.id).catch(() => undefined);
    if (after && after.state !== "queued" && after.state !== "running") rmSync(path, { force: true });
  }
}

async function failRun(db: Db, run: ImportRun, message: string) {
  const now = await getImportRun(db, run.id);
  if (now && (now.state === "done" || now.state === "refused" || now.state === "failed")) return;
  await finishImportRun(db, run.id, {
    state: "failed",
    counts: now?.counts ?? noCounts(),
    bytesRead: now?.bytesRead ?? 0,
    rejections: now?.rejections ?? [],
    errorMessage: message,
  });
}

/**
 * Runs left "running" by a process that is gone: one on this machine whose process no longer exists
 * (a restart after a crash finds its own runs at once), or any whose heartbeat stopped a minute ago.
 * Each is queued again when its uploaded file is still there, or failed with the reason.
 */
export async function recoverInterrupted(db: Db, uploadPath: (runId: string) => string) {
  const running = await db
    .select({ id: importRuns.id, worker: importRuns.worker, heartbeatAt: importRuns.heartbeatAt })
    .from(importRuns)
    .where(eq(importRuns.state, "running"));
  const now = Date.now();
  for (const { id, worker, heartbeatAt } of running) {
    const beatAgo = heartbeatAt
      ? now - Date.parse(heartbeatAt.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"))
      : Infinity;
    // Only runs carried out with a heartbeat can be judged; this process's own are alive.
    if (!worker || worker === thisWorker) continue;
    if (!workerIsGone(worker) && beatAgo < staleAfterMs) continue;
    const run = await getImportRun(db, id);
    if (!run) continue;
    if (existsSync(uploadPath(id))) {
      await db
        .update(importRuns)
        .set({ state: "queued", startedAt: null, worker: null, heartbeatAt: null })
        .where(and(eq(importRuns.id, id), eq(importRuns.state, "running")));
    } else {
      await failRun(
        db,
        run,
        "Interrupted: the server stopped during this import and its uploaded file is gone. Import the file again; unchanged rows are left as they are.",
      );
    }
  }
}

/** A worker named "host:pid" on this machine whose process no longer exists. */
function workerIsGone(worker: string | null): boolean {
  if (!worker) return false;
  const [host, pid] = worker.split(":");
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export interface Upload {
  processId: string;
  dataset: IncidentDataset;
  kind: "incidents" | "deletions";
  fileName: string;
  actor: string;
  strict: boolean;
  dryRun: boolean;
}
