import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { anonymous } from "../domain/actor.js";
import { fromRoot } from "../project-root.js";
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
    const agreement = await getAgreementWithText(database.db, anonymous, "trilateral-2020");
    expect(agreement.versions.length).toBeGreaterThanOrEqual(3);
    const point2 = agreement.provisions.find((p) => p.path === "2");
    expect(point2?.texts["trilateral-2020:v-early"]?.text).toContain("Gazakh");
    expect(point2?.texts["trilateral-2020:v-armgov"]?.text).not.toContain("Gazakh");
    expect(agreement.provisions.map((p) => p.path).slice(0, 3)).toEqual(["1", "2", "3"]);
  });

  it("assesses every commitment of the Trilateral Statement, or states why not (data/demo-gaps.yaml, docs/DEMO.md)", async () => {
    const gaps = parse(readFileSync(fromRoot("data/demo-gaps.yaml"), "utf8")) as {
      agreementId: string;
      unassessedCommitments: { commitmentId: string; reason: string; sources: string[] }[];
      provisionsWithoutCommitment: { provisionId: string; reason: string; sources: string[] }[];
    };
    const provisions = (await repositories.provisions.all(database.db)).filter(
      (p) => p.agreementId === gaps.agreementId,
    );
    const provisionIds = new Set(provisions.map((p) => p.id));
    const commitments = (await repositories.commitments.all(database.db)).filter(
      (c) => c.provisionId !== undefined && provisionIds.has(c.provisionId),
    );
    const assessed = new Set((await repositories.assessments.all(database.db)).map((a) => a.commitmentId));
    const stated = new Map(gaps.unassessedCommitments.map((g) => [g.commitmentId, g]));
    expect(commitments.length).toBeGreaterThanOrEqual(10);
    for (const commitment of commitments)
      expect(
        assessed.has(commitment.id) || stated.has(commitment.id),
        `${commitment.id}: no assessment and no stated gap`,
      ).toBe(true);
    // The list stays honest: a stated gap names a real commitment that indeed has no assessment.
    for (const [id, gap] of stated) {
      expect(
        commitments.some((c) => c.id === id),
        `${id} is not a commitment of the statement`,
      ).toBe(true);
      expect(assessed.has(id), `${id} is listed as a gap but has an assessment`).toBe(false);
      expect(gap.reason.length).toBeGreaterThan(20);
      expect(gap.sources.length).toBeGreaterThan(0);
    }
    // Every provision yields a commitment, or the gap file says why not.
    const withCommitment = new Set(commitments.map((c) => c.provisionId));
    const noCommitment = new Set(gaps.provisionsWithoutCommitment.map((g) => g.provisionId));
    for (const provision of provisions)
      expect(
        withCommitment.has(provision.id) || noCommitment.has(provision.id),
        `${provision.id}: no commitment and no stated reason`,
      ).toBe(true);
    for (const id of noCommitment) expect(withCommitment.has(id), `${id} has a commitment`).toBe(false);
    const docs = readFileSync(fromRoot("docs/DEMO.md"), "utf8");
    for (const id of [...stated.keys(), ...noCommitment])
      expect(docs, `docs/DEMO.md names ${id}`).toContain(id);
  });

  it("cites a source for every incident, agreement and commitment", async () => {
    for (const name of [
      "incidents",
      "agreements",
      "commitments",
      "assessments",
      "accessObservations",
    ] as const) {
      const page = await repositories[name].list(database.db, { limit: 500 });
      for (const record of page.items)
        expect(record.sources.length, `${name} ${record.id}`).toBeGreaterThan(0);
    }
  });
});
