import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../store/database.js";
import { migrate } from "../store/migrate.js";
import { findPostgresBin, type PostgresCluster, startPostgresCluster } from "./postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
    postgresSkipReason: string;
  }
}

/**
 * Once per run: one migrated PGlite saved as a dump (a fresh PGlite costs seconds, a copy far less),
 * and one throwaway PostgreSQL cluster when the server binaries are here.
 */
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-test-"));
  const database = await openDatabase({ dataDir: "memory://" });
  await migrate(database.db);
  const dump = await database.dump?.();
  await database.close();
  const templatePath = join(folder, "template.tar");
  writeFileSync(templatePath, Buffer.from(await (dump as Blob).arrayBuffer()));
  project.provide("pgliteTemplate", templatePath);

  let cluster: PostgresCluster | undefined;
  if (process.env.DATABASE_URL) {
    project.provide("postgresUrl", process.env.DATABASE_URL);
    project.provide("postgresSkipReason", "");
  } else {
    const bin = findPostgresBin();
    if (bin) {
      cluster = await startPostgresCluster(bin);
      project.provide("postgresUrl", cluster.url);
      project.provide("postgresSkipReason", "");
    } else {
      project.provide("postgresUrl", null);
      project.provide("postgresSkipReason", "PostgreSQL server binaries (initdb, pg_ctl) not found and DATABASE_URL unset");
      console.warn("\n⚠ SKIPPED: PostgreSQL tests — server binaries not found and DATABASE_URL unset.\n");
    }
  }
  return () => {
    cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
