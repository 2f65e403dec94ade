import type { Database } from "../store/database.js";

type Queryable = { query: (...args: unknown[]) => unknown };
type PgliteClient = Queryable & { transaction: (work: (tx: Queryable) => unknown) => unknown };
type PgPool = Queryable & {
  on(event: "acquire", listener: (client: Queryable) => void): unknown;
  off(event: "acquire", listener: (client: Queryable) => void): unknown;
};

/**
 * Counts the SQL statements a database runs, at the driver (drizzle calls `query` once per
 * statement), so a test or the benchmark can tell how many round trips a read costs. Statements in
 * transactions are counted too (not the BEGIN and COMMIT around them on PGlite).
 */
export function countQueries(database: Database) {
  let count = 0;
  let counting = true;
  const counted = new WeakSet<Queryable>();
  const countOn = (target: Queryable) => {
    if (counted.has(target)) return;
    counted.add(target);
    const original = target.query;
    target.query = function countedQuery(this: unknown, ...args: unknown[]) {
      if (counting) count++;
      return original.apply(this, args);
    };
  };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const pglite = database.kind === "pglite" ? (client as PgliteClient) : undefined;
  const pool = database.kind === "pglite" ? undefined : (client as PgPool);
  const { query, transaction } = pglite ?? {};
  if (pglite && transaction) {
    countOn(pglite);
    pglite.transaction = function countedTransaction(this: unknown, work: (tx: Queryable) => unknown) {
      return transaction.call(this, (tx: Queryable) => {
        countOn(tx);
        return work(tx);
      });
    };
  }
  // A pool's own `query` checks a client out and calls the client's: counting clients counts each once.
  pool?.on("acquire", countOn);
  return {
    /** Statements run since the counter started or was last reset. */
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    /** Stops counting; pooled clients keep a wrapper that only tests a flag. */
    stop() {
      counting = false;
      pool?.off("acquire", countOn);
      if (pglite && query && transaction) Object.assign(pglite, { query, transaction });
    },
  };
}
