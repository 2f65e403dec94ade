import { randomUUID } from "node:crypto";
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { ReceivedVia } from "../domain/events.js";
import { kindTarget } from "../domain/policy.js";
import type { ExtractedText, TextFingerprint } from "../ingest/sources/contracts.js";
import { IntakeError, isIntakeError } from "../ingest/sources/intake-error.js";
import { fingerprintText } from "../ingest/sources/near-duplicates.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import { type NewRecord, repositories, type StoredRecord } from "../store/repository.js";
import { documentIntakes, documentOriginals, documents } from "../store/schema.js";
import { authorize, requireSignedIn, runUseCase, type Writer, writerName } from "./context.js";
import { clusterNewDocuments, type NearDuplicate } from "./document-clusters.js";
import { documentRecord, type IntakeMetadata } from "./document-record.js";
import { asAccountsDraft } from "./drafts.js";
import { extractAndStore } from "./extraction.js";
import { prepareRecords } from "./rules.js";

export type { IntakeMetadata } from "./document-record.js";

/** What was received, as received: the bytes, and where and how they came. */
export interface ReceivedSource {
  via: ReceivedVia;
  bytes: Uint8Array;
  /** Where it was seen: the URL, the file name, the feed item's link. */
  location: string;
  contentType?: string;
  fileName?: string;
  url?: string;
  feedId?: string;
}

/** One source read and ready to be stored. */
export interface IntakeItem {
  source: ReceivedSource;
  extracted: ExtractedText;
  metadata: IntakeMetadata;
}

export type IntakeOutcome =
  | {
      outcome: "created" | "sighting";
      intakeId: string;
      documentId: string;
      title: string;
      duplicateClusterId: string | null;
      nearDuplicates: NearDuplicate[];
    }
  | { outcome: "failed"; intakeId: string; location: string; errorCode: string; message: string };

/** A prepared item: its record checked and derived (cleaned, dated, language read), its hash and fingerprint. */
interface Prepared {
  item: IntakeItem;
  record: NewRecord<"documents">;
  sha256: string;
  fingerprint: TextFingerprint;
}

/**
 * Takes sources in, as one batch: bytes already held in their process become sightings of that
 * document; new bytes become documents — records written together, their originals, intakes,
 * fingerprints and near-duplicate clusters — in one transaction. An item whose record breaks a rule is
 * recorded as failed and the rest go on. Intakes in a process run one after another (an advisory
 * lock), so two near-duplicates arriving together still meet, and the same bytes are never stored twice.
 */
export async function takeInDocuments(db: Db, actor: Writer, items: IntakeItem[]): Promise<IntakeOutcome[]> {
  requireSignedIn(actor);
  if (actor.kind === "account")
    authorize(
      actor,
      actor.role === "party_representative" ? "submit_claim" : "create",
      kindTarget("documents"),
    );
  const outcomes: (IntakeOutcome | undefined)[] = new Array(items.length);
  const prepared: (Prepared & { index: number })[] = [];
  for (const [index, item] of items.entries()) {
    try {
      prepared.push({ index, ...(await prepare(db, actor, item)) });
    } catch (error) {
      const refusal = asIntakeError(error);
      outcomes[index] = await recordFailedIntake(db, actor, item.source, item.metadata.processId, refusal);
    }
  }
  if (prepared.length > 0) {
    const stored = await runUseCase(db, actor, ({ tx }) => storeBatch(tx, actor, prepared));
    prepared.forEach((entry, position) => {
      outcomes[entry.index] = stored[position];
    });
  }
  return outcomes as IntakeOutcome[];
}

export async function takeInDocument(db: Db, actor: Writer, item: IntakeItem): Promise<IntakeOutcome> {
  const [outcome] = await takeInDocuments(db, actor, [item]);
  return outcome as IntakeOutcome;
}

async function prepare(db: Db, actor: Writer, item: IntakeItem): Promise<Prepared> {
  if (item.extracted.text.trim().length === 0)
    throw new IntakeError("empty", `${item.source.location || "the source"} holds no text`);
  const record = asAccountsDraft(
    "documents",
    documentRecord(item.source, item.extracted, item.metadata),
    actor,
  );
  // The documents' rules read no table: checking each item alone lets one bad item fail alone.
  const [checked] = await prepareRecords(db, "documents", [record], { receivedBytes: [item.source.bytes] });
  const ready = checked as NewRecord<"documents">;
  return {
    item,
    record: ready,
    sha256: ready.sha256 as string,
    fingerprint: fingerprintText(ready.cleanedText ?? ready.text),
  };
}

function asIntakeError(error: unknown): IntakeError {
  if (isIntakeError(error)) return error;
  if (error instanceof ValidationError) {
    const detail = error.details[0];
    return new IntakeError(
      "invalid",
      detail ? `${error.message} (${detail.path}: ${detail.message})` : error.message,
    );
  }
  throw error;
}

async function storeBatch(tx: Db, actor: Writer, batch: Prepared[]): Promise<IntakeOutcome[]> {
  const processIds = [...new Set(batch.map((entry) => entry.record.processId))].sort();
  for (const processId of processIds)
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`document-intake:${processId}`}))`);
  const held = await heldDocuments(tx, batch);
  const firstOfHash = new Map<string, number>();
  const fresh = batch.filter((entry, position) => {
    const key = `${entry.record.processId}|${entry.sha256}`;
    if (held.has(key) || firstOfHash.has(key)) return false;
    firstOfHash.set(key, position);
    return true;
  });
  const created = await repositories.documents.insertMany(
    tx,
    fresh.map((entry) => entry.record),
    writerName(actor),
  );
  const createdByKey = new Map(
    created.map((record, i) => [`${record.processId}|${(fresh[i] as Prepared).sha256}`, record]),
  );
  const received = await recordReceivedDocuments(
    tx,
    actor,
    fresh.map((entry, i) => ({
      source: entry.item.source,
      record: created[i] as StoredRecord<"documents">,
      fingerprint: entry.fingerprint,
    })),
  );
  const sightings = batch.filter((entry) => !fresh.includes(entry));
  const sightingIds = await insertIntakes(
    tx,
    actor,
    sightings.map((entry) => {
      const key = `${entry.record.processId}|${entry.sha256}`;
      const document = held.get(key) ?? createdByKey.get(key);
      return {
        source: entry.item.source,
        processId: entry.record.processId,
        outcome: "sighting" as const,
        documentId: document?.id as string,
      };
    }),
  );
  return batch.map((entry) => {
    const key = `${entry.record.processId}|${entry.sha256}`;
    const sighting = sightings.indexOf(entry);
    if (sighting >= 0) {
      const document = (held.get(key) ?? createdByKey.get(key)) as {
        id: string;
        title: string;
        duplicateClusterId?: string | null;
      };
      return {
        outcome: "sighting",
        intakeId: sightingIds[sighting] as string,
        documentId: document.id,
        title: document.title,
        duplicateClusterId: document.duplicateClusterId ?? null,
        nearDuplicates: [],
      };
    }
    const record = createdByKey.get(key) as StoredRecord<"documents">;
    const result = received.get(record.id);
    return {
      outcome: "created",
      intakeId: result?.intakeId as string,
      documentId: record.id,
      title: record.title,
      duplicateClusterId: result?.duplicateClusterId ?? null,
      nearDuplicates: result?.nearDuplicates ?? [],
    };
  });
}

async function heldDocuments(tx: Db, batch: Prepared[]) {
  const rows = await tx
    .select({
      id: documents.id,
      title: documents.title,
      processId: documents.processId,
      sha256: documents.sha256,
      duplicateClusterId: documents.duplicateClusterId,
    })
    .from(documents)
    .where(
      and(
        inArray(documents.sha256, [...new Set(batch.map((entry) => entry.sha256))]),
        isNull(documents.deletedAt),
      ),
    );
  return new Map(rows.map((row) => [`${row.processId}|${row.sha256}`, row]));
}

/**
 * What every new document gets beside its record, however it came (intake, the records API, the
 * seed): its original bytes, its intake (the first sighting), its fingerprint and its cluster.
 */
export async function recordReceivedDocuments(
  tx: Db,
  actor: Writer,
  received: { source: ReceivedSource; record: StoredRecord<"documents">; fingerprint?: TextFingerprint }[],
) {
  const results = new Map<
    string,
    { intakeId: string; duplicateClusterId: string | null; nearDuplicates: NearDuplicate[] }
  >();
  if (received.length === 0) return results;
  await tx.insert(documentOriginals).values(
    received.map(({ source, record }) => ({
      documentId: record.id,
      bytes: source.bytes,
      byteLength: source.bytes.byteLength,
    })),
  );
  const intakeIds = await insertIntakes(
    tx,
    actor,
    received.map(({ source, record }) => ({
      source,
      processId: record.processId,
      outcome: "created" as const,
      documentId: record.id,
    })),
  );
  const processIds = [...new Set(received.map(({ record }) => record.processId))].sort();
  // Clustering in a process runs one at a time, so two near-duplicates arriving together meet.
  for (const processId of processIds)
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`document-cluster:${processId}`}))`);
  const found = await clusterNewDocuments(
    tx,
    received.map(({ record, fingerprint }) => ({
      record,
      fingerprint: fingerprint ?? fingerprintText(record.cleanedText ?? record.text),
    })),
  );
  const clusters = await clusterIdsOf(
    tx,
    [...found].filter(([, matches]) => matches.length > 0).map(([id]) => id),
  );
  // Read for who says what (issue #11) as it arrives: suggestions for review, in the same transaction.
  await extractAndStore(
    tx,
    received.map(({ record }) => record),
    { fresh: true },
  );
  for (const [i, { record }] of received.entries())
    results.set(record.id, {
      intakeId: intakeIds[i] as string,
      duplicateClusterId: clusters.get(record.id) ?? null,
      nearDuplicates: found.get(record.id) ?? [],
    });
  return results;
}

async function clusterIdsOf(tx: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: documents.id, clusterId: documents.duplicateClusterId })
    .from(documents)
    .where(inArray(documents.id, ids));
  return new Map(rows.map((row) => [row.id, row.clusterId ?? row.id]));
}

type IntakeRow =
  | {
      source: Omit<ReceivedSource, "bytes">;
      processId: string;
      outcome: "created" | "sighting";
      documentId: string;
    }
  | { source: Omit<ReceivedSource, "bytes">; processId: string; outcome: "failed"; error: IntakeError };

async function insertIntakes(tx: Db, actor: Writer, rows: IntakeRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const values = rows.map((row) => ({
    id: randomUUID(),
    processId: row.processId,
    actor: writerName(actor),
    via: row.source.via,
    location: row.source.location.slice(0, 2000),
    feedId: row.source.feedId,
    outcome: row.outcome,
    documentId: row.outcome === "failed" ? null : row.documentId,
    errorCode: row.outcome === "failed" ? row.error.code : null,
    errorMessage: row.outcome === "failed" ? row.error.message.slice(0, 2000) : null,
  }));
  await tx.insert(documentIntakes).values(values);
  return values.map((value) => value.id);
}

/**
 * Records a source that could not be taken in, with its reason, in its own transaction: the rest of
 * a batch goes on, and the failure stays visible on the intake list (and on the feed).
 */
export async function recordFailedIntake(
  db: Db,
  actor: Writer,
  source: Omit<ReceivedSource, "bytes">,
  processId: string,
  error: IntakeError,
): Promise<IntakeOutcome> {
  const [intakeId] = await runUseCase(db, actor, ({ tx }) =>
    insertIntakes(tx, actor, [{ source, processId, outcome: "failed", error }]),
  );
  return {
    outcome: "failed",
    intakeId: intakeId as string,
    location: source.location,
    errorCode: error.code,
    message: error.message,
  };
}

/** Reads a source, then takes it in; a reading failure (an IntakeError) is recorded, anything else thrown. */
export async function readThenTakeIn(
  db: Db,
  actor: Writer,
  sources: {
    source: Omit<ReceivedSource, "bytes">;
    metadata: IntakeMetadata;
    read: () => Promise<{ bytes: Uint8Array; extracted: ExtractedText; source?: Partial<ReceivedSource> }>;
  }[],
): Promise<IntakeOutcome[]> {
  const outcomes: (IntakeOutcome | undefined)[] = new Array(sources.length);
  const items: { index: number; item: IntakeItem }[] = [];
  for (const [index, { source, metadata, read }] of sources.entries()) {
    try {
      const { bytes, extracted, source: found } = await read();
      items.push({ index, item: { source: { ...source, ...found, bytes }, extracted, metadata } });
    } catch (error) {
      if (!isIntakeError(error)) throw error;
      outcomes[index] = await recordFailedIntake(db, actor, source, metadata.processId, error);
    }
  }
  const taken = await takeInDocuments(
    db,
    actor,
    items.map((entry) => entry.item),
  );
  items.forEach((entry, position) => {
    outcomes[entry.index] = taken[position];
  });
  return outcomes as IntakeOutcome[];
}
