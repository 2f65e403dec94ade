import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, anonymous, type Role } from "../domain/actor.js";
import { reviewStates } from "../domain/common.js";
import { can, readableFilter, recordTarget } from "../domain/policy.js";
import { describeEachDatabase } from "../test-support/databases.js";
import type { Database } from "./database.js";
import { readableBy, readableJson } from "./readable.js";
import { incidents, processes } from "./schema.js";

/**
 * The SQL translation of `readableFilter` admits exactly the rows `can(actor, "read", record)` allows,
 * for every actor and every review state, on a table and over JSON alike (0 leaks, nothing withheld).
 */

const parties = [null, "party-a", "party-b"] as const;
const rows = reviewStates.flatMap((reviewState) =>
  parties.map((claimOfPartyId) => ({
    id: `${reviewState}-${claimOfPartyId ?? "none"}`,
    reviewState,
    claimOfPartyId,
  })),
);

const account = (role: Role, partyId?: string): Actor => ({
  kind: "account",
  accountId: `${role}-${partyId ?? "x"}`,
  name: role,
  role,
  ...(partyId ? { partyId } : {}),
  via: "session",
});
const actors: [string, Actor][] = [
  ["the public", anonymous],
  ["a monitor", account("monitor")],
  ["a mediator", account("mediator")],
  ["an administrator", account("administrator")],
  ["party A's representative", account("party_representative", "party-a")],
  ["party B's representative", account("party_representative", "party-b")],
  ["a representative of no party", account("party_representative")],
];

const allowed = (actor: Actor) =>
  rows
    .filter((row) => can(actor, "read", recordTarget("incidents", row)).allowed)
    .map((row) => row.id)
    .sort();

describeEachDatabase("readable records in SQL", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await database.db
      .insert(processes)
      .values({ id: "readable", name: "R", slug: "readable", createdBy: "t", updatedBy: "t" });
    await database.db.insert(incidents).values(
      rows.map((row) => ({
        ...row,
        processId: "readable",
        title: row.id,
        monitoringType: "ceasefire_violation",
        startDate: "2024-01-01",
        createdBy: "t",
        updatedBy: "t",
      })),
    );
  });
  afterAll(() => database?.close());

  it.each(actors)("a table: %s reads exactly what the policy allows", async (_, actor) => {
    const condition = readableBy(actor, "incidents", incidents);
    const read = await database.db
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.processId, "readable"), ...(condition ? [condition] : [])))
      .orderBy(asc(incidents.id));
    expect(read.map((row) => row.id)).toEqual(allowed(actor));
  });

  it.each(actors)(
    "stored JSON (the changes feed): %s reads exactly what the policy allows",
    async (_, actor) => {
      const admitted = readableJson(readableFilter(actor, "incidents"), sql`r.record`, sql`'incidents'`);
      const result = (await database.db.execute(sql`
      SELECT r.record->>'id' AS id FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r(record)
      WHERE ${admitted} ORDER BY 1`)) as unknown as { rows: { id: string }[] };
      expect(result.rows.map((row) => row.id).sort()).toEqual(allowed(actor));
    },
  );
});
