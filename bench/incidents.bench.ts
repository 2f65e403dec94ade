import http from "node:http";
import { and, desc, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { buildServer } from "../src/api/server.js";
import { anonymous } from "../src/domain/actor.js";
import type { IncidentFilterQuery } from "../src/domain/incident-list.js";
import { readableFilter } from "../src/domain/policy.js";
import { selectionOf } from "../src/services/incidents.js";
import { encodeCursor } from "../src/store/cursor.js";
import type { Database } from "../src/store/database.js";
import { featurePage } from "../src/store/feature-queries.js";
import { incidentConditions, incidentSummarySql } from "../src/store/incident-queries.js";
import { migrate } from "../src/store/migrate.js";
import { incidents } from "../src/store/schema.js";

/**
 * The incident list at scale: synthetic incidents written straight in SQL, then list pages through the
 * real HTTP server against the same SQL run raw on the same database. Ratio = HTTP p50 / raw p50.
 */

type Record = (target: string, measure: string, value: string) => void;

/** The HTTP routes read as the anonymous public: the store baselines add the same filter. */
const publicReadable = readableFilter(anonymous, "incidents");

/** Every filtered field varies by its own stride, so filters do not select each other's rows. */
const fillSql = (from: number, to: number) =>
  sql.raw(`
  INSERT INTO incidents (id, created_by, updated_by, process_id, title, monitoring_type, acled_event_type,
    acled_sub_event_type, start_date, country, admin1, location_name, latitude, longitude, actors,
    alleged_by_party_ids, verification_status, licence, description, sources)
  SELECT 'bi' || lpad(n::text, 8, '0'), 'bench', 'bench', CASE WHEN n % 10 = 0 THEN 'bench-2' ELSE 'bench' END,
    'Synthetic incident ' || n,
    (ARRAY['ceasefire_violation','movement_restriction','blockade','checkpoint_installed','utility_cut',
      'threat_of_force','line_of_contact_advance','unclassified'])[1 + (n / 3) % 8],
    CASE WHEN n % 5 < 3 THEN (ARRAY['Battles','Explosions/Remote violence','Strategic developments'])[1 + n % 3] END,
    CASE WHEN n % 5 < 3 THEN (ARRAY['Armed clash','Shelling/artillery/missile attack','Other'])[1 + n % 3] END,
    date '2000-01-01' + ((n::bigint * 7919) % 9000)::int,
    (ARRAY['Armenia','Azerbaijan'])[1 + n % 2], 'Region ' || (n % 23), 'Village ' || (n % 997),
    CASE WHEN n % 17 = 0 THEN NULL ELSE 38.5 + (n % 1009) / 400.0 END,
    CASE WHEN n % 17 = 0 THEN NULL ELSE 44.0 + (n % 1013) / 300.0 END,
    jsonb_build_array(jsonb_build_object('partyId', 'bench-' || chr(97 + n % 5), 'role', 'perpetrator'),
      jsonb_build_object('name', 'Actor ' || (n % 301), 'role', 'target')),
    jsonb_build_array('bench-' || chr(97 + (n / 5) % 5)),
    (ARRAY['reported','corroborated','verified','disputed','machine_coded'])[1 + (n / 7) % 5],
    CASE WHEN n % 3 = 0 THEN 'acled' ELSE 'own' END,
    'Shelling reported near checkpoint ' || (n % 5003) || ', word' || (n % 20011) || '; ' || repeat('details ', 1 + n % 8),
    jsonb_build_array(jsonb_build_object('url', 'https://example.org/' || n))
  FROM generate_series(${from}, ${to}) AS n`);

const parseQuery = (query: string) => Object.fromEntries(new URLSearchParams(query)) as IncidentFilterQuery;

const percentile = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))] ?? Number.NaN;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

/**
 * p50/p95 of each of `ways`, run in turn within every round, so a machine that gets busier or a cache
 * that warms up during the measurement weighs on all of them alike.
 */
async function timed(runs: number, ...ways: (() => Promise<unknown>)[]) {
  for (let i = 0; i < 5; i++) for (const way of ways) await way();
  const times = ways.map(() => [] as number[]);
  for (let i = 0; i < runs; i++)
    for (const [w, way] of ways.entries()) {
      const start = performance.now();
      await way();
      times[w]?.push(performance.now() - start);
    }
  return times.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 0.5), p95: percentile(list, 0.95) };
  });
}

/** One GET on a kept-alive connection, body read to the end. */
function httpGet(agent: http.Agent, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          response.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString("utf8"))
            : reject(new Error(`${path}: ${response.statusCode} ${Buffer.concat(chunks).toString("utf8")}`)),
        );
      })
      .on("error", reject);
  });
}

/**
 * `rows` incidents into a fresh database from `open`, then p50/p95 over `runs` requests per case.
 * `rawUrl` (PostgreSQL): the raw SQL runs on its own node-postgres client; on PGlite it runs through
 * `db.execute` (there is no wire to go around).
 */
export async function benchIncidentList(
  target: string,
  open: () => Promise<Database>,
  rows: number,
  record: Record,
  rawUrl?: string,
  runs = 50,
) {
  const database = await open();
  const raw = rawUrl ? new pg.Client({ connectionString: rawUrl }) : undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let app: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    await migrate(database.db);
    const { db } = database;
    await db.execute(sql`INSERT INTO processes (id, created_by, updated_by, name, slug)
      VALUES ('bench', 'bench', 'bench', 'Benchmark', 'bench'), ('bench-2', 'bench', 'bench', 'Benchmark 2', 'bench-2')`);
    // A bulk load: the table's indexes are dropped, the rows written, the indexes built again from their
    // own definitions. Building each once is much faster than keeping all of them up row by row.
    const indexes = (await db.execute(
      sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename = 'incidents' AND indexname <> 'incidents_pkey'`,
    )) as unknown as { rows: { name: string; definition: string }[] };
    for (const { name } of indexes.rows) await db.execute(sql.raw(`DROP INDEX "${name}"`));
    let start = performance.now();
    const chunk = 200_000;
    for (let from = 1; from <= rows; from += chunk)
      await db.execute(fillSql(from, Math.min(rows, from + chunk - 1)));
    record(
      target,
      `incident list: fill ${rows.toLocaleString("en")} incidents (SQL, primary key only)`,
      `${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    start = performance.now();
    for (const { definition } of indexes.rows) await db.execute(sql.raw(definition));
    await db.execute(sql`VACUUM ANALYZE incidents`);
    record(
      target,
      `incident list: build its ${indexes.rows.length} other indexes + VACUUM ANALYZE`,
      `${((performance.now() - start) / 1000).toFixed(1)} s`,
    );

    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await raw?.connect();
    const dialect = new PgDialect({ casing: "snake_case" });

    /** The cursor of the row at `depth` (0..1) of the list: a deep page without walking to it. */
    const cursorAt = async (query: string, depth: number) => {
      if (depth === 0) return undefined;
      const where = and(
        ...incidentConditions({ ...selectionOf(parseQuery(query)).filters, readable: publicReadable }),
      );
      const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(incidents).where(where);
      const [row] = await db
        .select({ startDate: incidents.startDate, id: incidents.id })
        .from(incidents)
        .where(where)
        .orderBy(desc(incidents.startDate), desc(incidents.id))
        .offset(Math.floor(Number(counted?.n) * depth))
        .limit(1);
      return row ? encodeCursor(row.startDate, row.id) : undefined;
    };

    const cases: [string, string, number][] = [
      ["filtered list (process + type), page 1", "processId=bench&monitoringType=blockade", 0],
      ["filtered list (process + type), page at 95% depth", "processId=bench&monitoringType=blockade", 0.95],
      ["type without process, page at 95% depth", "monitoringType=utility_cut", 0.95],
      ["text search (q=word1234), page 1", "q=word1234", 0],
      ["bbox 0.1° × 0.1°, page 1", "bbox=44.5,39.0,44.6,39.1", 0],
    ];
    for (const [label, query, depth] of cases) {
      const cursor = await cursorAt(query, depth);
      const path = `/api/incidents?${query}&limit=50${cursor ? `&cursor=${cursor}` : ""}`;
      const { filters, after } = selectionOf(parseQuery(`${query}${cursor ? `&cursor=${cursor}` : ""}`));
      const statement = incidentSummarySql({ ...filters, readable: publicReadable }, after, 51);
      const { sql: text, params } = dialect.sqlToQuery(statement);
      const [viaHttp, viaSql] = (await timed(
        runs,
        () => httpGet(agent, port, path),
        () => (raw ? raw.query(text, params) : db.execute(statement)),
      )) as [{ p50: number; p95: number }, { p50: number; p95: number }];
      record(
        target,
        `incident list: ${label}: HTTP p50/p95 vs raw SQL p50/p95`,
        `${ms(viaHttp.p50)} / ${ms(viaHttp.p95)} vs ${ms(viaSql.p50)} / ${ms(viaSql.p95)} → ${(viaHttp.p50 / viaSql.p50).toFixed(2)}×`,
      );
    }
    // The OGC items route adds the licence policy and bounded counts to its page query; its baseline is
    // that page query alone, through the store without HTTP.
    const box = { bbox: { minLon: 44.5, minLat: 39.0, maxLon: 44.6, maxLat: 39.1 } };
    const [ogcHttp, ogcStore] = (await timed(
      runs,
      () => httpGet(agent, port, "/ogc/collections/incidents/items?bbox=44.5,39.0,44.6,39.1&limit=50"),
      () =>
        featurePage(db, "incidents", box, { servedLicences: ["own"], limit: 50, readable: publicReadable }),
    )) as [{ p50: number; p95: number }, { p50: number; p95: number }];
    record(
      target,
      "OGC items, bbox 0.1° × 0.1°, limit 50: HTTP p50/p95 vs the page query alone",
      `${ms(ogcHttp.p50)} / ${ms(ogcHttp.p95)} vs ${ms(ogcStore.p50)} / ${ms(ogcStore.p95)} → ${(ogcHttp.p50 / ogcStore.p50).toFixed(2)}×`,
    );
    const [overview] = (await timed(runs, () => httpGet(agent, port, "/api/processes/bench/overview"))) as [
      { p50: number; p95: number },
    ];
    record(
      target,
      "process overview (counts kept per process), HTTP p50/p95",
      `${ms(overview.p50)} / ${ms(overview.p95)}`,
    );
    start = performance.now();
    const csv = await httpGet(agent, port, "/api/incidents.csv?processId=bench&limit=10000");
    record(
      target,
      "CSV export, 10,000 rows requested (ACLED rows left out)",
      `${ms(performance.now() - start)}, ${(csv.length / 1e6).toFixed(1)} MB`,
    );
  } finally {
    agent.destroy();
    await app?.close();
    await raw?.end();
    await database.close();
  }
}
