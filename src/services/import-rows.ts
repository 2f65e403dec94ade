import { createHash } from "node:crypto";
import type { EntityName } from "../domain/entities.js";
import { Incident, type IncidentDataset } from "../domain/events.js";
import { invariantIssues } from "../domain/invariants.js";
import { findUnstorableText } from "../domain/text-safety.js";
import { type FileRow, type IncidentFile, isRejected } from "../ingest/incident-file.js";
import { arrayReferences, nestedReferences, scalarReferences } from "../store/entity-config.js";
import { encodeIncidentContent, stagedLine } from "../store/incident-import.js";
import type { Rejection } from "./import-runs.js";

/**
 * Turning a file's rows into staged lines, in JavaScript while the database writes the batch before:
 * every row goes through the incident's schema, its invariants and the check for text PostgreSQL
 * cannot store (the rules every write path runs), then is encoded once as COPY text, which is also
 * what its digest is taken of.
 */

export interface StagedRow {
  line: number;
  externalId: string;
  /** The row as COPY text for the staging table. */
  text: string;
  /** Ids of other records the row names (the readers set none today), checked by set per batch. */
  references: { entity: EntityName; id: string; path: string }[];
}

export interface Batch {
  rows: StagedRow[];
  rejections: Rejection[];
  /** Rows read from the file for this batch, the rejected ones included. */
  read: number;
}

const maxIdLength = 120;
const safeId = /^[A-Za-z0-9._:-]+$/;
const digest = (text: string, length: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

/**
 * A new incident's id, from its dataset and the dataset's id: `acled:ARM1234`. An id with characters
 * an id may not hold, or too long, keeps what it can and gets a digest of the whole. Where another
 * record holds the id already (the same event in a second process) the store appends a digest of the
 * process too (store/incident-import.ts).
 */
export function incidentIdFor(dataset: IncidentDataset, externalId: string): string {
  const plain = `${dataset}:${externalId}`;
  if (safeId.test(externalId) && plain.length <= maxIdLength - 11) return plain;
  const kept = externalId.replace(/[^A-Za-z0-9._:-]+/g, "-").slice(0, 80);
  return `${dataset}:${kept}${kept ? "." : ""}${digest(externalId, 12)}`;
}

/** A NUL, a raw surrogate, or a JSON escape of either: only then is the record walked for the path. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for.
const maybeUnstorable = /[\u0000\ud800-\udfff]|\\u(?:0000|d[89a-f])/i;

const describeIssue = (issue: { path: PropertyKey[]; message: string }) =>
  `${issue.path.map(String).join(".") || "row"}: ${issue.message}`;

export function stageRow(row: FileRow, processId: string, dataset: IncidentDataset): StagedRow | Rejection {
  if (isRejected(row)) return row;
  const parsed = Incident.safeParse({ ...row.record, processId });
  if (!parsed.success) return { line: row.line, reason: describeIssue(parsed.error.issues[0] as never) };
  const record = parsed.data;
  const [broken] = invariantIssues("incidents", record);
  if (broken) return { line: row.line, reason: `${broken.path}: ${broken.message}` };
  const externalId = record.externalIds[dataset];
  if (!externalId) return { line: row.line, reason: `externalIds.${dataset}: the row has no ${dataset} id` };
  const content = encodeIncidentContent(record);
  if (maybeUnstorable.test(content)) {
    const [bad] = findUnstorableText(record);
    if (bad) return { line: row.line, reason: `${bad.path}: ${bad.message}` };
  }
  const hash = createHash("sha1").update(content).digest("base64");
  return {
    line: row.line,
    externalId,
    text: stagedLine(row.line, incidentIdFor(dataset, externalId), externalId, hash, content),
    references: referencesOf(record),
  };
}

/** The incident's fields that can name other records (its process is checked once per import). */
const referenceFields = Object.keys(Incident.shape).filter(
  (field) =>
    field !== "processId" && (nestedReferences[field] || arrayReferences[field] || scalarReferences[field]),
);

/** The ids a record names in other records, by kind. */
function referencesOf(record: Record<string, unknown>) {
  const found: StagedRow["references"] = [];
  for (const field of referenceFields) {
    const value = record[field];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    const nested = nestedReferences[field];
    if (nested && Array.isArray(value)) {
      value.forEach((item: Record<string, unknown>, position) => {
        for (const [inner, entity] of Object.entries(nested))
          if (entity && typeof item?.[inner] === "string")
            found.push({ entity, id: item[inner] as string, path: `${field}.${position}.${inner}` });
      });
      continue;
    }
    const entity = arrayReferences[field] ?? scalarReferences[field];
    if (!entity) continue;
    for (const id of Array.isArray(value) ? (value as string[]) : [value as string])
      found.push({ entity, id, path: field });
  }
  return found;
}

/**
 * The file's rows in batches of up to `size` staged rows. A dataset id seen twice in one batch ends
 * the batch before the second (one statement cannot write a row twice), so the later row is written
 * after the earlier one, exactly as when the two fall in different batches: the file's last word wins.
 */
export async function* stagedBatches(
  file: IncidentFile,
  processId: string,
  size: number,
): AsyncGenerator<Batch> {
  let batch: Batch = { rows: [], rejections: [], read: 0 };
  let seen = new Set<string>();
  for await (const row of file.rows()) {
    const staged = stageRow(row, processId, file.dataset);
    if (!("reason" in staged) && seen.has(staged.externalId)) {
      yield batch;
      batch = { rows: [], rejections: [], read: 0 };
      seen = new Set();
    }
    if ("reason" in staged) batch.rejections.push(staged);
    else {
      seen.add(staged.externalId);
      batch.rows.push(staged);
    }
    // Counted in rows read, rejected ones too, so a file of nothing but bad rows is still read in steps.
    if (++batch.read >= size) {
      yield batch;
      batch = { rows: [], rejections: [], read: 0 };
      seen = new Set();
    }
  }
  if (batch.read > 0) yield batch;
}
