import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { IncidentDataset } from "../domain/events.js";
import type { AcledDeletion } from "../ingest/acled-deletions.js";
import type { IncidentFile, RejectedRow } from "../ingest/incident-file.js";
import { type BulkConnection, type BulkQueries, openBulkConnection } from "../store/bulk-connection.js";
import type { Db } from "../store/database.js";
import { NotFoundError } from "../store/errors.js";
import {
  existingIds,
  processExists,
  tombstoneIncidents,
  writeIncidentBatch,
} from "../store/incident-import.js";
import { type StagedRow, stagedBatches } from "./import-rows.js";
import {
  createImportRun,
  finishImportRun,
  type ImportCounts,
  noCounts,
  type Rejection,
  recordImportProgress,
  startImportRun,
} from "./import-runs.js";

export { getImportRun, type ImportCounts, type ImportRun, listImportRuns } from "./import-runs.js";

/**
 * Importing an event-data file (ACLED, UCDP GED, GDELT) into a process, for the CLI and the server
 * alike (nothing here knows of HTTP). Rows are read streamingly in batches; each batch is COPYed into
 * a staging table and written by a few set-wise statements (store/incident-import.ts), never through
 * the single-record save path. The JavaScript side prepares the next batch while the database writes
 * the last one.
 *
 * The rule for bad rows: valid rows are kept and the invalid ones listed (line and reason; the first
 * `maxRejectionsKept` in full, the rest counted). Each batch commits on its own, so an import that
 * fails half-way (the database went away) keeps the batches before; importing the file again is safe,
 * those rows are then unchanged. `strict: true` refuses the whole file when any row is rejected: all
 * batches run in one transaction that is rolled back at the first rejection, after which the rest of
 * the file is still read, without writing, so the report lists every bad row (except references to
 * records that do not exist, which are checked only while writing). `dryRun: true` does everything in
 * one transaction and rolls it back: the counts say what the import would do. On PGlite one
 * transaction holds the database for its length; the server's other requests wait until it ends.
 */

export interface ImportOptions {
  processId: string;
  /** Who the records' history names; default "import". */
  actor?: string;
  strict?: boolean;
  dryRun?: boolean;
  /** Staged rows per batch (default 5,000). */
  batchSize?: number;
  /** The file's name for the run record; with `path`, its SHA-256 is computed while it is imported. */
  source?: { name: string; path?: string; sha256?: string };
  /** A run queued earlier (createImportRun) that this import carries out. */
  runId?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** How often the run record is updated while the import runs (default 2 s). */
  progressIntervalMs?: number;
  maxRejectionsKept?: number;
}

export interface ImportProgress {
  runId: string;
  /** "checking": a strict import was refused and the rest of the file is read for its bad rows. */
  phase: "importing" | "checking";
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  rowsPerSecond: number;
  elapsedSeconds: number;
  counts: ImportCounts;
}

export interface ImportOutcome {
  runId: string;
  /** "failed": the file could not be read to its end (`errorMessage` says where). */
  state: "done" | "refused" | "failed";
  errorMessage?: string;
  dryRun: boolean;
  strict: boolean;
  counts: ImportCounts;
  /** The first rejections in full; `counts.rejected` counts them all. */
  rejections: Rejection[];
  seconds: number;
  rowsPerSecond: number;
}

export { createImportRun } from "./import-runs.js";

export function importIncidentFile(
  db: Db,
  file: IncidentFile,
  options: ImportOptions,
): Promise<ImportOutcome> {
  return runImport(db, file, "incidents", options, {
    batches: (size) => stagedBatches(file, options.processId, size),
    write: (q, batch, context) => writeIncidents(q, batch.rows, context),
  });
}

/**
 * Tombstones the incidents an ACLED deletions file names (each with its "deleted" event); the rows
 * come from `readAcledDeletions(path)`. Named incidents that are not there, or already deleted, count
 * as unchanged.
 */
export function importAcledDeletions(
  db: Db,
  deletions: AsyncIterable<AcledDeletion | RejectedRow>,
  options: ImportOptions & { totalBytes?: number },
): Promise<ImportOutcome> {
  const file = {
    dataset: "acled" as const,
    layout: "acled-deletions",
    encoding: "utf-8",
    totalBytes: options.totalBytes ?? 0,
    bytesRead: () => 0,
  };
  return runImport(db, file, "deletions", options, {
    batches: (size) => deletionBatches(deletions, size),
    write: async (q, batch, context) => {
      const deleted = await tombstoneIncidents(q, { ...context, externalIds: batch.rows });
      return { ...noCounts(), deleted, unchanged: batch.rows.length - deleted };
    },
  });
}

interface WriteContext {
  processId: string;
  dataset: IncidentDataset;
  actor: string;
}
/** What one batch did once committed; `rejected` and `rejections` are the rows the database refused. */
type Written = ImportCounts & { rejections: Rejection[] };
interface Steps<B extends { read: number; rejections: Rejection[] }> {
  batches(size: number): AsyncGenerator<B>;
  write(q: BulkQueries, batch: B, context: WriteContext): Promise<Written | ImportCounts>;
}

/** Thrown inside the one transaction of a strict import to roll it back. */
class Refused extends Error {}

async function runImport<B extends { read: number; rejections: Rejection[] }>(
  db: Db,
  file: {
    dataset: IncidentDataset;
    layout: string;
    encoding: string;
    totalBytes: number;
    bytesRead(): number;
  },
  kind: "incidents" | "deletions",
  options: ImportOptions,
  steps: Steps<B>,
): Promise<ImportOutcome> {
  const { processId, strict = false, dryRun = false } = options;
  const context: WriteContext = { processId, dataset: file.dataset, actor: options.actor ?? "import" };
  const runId =
    options.runId ??
    (
      await createImportRun(db, {
        processId,
        dataset: file.dataset,
        kind,
        fileName: options.source?.name ?? "(unnamed)",
        fileBytes: file.totalBytes,
        actor: context.actor,
        dryRun,
        strict,
      })
    ).id;
  // A queued run's record is brought in line with what is carried out.
  await startImportRun(db, runId, {
    layout: file.layout,
    encoding: file.encoding,
    fileBytes: file.totalBytes,
    dryRun,
    strict,
  });
  const fileSha256 = digestOf(options.source);
  const started = performance.now();
  const counts = noCounts();
  const rejections: Rejection[] = [];
  const keep = options.maxRejectionsKept ?? 1000;
  // A row past which the reader could not go (a quote that never closes): the run must say so.
  let stoppedAt: Rejection | undefined;
  const reject = (list: readonly (Rejection & { stopsReading?: true })[]) => {
    counts.rejected += list.length;
    for (const { stopsReading, ...rejection } of list) {
      if (stopsReading) stoppedAt ??= rejection;
      if (rejections.length < keep) rejections.push(rejection);
    }
  };
  const apply = (written: Written | ImportCounts) => {
    for (const key of ["created", "updated", "unchanged", "keptDeleted", "deleted"] as const)
      counts[key] += written[key];
    if ("rejections" in written) reject(written.rejections);
  };
  let phase: ImportProgress["phase"] = "importing";
  let lastRecorded = performance.now();
  const progress = async (recordInDatabase: boolean) => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    options.onProgress?.({
      runId,
      phase,
      rowsRead: counts.read,
      bytesRead: file.bytesRead(),
      totalBytes: file.totalBytes,
      rowsPerSecond: elapsedSeconds > 0 ? counts.read / elapsedSeconds : 0,
      elapsedSeconds,
      counts: { ...counts },
    });
    if (recordInDatabase && performance.now() - lastRecorded >= (options.progressIntervalMs ?? 2000)) {
      lastRecorded = performance.now();
      await recordImportProgress(db, runId, counts, file.bytesRead());
    }
  };

  let connection: BulkConnection | undefined;
  const batches = steps.batches(options.batchSize ?? 5000);
  try {
    connection = await openBulkConnection(db);
    const bulk = connection;
    const took = (batch: B) => {
      counts.read += batch.read;
      reject(batch.rejections);
    };
    const lockProcess = async (q: BulkQueries) => {
      if (!(await processExists(q, processId))) throw new NotFoundError("processes", processId);
    };
    let refused = false;
    if (strict || dryRun) {
      // One transaction for the whole file; a deadlock cannot be retried from a stream read once.
      // PGlite has one connection and this transaction holds it: the run record waits for the end.
      const recordInDatabase = bulk.kind === "postgres";
      try {
        await bulk.transaction(
          async (q) => {
            await lockProcess(q);
            for (let next = await batches.next(); !next.done; next = await batches.next()) {
              took(next.value);
              if (strict && counts.rejected > 0) throw new Refused();
              apply(await steps.write(q, next.value, context));
              if (strict && counts.rejected > 0) throw new Refused();
              await progress(recordInDatabase);
            }
          },
          { rollback: dryRun, attempts: 1 },
        );
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        refused = true;
      }
      if (refused) {
        phase = "checking";
        for (let next = await batches.next(); !next.done; next = await batches.next()) {
          took(next.value);
          await progress(true);
        }
        Object.assign(counts, { ...noCounts(), read: counts.read, rejected: counts.rejected });
      }
    } else {
      // Each batch in its own transaction, retried as a whole on a deadlock; the next batch is read
      // and prepared while this one is written.
      let pending: Promise<void> | undefined;
      for (let next = await batches.next(); !next.done; next = await batches.next()) {
        took(next.value);
        if (pending) await pending;
        const batch = next.value;
        pending = bulk
          .transaction(async (q) => {
            await lockProcess(q);
            return steps.write(q, batch, context);
          })
          .then((written) => {
            apply(written);
            return progress(true);
          });
        // Awaited at the next batch or below; this keeps a failure meanwhile from counting as unhandled.
        pending.catch(() => {});
      }
      await pending;
    }
    // A file not read to its end is not "done", even when every row read was taken.
    const state = refused ? "refused" : stoppedAt ? "failed" : "done";
    const errorMessage =
      stoppedAt && !refused
        ? `Reading stopped at line ${stoppedAt.line} (${stoppedAt.reason}); the rest of the file was not read. The rows before it were imported${dryRun ? " (dry run: nothing written)" : ""}; mend the file and import it again (unchanged rows are left as they are).`
        : undefined;
    await progress(false);
    const seconds = (performance.now() - started) / 1000;
    await finishImportRun(db, runId, {
      state,
      counts,
      bytesRead: file.bytesRead(),
      rejections,
      fileSha256: await fileSha256,
      errorMessage,
    });
    return {
      runId,
      state,
      ...(errorMessage ? { errorMessage } : {}),
      dryRun,
      strict,
      counts,
      rejections,
      seconds,
      rowsPerSecond: seconds > 0 ? counts.read / seconds : 0,
    };
  } catch (error) {
    await finishImportRun(db, runId, {
      state: "failed",
      counts,
      bytesRead: file.bytesRead(),
      rejections,
      errorMessage: error instanceof Error ? error.message : String(error),
      fileSha256: await fileSha256,
    }).catch(() => {});
    throw error;
  } finally {
    await batches.return(undefined as never).catch(() => {});
    await connection?.release();
  }
}

/** The references rows name, checked with one query per referenced kind; rows naming none missing. */
async function writeIncidents(q: BulkQueries, rows: StagedRow[], context: WriteContext): Promise<Written> {
  const rejections: Rejection[] = [];
  const wanted = new Map<string, Set<string>>();
  for (const row of rows)
    for (const { entity, id } of row.references)
      wanted.set(entity, (wanted.get(entity) ?? new Set()).add(id));
  if (wanted.size > 0) {
    const missing = new Set<string>();
    for (const [entity, ids] of wanted) {
      const found = await existingIds(q, entity as never, [...ids]);
      for (const id of ids) if (!found.has(id)) missing.add(`${entity}\n${id}`);
    }
    rows = rows.filter((row) => {
      const gone = row.references.find(({ entity, id }) => missing.has(`${entity}\n${id}`));
      if (gone)
        rejections.push({
          line: row.line,
          reason: `${gone.path}: no ${gone.entity} record with id "${gone.id}"`,
        });
      return !gone;
    });
  }
  const written = { ...noCounts(), rejected: rejections.length, rejections };
  if (rows.length === 0) return written;
  const lines = rows.map((row) => row.text).join("");
  const outcome = await writeIncidentBatch(q, { ...context, lines, rows: rows.length });
  return {
    ...written,
    ...outcome,
    unchanged: rows.length - outcome.created - outcome.updated - outcome.keptDeleted,
  };
}

async function* deletionBatches(deletions: AsyncIterable<AcledDeletion | RejectedRow>, size: number) {
  let batch = { rows: [] as string[], rejections: [] as Rejection[], read: 0 };
  for await (const row of deletions) {
    if ("reason" in row) batch.rejections.push(row);
    else batch.rows.push(row.eventIdCnty);
    if (++batch.read >= size) {
      yield batch;
      batch = { rows: [], rejections: [], read: 0 };
    }
  }
  if (batch.read > 0) yield batch;
}

/** The file's SHA-256, read beside the import (from the page cache, as the reader has just read it). */
function digestOf(source: ImportOptions["source"]): Promise<string | undefined> {
  if (source?.sha256) return Promise.resolve(source.sha256);
  if (!source?.path) return Promise.resolve(undefined);
  const path = source.path;
  return (async () => {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  })().catch(() => undefined);
}
