import { openDatabase } from "../src/store/database.js";
import { benchSearch } from "./search.bench.js";

const count = Number(process.argv[2] ?? 100_000);
const url = process.argv[3];
await benchSearch(
  url ? "PostgreSQL" : "PGlite",
  () => (url ? openDatabase({ databaseUrl: url }) : openDatabase({ dataDir: "memory://" })),
  count,
  (t, m, v) => console.log(t, m, v),
);
