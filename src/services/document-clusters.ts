import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { TextFingerprint } from "../ingest/sources/contracts.js";
import {
  chooseOriginal,
  compareShingleHashes,
  isNearDuplicate,
  mayBeNearDuplicate,
  shingleHashes,
} from "../ingest/sources/near-duplicates.js";
import type { Db } from "../store/database.js";
import type { StoredRecord } from "../store/repository.js";
import { documentBandKeys, documentFingerprints, documentSimilarities, documents } from "../store/schema.js";

export interface NearDuplicate {
  documentId: string;
  score: number;
  jaccard: number;
  containment: number;
}

interface NewDocument {
  record: StoredRecord<"documents">;
  fingerprint: TextFingerprint;
}

/** Candidates sharing most band keys with a document, compared further; the rest are unlikely. */
const candidateLimit = 25;

/**
 * Finds new documents' near-duplicates among the process's documents (and each other, in order) and
 * gathers them in clusters: candidates from the locality-sensitive band keys (index lookups, one query
 * for the batch), the unlikely ones turned away on their MinHash signatures, the rest verified on their
 * exact shingles. Clusters met through a new document merge under the smallest existing id. Cluster
 * ids and the "original" flag are derived data, rewritten here without change events.
 */
export async function clusterNewDocuments(
  tx: Db,
  added: NewDocument[],
): Promise<Map<string, NearDuplicate[]>> {
  const found = new Map<string, NearDuplicate[]>(added.map((item) => [item.record.id, []]));
  if (added.length === 0) return found;
  await storeFingerprints(tx, added);
  const candidates = await candidatesFor(tx, added);
  const texts = new Map<string, Uint32Array>();
  const shinglesOf = async (ids: string[]) => {
    const missing = ids.filter((id) => !texts.has(id));
    if (missing.length > 0)
      for (const row of await tx
        .select({ id: documents.id, cleanedText: documents.cleanedText })
        .from(documents)
        .where(inArray(documents.id, missing)))
        texts.set(row.id, shingleHashes(row.cleanedText));
    return ids.map((id) => texts.get(id) as Uint32Array);
  };
  for (const item of added) {
    const likely = (candidates.get(item.record.id) ?? []).filter((candidate) =>
      mayBeNearDuplicate(item.fingerprint, candidate.fingerprint),
    );
    if (likely.length === 0) continue;
    const [own, ...others] = await shinglesOf([item.record.id, ...likely.map((candidate) => candidate.id)]);
    const matches = likely
      .map((candidate, index) => ({
        documentId: candidate.id,
        ...compareShingleHashes(own as Uint32Array, others[index] as Uint32Array),
      }))
      .filter((match) => isNearDuplicate(match))
      .sort((a, b) => b.score - a.score);
    found.set(item.record.id, matches);
  }
  await storeSimilarities(tx, found);
  await formClusters(tx, found);
  return found;
}

async function storeFingerprints(tx: Db, added: NewDocument[]) {
  await tx.insert(documentFingerprints).values(
    added.map(({ record, fingerprint }) => ({
      documentId: record.id,
      signature: fingerprint.signature,
      shingleCount: fingerprint.shingleCount,
    })),
  );
  // Thirty-two keys a document: two array parameters, not a parameter per value.
  const keys: string[] = [];
  const ids: string[] = [];
  for (const { record, fingerprint } of added)
    for (const bandKey of new Set(fingerprint.bandKeys)) {
      keys.push(bandKey);
      ids.push(record.id);
    }
  await tx.execute(
    sql`INSERT INTO document_band_keys (band_key, document_id) SELECT * FROM unnest(${sql.param(keys)}::text[], ${sql.param(ids)}::text[])`,
  );
}

type Candidate = { id: string; fingerprint: TextFingerprint };

/** For each new document: stored documents of its process sharing band keys with it, and earlier new ones. */
async function candidatesFor(tx: Db, added: NewDocument[]): Promise<Map<string, Candidate[]>> {
  const newIds = added.map((item) => item.record.id);
  const processIds = [...new Set(added.map((item) => item.record.processId))];
  const allKeys = [...new Set(added.flatMap((item) => item.fingerprint.bandKeys))];
  const rows = await tx
    .select({
      bandKey: documentBandKeys.bandKey,
      id: documentBandKeys.documentId,
      processId: documents.processId,
    })
    .from(documentBandKeys)
    .innerJoin(documents, eq(documents.id, documentBandKeys.documentId))
    .where(
      and(
        inArray(documentBandKeys.bandKey, allKeys),
        notInArray(documentBandKeys.documentId, newIds),
        inArray(documents.processId, processIds),
        isNull(documents.deletedAt),
      ),
    );
  const holders = new Map<string, { id: string; processId: string }[]>();
  const hold = (key: string, holder: { id: string; processId: string }) => {
    const list = holders.get(key);
    if (list) list.push(holder);
    else holders.set(key, [holder]);
  };
  for (const row of rows) hold(row.bandKey, row);
  const shared = new Map<string, Map<string, number>>();
  for (const item of added) {
    const counts = new Map<string, number>();
    const keys = new Set(item.fingerprint.bandKeys);
    for (const key of keys)
      for (const holder of holders.get(key) ?? [])
        if (holder.processId === item.record.processId)
          counts.set(holder.id, (counts.get(holder.id) ?? 0) + 1);
    shared.set(item.record.id, counts);
    // Later documents of the same batch meet this one, as if they had been taken in one by one.
    for (const key of keys) hold(key, { id: item.record.id, processId: item.record.processId });
  }
  const topIds = new Set<string>();
  const top = new Map<string, string[]>();
  for (const [id, counts] of shared) {
    const best = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, candidateLimit)
      .map(([candidate]) => candidate);
    top.set(id, best);
    for (const candidate of best) topIds.add(candidate);
  }
  const fingerprints = await fingerprintsOf(tx, [...topIds], added);
  return new Map(
    [...top].map(([id, ids]) => [
      id,
      ids.flatMap((candidate) => {
        const fingerprint = fingerprints.get(candidate);
        return fingerprint ? [{ id: candidate, fingerprint }] : [];
      }),
    ]),
  );
}

async function fingerprintsOf(tx: Db, ids: string[], added: NewDocument[]) {
  const known = new Map(added.map((item) => [item.record.id, item.fingerprint]));
  const stored = ids.filter((id) => !known.has(id));
  if (stored.length > 0)
    for (const row of await tx
      .select()
      .from(documentFingerprints)
      .where(inArray(documentFingerprints.documentId, stored)))
      known.set(row.documentId, { signature: row.signature, shingleCount: row.shingleCount, bandKeys: [] });
  return known;
}

async function storeSimilarities(tx: Db, found: Map<string, NearDuplicate[]>) {
  const rows = [...found].flatMap(([id, matches]) =>
    matches.flatMap((match) => {
      const scores = { score: match.score, jaccard: match.jaccard, containment: match.containment };
      return [
        { documentId: id, otherDocumentId: match.documentId, ...scores },
        { documentId: match.documentId, otherDocumentId: id, ...scores },
      ];
    }),
  );
  if (rows.length > 0) await tx.insert(documentSimilarities).values(rows).onConflictDoNothing();
}

/** Connected documents become one cluster; its id is the smallest existing cluster id, else the oldest member's. */
async function formClusters(tx: Db, found: Map<string, NearDuplicate[]>) {
  const edges = [...found].flatMap(([id, matches]) =>
    matches.map((match) => [id, match.documentId] as const),
  );
  if (edges.length === 0) return;
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const top = root(up);
    parent.set(id, top);
    return top;
  };
  for (const [a, b] of edges) parent.set(root(a), root(b));
  const memberIds = [...new Set(edges.flat())];
  const members = await tx
    .select({ id: documents.id, clusterId: documents.duplicateClusterId, receivedAt: documents.receivedAt })
    .from(documents)
    .where(inArray(documents.id, memberIds));
  const groups = new Map<string, typeof members>();
  for (const member of members) groups.set(root(member.id), [...(groups.get(root(member.id)) ?? []), member]);
  for (const group of groups.values()) {
    const existing = [
      ...new Set(group.map((member) => member.clusterId).filter((id): id is string => !!id)),
    ].sort();
    const oldest = [...group].sort(
      (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id),
    )[0];
    const clusterId = existing[0] ?? (oldest as { id: string }).id;
    const ids = group.map((member) => member.id);
    await tx
      .update(documents)
      .set({ duplicateClusterId: clusterId })
      .where(
        or(
          inArray(documents.id, ids),
          existing.length ? inArray(documents.duplicateClusterId, existing) : undefined,
        ),
      );
    await markOriginal(tx, clusterId);
  }
}

/** The member published first is the original; with no published dates, none is. */
async function markOriginal(tx: Db, clusterId: string): Promise<void> {
  const members = await tx
    .select({ id: documents.id, publishedOn: documents.publishedOn, receivedAt: documents.receivedAt })
    .from(documents)
    .where(and(eq(documents.duplicateClusterId, clusterId), isNull(documents.deletedAt)));
  const original = chooseOriginal(members);
  await tx
    .update(documents)
    .set({ isClusterOriginal: sql`${documents.id} = ${original ?? ""}` })
    .where(eq(documents.duplicateClusterId, clusterId));
}
