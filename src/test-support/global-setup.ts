import type { TestProject } from "vitest/node";
import { findPostgresBin, type PostgresCluster, startPostgresCluster } from "./postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipReason: string;
  }
}

/** Once per run: one throwaway PostgreSQL cluster when the server binaries are here. */
export default async function setup(project: TestProject) {
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
      project.provide(
        "postgresSkipReason",
        "PostgreSQL server binaries (initdb, pg_ctl) not found and DATABASE_URL unset",
      );
      console.warn("\n⚠ SKIPPED: PostgreSQL tests — server binaries not found and DATABASE_URL unset.\n");
    }
  }
  return () => {
    cluster?.stop();
  };
}
