import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { getAgreementWithText } from "./agreements.js";
import { DataFileError, demoDataFolder, seedFromFolder } from "./demo-data.js";

let database: Database;
const folders: string[] = [];
beforeAll(async () => {
  database = await openPgliteForTest();
});
afterAll(async () => {
  await database.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the demo folder with one file replaced. */
function demoWith(file: string, content: string): string {
  const folder = mkdtempSync(join(tmpdir(), "peacetrack-seed-"));
  folders.push(folder);
  cpSync(demoDataFolder, folder, { recursive: true });
  writeFileSync(join(folder, file), content);
  return folder;
}

const countAll = async () => {
  let total = 0;
  for (const repository of Object.values(repositories)) total += await repository.count(database.db);
  return total;
};

describe("seeding a data folder", () => {
  it("refuses malformed YAML with its file and line, writing nothing", async () => {
    const folder = demoWith("places.yaml", "- id: a\n  processId: nk-2020\n  kind: [unclosed\n");
    const error = await seedFromFolder(database.db, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).file).toBe("places.yaml");
    expect((error as DataFileError).line).toBeGreaterThanOrEqual(3);
    expect(await countAll()).toBe(0);
  });

  it("refuses a record that breaks its schema, pointing at the field's line", async () => {
    const folder = demoWith(
      "incidents.yaml",
      "- id: ok\n  processId: nk-2020\n  title: Fine\n  monitoringType: blockade\n  startDate: '2023-01-01'\n- id: bad\n  processId: nk-2020\n  title: Broken\n  monitoringType: earthquake\n  startDate: '2023-01-01'\n",
    );
    const error = (await seedFromFolder(database.db, folder).catch((e: unknown) => e)) as DataFileError;
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.message).toMatch(/^incidents\.yaml:9: monitoringType/);
    expect(await countAll()).toBe(0);
  });

  it("refuses a dangling reference, naming the record's line, and rolls the whole load back", async () => {
    const folder = demoWith(
      "incidents.yaml",
      "- id: ok\n  processId: nk-2020\n  title: Fine\n  monitoringType: blockade\n  startDate: '2023-01-01'\n  allegedByPartyIds: [atlantis]\n",
    );
    const error = (await seedFromFolder(database.db, folder).catch((e: unknown) => e)) as DataFileError;
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.message).toMatch(
      /^incidents\.yaml:1: allegedByPartyIds: no parties record with id "atlantis"/,
    );
    expect(await countAll()).toBe(0);
  });

  it("refuses an assessment of a party that is not an obligor", async () => {
    const folder = demoWith(
      "assessments.yaml",
      "- id: wrong\n  commitmentId: c-kalbajar\n  partyId: russia\n  asOf: '2021-01-01'\n  level: 3\n  rationale: x\n  assessor: y\n",
    );
    const error = (await seedFromFolder(database.db, folder).catch((e: unknown) => e)) as DataFileError;
    expect(error.message).toMatch(/^assessments\.yaml:1: partyId: "russia" is not an obligor/);
    expect(await countAll()).toBe(0);
  });

  it("loads the demo data, and a second load changes nothing", async () => {
    const first = await seedFromFolder(database.db);
    expect(first.alreadyPresent).toBe(0);
    const total = await countAll();
    expect(total).toBeGreaterThan(100);
    const second = await seedFromFolder(database.db);
    expect(second.alreadyPresent).toBe(total);
    expect(Object.values(second.added).every((n) => n === 0)).toBe(true);
  });

  it("keeps each official version of the Trilateral Statement apart, with the Gazakh variant", async () => {
    const agreement = await getAgreementWithText(database.db, "trilateral-2020");
    expect(agreement.versions.length).toBeGreaterThanOrEqual(3);
    const point2 = agreement.provisions.find((p) => p.path === "2");
    expect(point2?.texts["trilateral-2020:v-early"]?.text).toContain("Gazakh");
    expect(point2?.texts["trilateral-2020:v-armgov"]?.text).not.toContain("Gazakh");
    expect(agreement.provisions.map((p) => p.path).slice(0, 3)).toEqual(["1", "2", "3"]);
  });

  it("cites a source for every incident, agreement and commitment", async () => {
    for (const name of ["incidents", "agreements", "commitments", "assessments"] as const) {
      const page = await repositories[name].list(database.db, { limit: 500 });
      for (const record of page.items)
        expect(record.sources.length, `${name} ${record.id}`).toBeGreaterThan(0);
    }
  });
});
