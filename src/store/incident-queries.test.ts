import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema } from "../domain/entities.js";
import type { ReadableFilter } from "../domain/policy.js";
import { createRecord, systemActor } from "../services/records.js";
import { describeEachDatabase, openPostgresForTest, postgresAvailable } from "../test-support/databases.js";
import type { Database } from "./database.js";
import {
  type IncidentFilters,
  type IncidentKeyset,
  incidentCounts,
  incidentSummarySql,
} from "./incident-queries.js";
import { type NewRecord, repositories } from "./repository.js";

/** Synthetic incidents in SQL, fields varied by unrelated strides (as bench/incidents.bench.ts does). */
const fillSql = (count: number) =>
  sql.raw(`
  INSERT INTO incidents (id, created_by, updated_by, process_id, title, monitoring_type, acled_event_type,
    start_date, country, latitude, longitude, verification_status, description)
  SELECT 'x' || lpad(n::text, 7, '0'), 't', 't', CASE WHEN n % 10 = 0 THEN 'ex2' ELSE 'ex' END, 'Incident ' || n,
    (ARRAY['ceasefire_violation','movement_restriction','blockade','checkpoint_installed','utility_cut',
      'threat_of_force','line_of_contact_advance','unclassified'])[1 + (n / 3) % 8],
    CASE WHEN n % 3 = 0 THEN 'Battles' END,
    date '2015-01-01' + ((n * 7919) % 3000),
    CASE WHEN n % 7 <> 0 THEN (ARRAY['Armenia','Azerbaijan'])[1 + n % 2] END,
    39 + (n % 100) / 100.0, 45 + (n % 97) / 100.0,
    (ARRAY['reported','corroborated','verified','disputed','machine_coded'])[1 + n % 5],
    'Synthetic description ' || n
  FROM generate_series(1, ${count}) AS n`);

const processes = async (database: Database) => {
  const actor = systemActor("test");
  for (const id of ["ex", "ex2"])
    await createRecord(database.db, "processes", { id, name: id, slug: `slug-${id}` }, actor);
};

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.skipIf(!postgresAvailable())("incident list plans on PostgreSQL (20,000 rows, analysed)", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPostgresForTest();
    await processes(database);
    await database.db.execute(fillSql(20_000));
    await database.db.execute(sql`ANALYZE incidents`);
  }, 120_000);
  afterAll(async () => database?.close());

  /** The keyset near the end of the list: a deep page. */
  async function deepKeyset(filters: IncidentFilters): Promise<IncidentKeyset> {
    const rows = (await database.db.execute(incidentSummarySql(filters, undefined, 100_000))) as unknown as {
      rows: { item: string }[];
    };
    const row = rows.rows[Math.floor(rows.rows.length * 0.95)] as { item: string };
    const { startDate, id } = JSON.parse(row.item) as { startDate: string; id: string };
    return [startDate, id];
  }

  it.each<[string, IncidentFilters]>([
    ["no filter", {}],
    ["process", { processId: "ex" }],
    ["process and type", { processId: "ex", monitoringType: "blockade" }],
    ["type without process", { monitoringType: "utility_cut" }],
    ["ACLED event type", { acledEventType: "Battles" }],
    ["status", { verificationStatus: "verified" }],
    ["country", { country: "Armenia" }],
    // What the public reads (readable.ts): the review-state filter must not cost the index its range.
    ["public, no filter", { readable: publicReadable }],
    ["public, process", { processId: "ex", readable: publicReadable }],
    ["public, type without process", { monitoringType: "utility_cut", readable: publicReadable }],
  ])("a deep page (%s) is an index range, never a sequential scan", async (_, filters) => {
    const after = await deepKeyset(filters);
    const explained = (await database.db.execute(
      sql`EXPLAIN (FORMAT JSON) ${incidentSummarySql(filters, after, 51)}`,
    )) as unknown as { rows: { "QUERY PLAN": [{ Plan: PlanNode }] }[] };
    const plan = explained.rows[0]?.["QUERY PLAN"][0].Plan as PlanNode;
    const all = nodes(plan);
    const text = JSON.stringify(plan);
    expect(
      all.filter((n) => n["Node Type"] === "Seq Scan"),
      text,
    ).toEqual([]);
    const ranges = all.filter(
      (n) => n["Node Type"].startsWith("Index") && /ROW\(start_date, id\) </.test(n["Index Cond"] ?? ""),
    );
    expect(ranges.length, text).toBe(1);
  });
});

const publicReadable: ReadableFilter = { reviewStates: ["published", "disputed"] };

describeEachDatabase("incident counts kept by the database", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await processes(database);
  }, 120_000);
  afterAll(async () => database?.close());

  const actual = async (processId: string) => {
    const result = (await database.db.execute(
      sql`SELECT verification_status AS s, count(*)::int AS n FROM incidents
          WHERE process_id = ${processId} AND deleted_at IS NULL GROUP BY 1`,
    )) as unknown as { rows: { s: string; n: number }[] };
    return new Map(result.rows.map((row) => [row.s, Number(row.n)]));
  };
  const parts = async () =>
    Number(
      (
        (await database.db.execute(sql`SELECT count(*)::int AS n FROM incident_counts`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n,
    );

  it("follow inserts, status changes, tombstones and deletes, and fold their rows", async () => {
    await database.db.execute(fillSql(500));
    expect(await incidentCounts(database.db, "ex")).toEqual(await actual("ex"));
    const one = (i: number) =>
      createSchema("incidents").parse({
        id: `one-${i}`,
        processId: "ex",
        title: "One",
        monitoringType: "blockade",
        startDate: "2024-01-01",
      }) as NewRecord<"incidents">;
    for (let i = 0; i < 70; i++) await repositories.incidents.create(database.db, one(i), "test");
    await repositories.incidents.update(database.db, "one-1", { verificationStatus: "verified" }, "test");
    await repositories.incidents.remove(database.db, "one-2", "test");
    await database.db.execute(sql`DELETE FROM incidents WHERE id IN ('x0000010', 'x0000011', 'one-3')`);
    await database.db.execute(
      sql`UPDATE incidents SET verification_status = 'disputed' WHERE id LIKE 'x00001%'`,
    );
    expect(await parts()).toBeGreaterThan(64);
    expect(await incidentCounts(database.db, "ex")).toEqual(await actual("ex"));
    expect(await incidentCounts(database.db, "ex2")).toEqual(await actual("ex2"));
    // The read folded the rows of "ex" into one per status.
    expect(await parts()).toBeLessThanOrEqual(10);
    expect(await incidentCounts(database.db, "ex")).toEqual(await actual("ex"));
  });
});
