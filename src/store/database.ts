import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type DataFolderLock, lockDataFolder } from "./data-folder-lock.js";
import * as schema from "./schema.js";

export { DataFolderInUseError } from "./data-folder-lock.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives: a folder for PGlite, the server address (without password) for PostgreSQL. */
  location: string;
  close(): Promise<void>;
  /** PGlite: records in the folder's lock where this process serves HTTP (see cli/server-handoff.ts). */
  announceServer?(serverUrl: string, handoffSecret?: string): void;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** Told when PostgreSQL drops a connection (the pool replaces it); default: one line on stderr. */
  onConnectionError?: (error: Error) => void;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.PEACETRACK_DATA ?? "./data" };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.onConnectionError);
  return openPglite(options.dataDir ?? "./data");
}

const logConnectionError = (error: Error) =>
  console.error(`peacetrack: PostgreSQL connection lost (${error.message}); it will be replaced.`);

async function openPostgres(url: string, onConnectionError = logConnectionError): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // While the server is away, requests fail within seconds (503) instead of queueing without end.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Probes a silent connection after 10 s instead of the OS's 2 hours, so a vanished server is noticed.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  watchConnections(pool, onConnectionError);
  // Fail at open, not at the first request, when the server is unreachable.
  const client = await pool.connect();
  client.release();
  const db = drizzleNodePg(pool, { schema, casing: "snake_case" }) as unknown as Db;
  const address = new URL(url);
  address.password = "";
  return { db, kind: "postgres", location: address.toString(), close: () => pool.end() };
}

/**
 * An 'error' event nobody listens to ends the process. The pool listens only to its idle connections;
 * a connection checked out for a transaction has no listener, so each one gets a lasting listener here.
 * Its running query fails anyway, and the pool drops it on release. One report per connection.
 */
function watchConnections(pool: pg.Pool, onConnectionError: (error: Error) => void) {
  const reported = new WeakSet<pg.PoolClient>();
  pool.on("connect", (client) => {
    client.on("error", (error) => {
      if (reported.has(client)) return;
      reported.add(client);
      onConnectionError(error);
    });
  });
  // Idle connections' errors arrive here too, and were reported by the listener above.
  pool.on("error", () => {});
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const folder = inMemory ? dataDir : resolve(dataDir);
  let lock: DataFolderLock | undefined;
  if (!inMemory) {
    mkdirSync(folder, { recursive: true });
    // PGlite itself lets two processes open one folder and corrupt it: a lock stops the second one.
    lock = lockDataFolder(folder);
  }
  try {
    const client = await PGlite.create(inMemory ? undefined : `${folder}/pgdata`, {
      extensions: { pg_trgm },
    });
    const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      location: folder,
      close: async () => {
        await client.close();
        lock?.release();
      },
      announceServer: (serverUrl, handoffSecret) =>
        lock?.announce({ serverUrl, ...(handoffSecret ? { handoffSecret } : {}) }),
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
