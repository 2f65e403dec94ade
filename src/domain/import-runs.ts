import { z } from "zod";
import { incidentDatasets } from "./events.js";

/** One import of an event-data file, as the API answers it (and the web app reads it). */
export const importRunStates = ["queued", "running", "done", "failed", "refused"] as const;

export const ImportCounts = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  keptDeleted: z.number().int().describe("rows naming an incident that was deleted: not brought back"),
  deleted: z.number().int().describe("incidents tombstoned by a deletions file"),
  rejected: z.number().int(),
});

export const ImportRun = z.object({
  id: z.string(),
  processId: z.string(),
  dataset: z.enum(incidentDatasets),
  kind: z.enum(["incidents", "deletions"]),
  fileName: z.string(),
  fileSha256: z.string().nullable(),
  fileBytes: z.number().nullable(),
  layout: z.string().nullable(),
  encoding: z.string().nullable(),
  state: z.enum(importRunStates),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  actor: z.string(),
  dryRun: z.boolean(),
  strict: z.boolean(),
  bytesRead: z.number(),
  counts: ImportCounts,
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  errorMessage: z.string().nullable(),
});
export type ImportRunView = z.infer<typeof ImportRun>;
