/**
 * What the seeded data holds, for the hostile-input tests (src/api/hostile*.test.ts): records per
 * collection, values per field name, real cursors.
 */

export interface SeedPool {
  records: Map<string, Record<string, unknown>[]>;
  values: Map<string, unknown[]>;
  cursors: Map<string, string[]>;
}

export function buildPool(
  lists: { collection: string; items: Record<string, unknown>[]; nextCursor?: string | null }[],
): SeedPool {
  const values = new Map<string, Set<unknown>>();
  const add = (key: string, value: unknown) => {
    if (value === null || typeof value === "object") return;
    const set = values.get(key) ?? new Set();
    if (set.size < 200) set.add(value);
    values.set(key, set);
  };
  const walk = (key: string, value: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(value)) for (const v of value) walk(key, v, depth + 1);
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(k, v, depth + 1);
    else add(key, value);
  };
  const pool: SeedPool = { records: new Map(), values: new Map(), cursors: new Map() };
  for (const { collection, items, nextCursor } of lists) {
    pool.records.set(collection, items);
    if (nextCursor) pool.cursors.set(collection, [nextCursor]);
    for (const item of items) walk("", item, 0);
  }
  for (const [key, set] of values) pool.values.set(key, [...set]);
  return pool;
}
