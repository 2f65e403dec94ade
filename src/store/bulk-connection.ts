import { finished } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "./database.js";
import { isRetryableConflict, isUniqueViolation } from "./errors.js";

/**
 * One connection held for a bulk write, below drizzle: drizzle has no COPY, and a bulk writer needs
 * COPY and the statements after it on the same connection (a temporary staging table lives in one
 * session). On PostgreSQL that is a client taken from the pool for the length of the import (other
 * requests keep the rest of the pool); on PGlite it is the one database, used through PGlite's own
 * transactions, which hold its lock so the server's other queries wait between batches, never run
 * inside one.
 */
export interface BulkQueries {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Loads COPY text-format data (tab-separated, `\N` for null) into `target` ("table (col, …)"). */
  copyIn(target: string, data: string): Promise<void>;
}

export interface BulkConnection {
  kind: "pglite" | "postgres";
  /**
   * Runs `work` in one transaction; a deadlock, a serialization failure or a unique violation (a
   * concurrent writer inserted the same row) runs it again from the start
   * (a few times), so `work` must be repeatable. `rollback: true` always rolls back (a dry run).
   */
  transaction<T>(
    work: (q: BulkQueries) => Promise<T>,
    options?: { rollback?: boolean; attempts?: number },
  ): Promise<T>;
  release(): Promise<void>;
}

/** Thrown inside a transaction to roll it back and hand its value out. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super("rolled back");
  }
}

async function retrying<T>(attempt: () => Promise<T>, attempts = 4): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      // A bulk write is repeatable by contract: a lost insert race is run again like a deadlock.
      const repeatable = isRetryableConflict(error) || isUniqueViolation(error);
      if (!repeatable || tried >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * tried + Math.random() * 40));
    }
  }
}

/** The top-level database only: a drizzle transaction cannot lend its connection to a bulk writer. */
export async function openBulkConnection(db: Db): Promise<BulkConnection> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (isPool(client)) return postgresConnection(await client.connect());
  if (isPglite(client)) return pgliteConnection(client);
  throw new Error("Bulk writes need the database itself, not a transaction.");
}

const isPool = (client: unknown): client is pg.Pool =>
  typeof (client as pg.Pool)?.connect === "function" && "totalCount" in (client as object);
const isPglite = (client: unknown): client is PGlite =>
  typeof (client as PGlite)?.transaction === "function" && typeof (client as PGlite)?.exec === "function";

function postgresConnection(client: pg.PoolClient): BulkConnection {
  let broken = false;
  const queries: BulkQueries = {
    query: async <R>(text: string, params?: unknown[]) =>
      (await client.query(text, params as unknown[])).rows as R[],
    async copyIn(target, data) {
      const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
      stream.end(data);
      await finished(stream);
    },
  };
  return {
    kind: "postgres",
    transaction: (work, options = {}) =>
      retrying(async () => {
        await client.query("BEGIN");
        try {
          const value = await work(queries);
          await client.query(options.rollback ? "ROLLBACK" : "COMMIT");
          return value;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
          throw error;
        }
      }, options.attempts),
    // A connection whose ROLLBACK failed is destroyed, not handed to the next request mid-transaction.
    release: async () => client.release(broken ? true : undefined),
  };
}

function pgliteConnection(database: PGlite): BulkConnection {
  const queriesOf = (tx: Transaction): BulkQueries => ({
    query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
    async copyIn(target, data) {
      await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob([data]) });
    },
  });
  return {
    kind: "pglite",
    transaction: (work, options = {}) =>
      retrying(async () => {
        try {
          return await database.transaction(async (tx) => {
            const value = await work(queriesOf(tx));
            if (options.rollback) throw new Rollback(value);
            return value;
          });
        } catch (error) {
          if (error instanceof Rollback) return error.value as Awaited<ReturnType<typeof work>>;
          throw error;
        }
      }, options.attempts),
    release: async () => {},
  };
}

/** COPY text format: backslash, tab, newline and carriage return are escaped; `\N` is null. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      )
    : value;
}
