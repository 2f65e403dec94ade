import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import lockfile from "proper-lockfile";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives: a folder for PGlite, the server address (without password) for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; "memory://" for a throwaway in-memory database. */
  dataDir?: string;
}

export class DataFolderInUseError extends Error {
  constructor(folder: string) {
    super(
      `The data folder ${folder} is in use by another Peacetrack process. Stop that process, or point PEACETRACK_DATA at another folder.`,
    );
    this.name = "DataFolderInUseError";
  }
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: env.PEACETRACK_DATA ?? "./data" };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? "./data");
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at open, not at the first request, when the server is unreachable.
  const client = await pool.connect();
  client.release();
  const db = drizzleNodePg(pool, { schema, casing: "snake_case" }) as unknown as Db;
  const address = new URL(url);
  address.password = "";
  return { db, kind: "postgres", location: address.toString(), close: () => pool.end() };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  const folder = inMemory ? dataDir : resolve(dataDir);
  let release: (() => Promise<void>) | undefined;
  if (!inMemory) {
    mkdirSync(folder, { recursive: true });
    // PGlite itself lets two processes open one folder and corrupt it: a lock stops the second one.
    try {
      release = await lockfile.lock(folder, { lockfilePath: `${folder}/peacetrack.lock`, stale: 15_000 });
    } catch (error) {
      if ((error as { code?: string }).code === "ELOCKED") throw new DataFolderInUseError(folder);
      throw error;
    }
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
        await release?.();
      },
    };
  } catch (error) {
    await release?.();
    throw error;
  }
}
