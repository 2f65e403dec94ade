/**
 * Runs queries one after another. Inside a transaction every query goes to one connection, which
 * takes one query at a time: started together they would only queue (and pg deprecates it).
 */
export async function inSequence<T extends readonly unknown[]>(
  queries: { [K in keyof T]: PromiseLike<T[K]> | (() => PromiseLike<T[K]>) },
): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries) results.push(await (typeof query === "function" ? query() : query));
  return results as unknown as T;
}
