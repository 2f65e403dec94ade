import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema } from "../domain/entities.js";
import { seedFromFolder } from "../services/demo-data.js";
import { publicRowRule } from "../services/licence-policy.js";
import type { Database } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { runLicences } from "./licences.js";

/** `peacetrack licences [set ID USE]`: the administrator's setting per licence. */
describe("peacetrack licences", () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPgliteForTest();
    await seedFromFolder(database.db);
    await repositories.incidents.insertMany(
      database.db,
      [
        createSchema("incidents").parse({
          id: "cli-odd-licence",
          processId: "nk-2020",
          title: "Under terms nobody registered",
          monitoringType: "unclassified",
          startDate: "2023-01-01",
          licence: "some-ngo-terms",
        }) as NewRecord<"incidents">,
      ],
      "test",
    );
  }, 120_000);
  afterAll(async () => database?.close());

  const list = async () => {
    const lines: string[] = [];
    await runLicences(database.db, [], (line) => lines.push(line), "cli:test");
    return lines.map((line) => line.split("\t"));
  };

  it("lists every licence with its public use, including ones only rows carry", async () => {
    const rows = await list();
    expect(rows[0]).toEqual([
      "licence",
      "public use",
      "default",
      "redistributable",
      "incidents",
      "attribution",
    ]);
    expect(rows.find((r) => r[0] === "acled")?.slice(1, 4)).toEqual(["count_only", "count_only", "no"]);
    expect(rows.find((r) => r[0] === "ucdp-cc-by-4.0")?.[1]).toBe("include");
    expect(rows.find((r) => r[0] === "some-ngo-terms")).toEqual([
      "some-ngo-terms",
      "count_only",
      "count_only",
      "unknown",
      "1",
      "-",
    ]);
  });

  it("sets a licence's public use; refuses unknown ids and uses", async () => {
    await runLicences(database.db, ["set", "acled", "include"], () => {}, "cli:test");
    expect(await publicRowRule(database.db, "acled")).toBe("include");
    expect((await list()).find((r) => r[0] === "acled")?.[1]).toBe("include");
    await runLicences(database.db, ["set", "acled", "exclude"], () => {}, "cli:test");
    expect(await publicRowRule(database.db, "acled")).toBe("exclude");
    await runLicences(database.db, ["set", "some-ngo-terms", "include"], () => {}, "cli:test");
    expect(await publicRowRule(database.db, "some-ngo-terms")).toBe("include");
    await expect(runLicences(database.db, ["set", "acledd", "include"], () => {})).rejects.toThrow(
      /No licence "acledd"/,
    );
    await expect(runLicences(database.db, ["set", "acled", "everything"], () => {})).rejects.toThrow(
      /one of include/,
    );
    await expect(runLicences(database.db, ["set", "acled"], () => {})).rejects.toThrow(/usage/);
    await expect(runLicences(database.db, ["remove"], () => {})).rejects.toThrow(/unknown action/);
  });
});
