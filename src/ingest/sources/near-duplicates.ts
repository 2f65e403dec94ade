/**
 * Near-duplicates: two renderings of one statement, or a news report quoting most of it. Texts are
 * compared by their word 5-shingles (runs of five words, case and punctuation ignored). For an
 * index, each text gets a MinHash signature whose agreement estimates the Jaccard similarity of the
 * shingle sets, and LSH band keys: texts sharing a key are candidates, to be verified on their
 * exact shingle sets (`compareTexts`, `compareShingleHashes`). Batches are clustered in
 * near-duplicate-clusters.ts.
 *
 * The fingerprint's parameters (shingle size, permutations, bands, the hash seeds) are part of
 * what is stored: changing them means fingerprinting every stored text again.
 */
import type { Similarity, TextFingerprint } from "./contracts.js";

export const shingleSize = 5;
export const permutationCount = 64;
/**
 * 32 bands of 2 rows: a pair with Jaccard J becomes a candidate with probability 1 − (1 − J²)³².
 * A statement quoted whole inside a report three times its length has J ≈ 0.3 (containment ≈ 1):
 * found 95% of the time (16 bands of 4 rows would find it 12% of the time). Unrelated texts on
 * the same subject (J ≈ 0.05) become candidates 8% of the time, and verification turns them away.
 */
export const bandCount = 32;
export const rowsPerBand = permutationCount / bandCount;

/**
 * The decision: the share of the smaller text's shingles found in the larger (containment) is at
 * least 0.4. Measured on the samples: the news report contains 0.55 of the ministry's statement (it
 * paraphrases some sentences and rewrites others: "legitimisation" → "legitimizing", "keeps" →
 * "continues to keep"), while two different statements of the same ministry on the same subject
 * contain 0.06 and 0.02 of each other. Two renderings of one text of equal length with Jaccard J
 * have containment 2J/(1+J), so J = 0.25 already passes. Containment counts only when the smaller
 * text has enough shingles for it to mean something (a ten-word phrase "contained" in a long report
 * is a quotation, not a duplicate); below that the Jaccard similarity is the score.
 */
export const nearDuplicateScore = 0.4;
export const minimumShinglesForContainment = 25;

/** No shingle hashes to 2^32; an empty text's signature is all this. */
const emptySlot = 0x1_0000_0000;

/**
 * The permutations: x ↦ mix(a·x + b mod 2^32) with odd a, each a bijection of the 32-bit hashes,
 * (a, b) fixed so that fingerprints stay comparable across runs and versions. 32-bit integer
 * arithmetic (Math.imul) rather than (a·x + b) mod a prime in doubles: ten times faster, and the
 * final mix spreads every input bit into the high bits that decide the minimum.
 */
const permutations = (() => {
  let state = 0x9e3779b9;
  const next = () => {
    // xorshift32: a fixed stream, nothing random about the fingerprint itself.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const a = new Int32Array(permutationCount);
  const b = new Int32Array(permutationCount);
  for (let index = 0; index < permutationCount; index++) {
    a[index] = next() | 1;
    b[index] = next();
  }
  return { a, b };
})();

const wordPattern = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text, lower-cased; punctuation and quotes of every kind fall between them. */
export function words(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

/** FNV-1a over UTF-16 code units: 32 bits, fast enough to hash every word. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: spreads the bits of a combined hash. */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The distinct shingle hashes of a text, sorted (so that two texts' sets intersect in one merge).
 * A text shorter than a shingle is one shingle of all its words, so identical short texts still
 * match; a text without words has none.
 */
export function shingleHashes(text: string): Uint32Array {
  const wordHashes = words(text).map(fnv1a);
  const width = Math.min(shingleSize, wordHashes.length);
  const shingles = new Uint32Array(width > 0 ? wordHashes.length - width + 1 : 0);
  let filled = 0;
  for (let start = 0; start + width <= wordHashes.length && width > 0; start++) {
    let hash = width;
    for (let offset = 0; offset < width; offset++) {
      hash = Math.imul(hash ^ (wordHashes[start + offset] as number), 0x5bd1e995);
      hash = (hash << 15) | (hash >>> 17);
    }
    shingles[filled++] = mix(hash);
  }
  shingles.sort();
  let distinct = 0;
  for (let index = 0; index < shingles.length; index++) {
    if (index === 0 || shingles[index] !== shingles[distinct - 1])
      shingles[distinct++] = shingles[index] as number;
  }
  return shingles.subarray(0, distinct);
}

export function fingerprintText(text: string): TextFingerprint {
  return fingerprintShingles(shingleHashes(text));
}

export function fingerprintShingles(shingles: Uint32Array): TextFingerprint {
  const signature = new Float64Array(permutationCount).fill(emptySlot);
  const { a, b } = permutations;
  for (const shingle of shingles) {
    for (let index = 0; index < permutationCount; index++) {
      let slot = (Math.imul(a[index] as number, shingle) + (b[index] as number)) | 0;
      slot ^= slot >>> 16;
      slot = Math.imul(slot, 0x85ebca6b);
      slot ^= slot >>> 13;
      const value = slot >>> 0;
      if (value < (signature[index] as number)) signature[index] = value;
    }
  }
  // Stored as signed 32-bit integers (a PostgreSQL integer[] holds them); only equality matters.
  return {
    signature: Array.from(signature, (value) => value | 0),
    bandKeys: bandKeys(signature, shingles.length),
    shingleCount: shingles.length,
  };
}

function bandKeys(signature: Float64Array, shingleCount: number): string[] {
  if (shingleCount === 0) return [];
  const keys: string[] = [];
  for (let band = 0; band < bandCount; band++) {
    let hash = 0x811c9dc5 ^ band;
    for (let row = 0; row < rowsPerBand; row++) {
      hash = Math.imul(hash ^ (signature[band * rowsPerBand + row] as number), 0x01000193);
    }
    keys.push(`b${band}:${mix(hash).toString(36)}`);
  }
  return keys;
}

/** Similarity estimated from two fingerprints: quick, ±0.06 around J = 0.5 with 64 permutations. */
export function compareFingerprints(a: TextFingerprint, b: TextFingerprint): Similarity {
  if (a.shingleCount === 0 || b.shingleCount === 0) return noSimilarity;
  const length = Math.min(a.signature.length, b.signature.length);
  let agreeing = 0;
  for (let index = 0; index < length; index++) if (a.signature[index] === b.signature[index]) agreeing++;
  return similarityFromJaccard(length === 0 ? 0 : agreeing / length, a.shingleCount, b.shingleCount);
}

function similarityFromJaccard(jaccard: number, countA: number, countB: number): Similarity {
  const smaller = Math.min(countA, countB);
  // |A∩B| = J·|A∪B| = J·(|A|+|B|)/(1+J); containment is that over the smaller set.
  const containment = Math.min(1, (jaccard * (countA + countB)) / ((1 + jaccard) * smaller));
  return similarity(jaccard, containment, smaller);
}

/**
 * Whether two fingerprints could be near-duplicates: the Jaccard estimate raised by two standard
 * errors (√(J(1−J)/n) over n permutations) reaches the threshold. A candidate that passes is worth
 * the exact comparison; one that fails is a near-duplicate with a chance of about 2%.
 */
export function mayBeNearDuplicate(a: TextFingerprint, b: TextFingerprint): boolean {
  const estimated = compareFingerprints(a, b);
  const error = Math.sqrt(Math.max(estimated.jaccard * (1 - estimated.jaccard), 1 / 16) / permutationCount);
  const jaccard = Math.min(1, estimated.jaccard + 2 * error);
  return isNearDuplicate(similarityFromJaccard(jaccard, a.shingleCount, b.shingleCount));
}

/** Similarity of two texts on their exact shingle sets: to verify the candidates an index finds. */
export function compareTexts(a: string, b: string): Similarity {
  return compareShingleHashes(shingleHashes(a), shingleHashes(b));
}

/** Similarity of two sorted sets of shingle hashes (`shingleHashes`), by one merge. */
export function compareShingleHashes(a: Uint32Array, b: Uint32Array): Similarity {
  if (a.length === 0 || b.length === 0) return noSimilarity;
  let shared = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length; ) {
    const left = a[x] as number;
    const right = b[y] as number;
    if (left === right) shared++;
    if (left <= right) x++;
    if (right <= left) y++;
  }
  const smaller = Math.min(a.length, b.length);
  return similarity(shared / (a.length + b.length - shared), shared / smaller, smaller);
}

const noSimilarity: Similarity = { jaccard: 0, containment: 0, score: 0 };

function similarity(jaccard: number, containment: number, smallerShingles: number): Similarity {
  const score = smallerShingles >= minimumShinglesForContainment ? containment : jaccard;
  return { jaccard, containment, score };
}

export function isNearDuplicate(similarity: Similarity): boolean {
  return similarity.score >= nearDuplicateScore;
}

export interface ClusterMember {
  id: string;
  /** ISO date the document was published, when known. */
  publishedOn: string | null;
  /** ISO date-time it was taken in. */
  receivedAt: string;
}

/**
 * The original of a cluster: the member published first (ties: received first, then by id). When
 * no member has a published date there is none: the first received is not necessarily the source.
 */
export function chooseOriginal(members: readonly ClusterMember[]): string | null {
  const dated = members.filter((member) => member.publishedOn !== null);
  dated.sort(
    (x, y) =>
      (x.publishedOn as string).localeCompare(y.publishedOn as string) ||
      Date.parse(x.receivedAt) - Date.parse(y.receivedAt) ||
      x.id.localeCompare(y.id),
  );
  return dated[0]?.id ?? null;
}
