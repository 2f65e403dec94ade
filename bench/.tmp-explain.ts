import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { anonymous } from "../src/domain/actor.js";
import { searchKinds, searchMatchCap } from "../src/domain/search.js";
import { openDatabase } from "../src/store/database.js";
import { searchStatement } from "../src/store/search-queries.js";
import { benchSearch } from "./search.bench.js";

const db0 = await openDatabase({ dataDir: "memory://" });
let keep: any;
await benchSearch(
  "x",
  async () => ({ ...db0, close: async () => {} }),
  Number(process.argv[2] ?? 10000),
  (t, m, v) => console.log(m, v),
);
const dialect = new PgDialect({ casing: "snake_case" });
for (const q of ["ministry", "negotiating teams", "Stepanakret"]) {
  const st = searchStatement({
    text: q,
    kinds: searchKinds,
    limit: 20,
    offset: 0,
    matchCap: searchMatchCap,
    readAs: anonymous,
    processId: "bench",
  })!;
  const { sql: text, params } = dialect.sqlToQuery(st);
  const client = (db0.db as any).$client;
  const t0 = performance.now();
  const r = await client.query("EXPLAIN (ANALYZE, BUFFERS OFF) " + text, params);
  console.log(q, (performance.now() - t0).toFixed(0), "ms");
  console.log(r.rows.map((x: any) => x["QUERY PLAN"]).join("\n"));
}
