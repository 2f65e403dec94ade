/**
 * The agreement page's reads over HTTP on PGlite with the demo data: the SQL statements one page load
 * costs and the page loads per second. A page load is the two requests the page makes: the agreement
 * with its texts, and its implementation. Run alone with `npx tsx bench/agreement-page.bench.ts`.
 */
import { buildServer } from "../src/api/server.js";
import { seedFromFolder } from "../src/services/demo-data.js";
import { openDatabase } from "../src/store/database.js";
import { migrate } from "../src/store/migrate.js";
import { repositories } from "../src/store/repository.js";
import { countQueries } from "../src/test-support/query-counter.js";

type Record = (target: string, measure: string, value: string) => void;

const concurrency = 8;
const seconds = 5;

/** How many times per second `work` completes, run `concurrency` at a time for a few seconds. */
async function perSecond(work: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await work();
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export async function benchAgreementPage(record: Record) {
  const database = await openDatabase({ dataDir: "memory://" });
  const app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  try {
    await migrate(database.db);
    await seedFromFolder(database.db);
    const agreements = await repositories.agreements.all(database.db);
    const provisionCounts = await Promise.all(
      agreements.map((a) => repositories.provisions.count(database.db, { agreementId: a.id })),
    );
    const largest = agreements[provisionCounts.indexOf(Math.max(...provisionCounts))];
    if (!largest) throw new Error("the demo data has no agreement");
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const paths = [`/api/agreements/${largest.id}`, `/api/agreements/${largest.id}/implementation`];
    const loadPage = () =>
      Promise.all(
        paths.map(async (path) => {
          const response = await fetch(base + path);
          if (!response.ok) throw new Error(`${path}: ${response.status}`);
          await response.arrayBuffer();
        }),
      );

    await loadPage(); // warms the compliance cache and the query plans
    const counter = countQueries(database);
    const perPath: string[] = [];
    for (const path of paths) {
      counter.reset();
      const response = await fetch(base + path);
      await response.arrayBuffer();
      perPath.push(`${counter.count} ${path.replace(largest.id, ":id")}`);
    }
    counter.stop();
    record(
      "PGlite",
      `agreement page: SQL statements per load (${Math.max(...provisionCounts)} provisions)`,
      perPath.join(" + "),
    );

    const agreementAlone = async () => {
      const response = await fetch(base + paths[0]);
      await response.arrayBuffer();
    };
    record(
      "PGlite",
      `agreement page: GET /api/agreements/:id alone (${concurrency} at a time)`,
      `${(await perSecond(agreementAlone)).toFixed(0)} requests/s`,
    );
    record(
      "PGlite",
      `agreement page: whole loads (both requests, ${concurrency} at a time)`,
      `${(await perSecond(loadPage)).toFixed(0)} loads/s`,
    );
  } finally {
    await app.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAgreementPage((target, measure, value) => console.log(`${target} ${measure}: ${value}`));
}
