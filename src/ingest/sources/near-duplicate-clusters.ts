/**
 * Clusters of near-duplicates in a batch of texts: candidates from shared LSH band keys, each
 * candidate pair verified on the exact shingle sets, and clusters as the connected groups of the
 * verified pairs. The intake service does the same against its stored fingerprints; this is the
 * in-memory form, for a batch, the benchmark and the quality test.
 */
import type { Similarity, TextFingerprint } from "./contracts.js";
import {
  compareShingleHashes,
  fingerprintShingles,
  isNearDuplicate,
  mayBeNearDuplicate,
  shingleHashes,
} from "./near-duplicates.js";

export interface NearDuplicateLink {
  a: string;
  b: string;
  similarity: Similarity;
}

export interface NearDuplicateCluster {
  /** Members in input order. */
  ids: string[];
  /** The verified pairs that joined them. */
  links: NearDuplicateLink[];
}

/**
 * A band key shared by more texts than this is a common phrase ("the Ministry of Foreign Affairs of
 * the Republic of Armenia") rather than a sign of duplication: its bucket keeps only the most
 * recent texts, so each text meets a bounded number of candidates and the work stays linear. A
 * flood of copies of one statement is still clustered: each new copy finds the recent ones.
 */
export const bucketCapacity = 100;

export function clusterNearDuplicates(
  items: readonly { id: string; text: string }[],
): NearDuplicateCluster[] {
  const shingles = items.map((item) => shingleHashes(item.text));
  const links = verifiedLinks(items, shingles);
  const parent = items.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) {
      parent[at] = parent[parent[at] as number] as number;
      at = parent[at] as number;
    }
    return at;
  };
  for (const link of links) parent[root(link.first)] = root(link.second);
  const clusters = new Map<number, NearDuplicateCluster>();
  for (const [index, item] of items.entries()) {
    const key = root(index);
    const cluster = clusters.get(key) ?? { ids: [], links: [] };
    cluster.ids.push(item.id);
    clusters.set(key, cluster);
  }
  for (const link of links) clusters.get(root(link.first))?.links.push(link.link);
  return [...clusters.values()].filter((cluster) => cluster.ids.length > 1);
}

/**
 * The near-duplicate pairs, found as an index would: each text in turn is looked up by its band
 * keys among those before it, each candidate estimated on the fingerprints, and the likely ones
 * verified on the exact shingle sets.
 */
function verifiedLinks(
  items: readonly { id: string }[],
  shingles: readonly Uint32Array[],
): { first: number; second: number; link: NearDuplicateLink }[] {
  const buckets = new Map<string, number[]>();
  const fingerprints: TextFingerprint[] = [];
  const links: { first: number; second: number; link: NearDuplicateLink }[] = [];
  for (const [second, set] of shingles.entries()) {
    const fingerprint = fingerprintShingles(set);
    fingerprints.push(fingerprint);
    const candidates = new Set<number>();
    for (const key of fingerprint.bandKeys) {
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [second]);
        continue;
      }
      for (const first of bucket) candidates.add(first);
      bucket.push(second);
      if (bucket.length > bucketCapacity * 2) bucket.splice(0, bucket.length - bucketCapacity);
    }
    for (const first of candidates) {
      if (!mayBeNearDuplicate(fingerprints[first] as TextFingerprint, fingerprint)) continue;
      const similarity = compareShingleHashes(shingles[first] as Uint32Array, set);
      if (!isNearDuplicate(similarity)) continue;
      const link = {
        a: (items[first] as { id: string }).id,
        b: (items[second] as { id: string }).id,
        similarity,
      };
      links.push({ first, second, link });
    }
  }
  return links;
}
