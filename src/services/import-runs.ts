import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { IncidentDataset } from "../domain/events.js";
import type { Db } from "../store/database.js";
import { ConflictError, NotFoundError } from "../store/errors.js";
import { importRuns, processes } from "../store/schema.js";

/**
 * Import runs are records: each import of a file is written when it is queued or starts, updated
 * with its progress every few seconds (on its own connection, so readers see it move) and with its
 * outcome at the end. The HTTP upload, the background job and the web page read them from here.
 */

export type ImportRunState = "queued" | "running" | "done" | "failed" | "refused";

export interface ImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows naming an incident that was deleted: an import does not bring a tombstoned incident back. */
  keptDeleted: number;
  /** Incidents tombstoned by a deletions file. */
  deleted: number;
  rejected: number;
}

export const noCounts = (): ImportCounts => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  keptDeleted: 0,
  deleted: 0,
  rejected: 0,
});

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportRun {
  id: string;
  processId: string;
  dataset: IncidentDataset;
  kind: "incidents" | "deletions";
  fileName: string;
  fileSha256: string | null;
  fileBytes: number | null;
  layout: string | null;
  encoding: string | null;
  state: ImportRunState;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  actor: string;
  dryRun: boolean;
  strict: boolean;
  bytesRead: number;
  counts: ImportCounts;
  /** The first rejections in full (up to the import's bound); `counts.rejected` counts them all. */
  rejections: Rejection[];
  errorMessage: string | null;
}

export interface NewImportRun {
  processId: string;
  dataset: IncidentDataset;
  kind?: "incidents" | "deletions";
  fileName: string;
  fileBytes?: number;
  actor: string;
  dryRun?: boolean;
  strict?: boolean;
}

/** A run waiting for its turn (the server's background job queues one per upload). */
export async function createImportRun(db: Db, run: NewImportRun): Promise<ImportRun> {
  const found = await db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.id, run.processId), isNull(processes.deletedAt)));
  if (found.length === 0) throw new NotFoundError("processes", run.processId);
  const [row] = await db
    .insert(importRuns)
    .values({
      id: randomUUID(),
      processId: run.processId,
      dataset: run.dataset,
      kind: run.kind ?? "incidents",
      fileName: run.fileName,
      fileBytes: run.fileBytes,
      actor: run.actor,
      dryRun: run.dryRun ?? false,
      strict: run.strict ?? false,
      state: "queued",
    })
    .returning();
  return toRun(row as Row);
}

/** Marks a queued run as running; a run is started once (two workers never take the same one). */
export async function startImportRun(
  db: Db,
  id: string,
  file: { layout?: string; encoding?: string; fileBytes?: number; dryRun?: boolean; strict?: boolean },
): Promise<void> {
  const started = await db
    .update(importRuns)
    .set({ state: "running", startedAt: sql`now()`, ...file })
    .where(and(eq(importRuns.id, id), eq(importRuns.state, "queued")))
    .returning({ id: importRuns.id });
  if (started.length === 0) {
    if (!(await getImportRun(db, id))) throw new NotFoundError("import run", id);
    throw new ConflictError(`Import run ${id} has already been started.`);
  }
}

const countColumns = (counts: ImportCounts) => ({
  rowsRead: counts.read,
  created: counts.created,
  updated: counts.updated,
  unchanged: counts.unchanged,
  keptDeleted: counts.keptDeleted,
  deleted: counts.deleted,
  rejected: counts.rejected,
});

export async function recordImportProgress(db: Db, id: string, counts: ImportCounts, bytesRead: number) {
  await db
    .update(importRuns)
    .set({ ...countColumns(counts), bytesRead })
    .where(and(eq(importRuns.id, id), eq(importRuns.state, "running")));
}

export async function finishImportRun(
  db: Db,
  id: string,
  outcome: {
    state: "done" | "failed" | "refused";
    counts: ImportCounts;
    bytesRead: number;
    rejections: Rejection[];
    errorMessage?: string;
    fileSha256?: string;
  },
): Promise<void> {
  await db
    .update(importRuns)
    .set({
      ...countColumns(outcome.counts),
      state: outcome.state,
      finishedAt: sql`now()`,
      startedAt: sql`coalesce(${importRuns.startedAt}, now())`,
      bytesRead: outcome.bytesRead,
      rejections: outcome.rejections,
      errorMessage: outcome.errorMessage ?? null,
      fileSha256: outcome.fileSha256,
    })
    .where(eq(importRuns.id, id));
}

/** The latest runs first, of one process or of all. */
export async function listImportRuns(db: Db, processId?: string, limit = 50): Promise<ImportRun[]> {
  const rows = await db
    .select()
    .from(importRuns)
    .where(processId ? eq(importRuns.processId, processId) : undefined)
    .orderBy(desc(importRuns.queuedAt), desc(importRuns.id))
    .limit(Math.min(Math.max(limit, 1), 500));
  return rows.map((row) => toRun(row as Row));
}

export async function getImportRun(db: Db, id: string): Promise<ImportRun | undefined> {
  const [row] = await db.select().from(importRuns).where(eq(importRuns.id, id));
  return row ? toRun(row as Row) : undefined;
}

type Row = typeof importRuns.$inferSelect;

/** PostgreSQL writes "2026-11-22 12:23:55.053+00"; JavaScript wants "T" and "+00:00". */
const toIso = (value: string | null) =>
  value === null ? null : new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

function toRun(row: Row): ImportRun {
  return {
    id: row.id,
    processId: row.processId,
    dataset: row.dataset as IncidentDataset,
    kind: row.kind,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    fileBytes: row.fileBytes === null ? null : Number(row.fileBytes),
    layout: row.layout,
    encoding: row.encoding,
    state: row.state,
    queuedAt: toIso(row.queuedAt) as string,
    startedAt: toIso(row.startedAt),
    finishedAt: toIso(row.finishedAt),
    actor: row.actor,
    dryRun: row.dryRun,
    strict: row.strict,
    bytesRead: Number(row.bytesRead),
    counts: {
      read: row.rowsRead,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      keptDeleted: row.keptDeleted,
      deleted: row.deleted,
      rejected: row.rejected,
    },
    rejections: row.rejections,
    errorMessage: row.errorMessage,
  };
}
