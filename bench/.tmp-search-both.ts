import pg from "pg";
import { openDatabase } from "../src/store/database.js";
import { findPostgresBin, startPostgresCluster } from "../src/test-support/postgres-cluster.js";
import { benchSearch } from "./search.bench.js";
const rec = (t: string, m: string, v: string) => console.log(`${t} | ${m} | ${v}`);
const which = process.argv[2] ?? "both";
if (which !== "pg") await benchSearch("PGlite", () => openDatabase({ dataDir: "memory://" }), 100_000, rec);
if (which !== "pglite") {
  const bin = findPostgresBin();
  const cluster = bin ? await startPostgresCluster(bin) : undefined;
  if (!cluster) throw new Error("no postgres");
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE bench_search");
    await admin.end();
    const url = Object.assign(new URL(cluster.url), { pathname: "/bench_search" }).toString();
    await benchSearch("PostgreSQL", () => openDatabase({ databaseUrl: url }), 100_000, rec);
  } finally {
    cluster.stop();
  }
}
