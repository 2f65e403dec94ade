import { afterAll, beforeAll, expect, it } from "vitest";
import { anonymous } from "../domain/actor.js";
import { type EntityInput, type EntityName, entitySchemas } from "../domain/entities.js";
import type { Database, Db } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { countQueries } from "../test-support/query-counter.js";
import { getAgreementWithText } from "./agreements.js";
import { agreementImplementation, commitmentDetail, partyScorecard } from "./implementation.js";
import { getFormatWithMeetings, getMeetingWithCommitments } from "./meetings.js";
import { processOverview } from "./overview.js";
import { buildReportModel } from "./report/build.js";

/**
 * The pages that show a record with its parts (an agreement with its provisions, texts and
 * commitments; a meeting with its commitments; the report with everything) read them by sets: the
 * number of SQL statements is the same for a small process and for one ten times its size.
 */

const small = 2;
const large = 20;

async function insert<E extends EntityName>(db: Db, name: E, inputs: (EntityInput<E> & { id: string })[]) {
  const records = inputs.map(({ id, ...input }) => ({
    ...entitySchemas[name].parse(input),
    id,
  })) as unknown as NewRecord<E>[];
  await repositories[name].insertMany(db, records, "test");
}

/** A process with `n` provisions in each of two agreements, and as many meeting commitments. */
async function seedProcess(db: Db, id: string, n: number) {
  const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  const [a, b] = [`${id}-a`, `${id}-b`];
  await insert(db, "processes", [{ id, name: id, slug: id }]);
  await insert(
    db,
    "parties",
    [a, b].map((party) => ({
      id: party,
      processId: id,
      kind: "state",
      shortName: party,
      names: [{ text: party, lang: "en" }],
    })),
  );
  await insert(db, "formats", [{ id: `${id}-format`, processId: id, name: "Format" }]);
  await insert(db, "meetings", [
    {
      id: `${id}-meeting`,
      processId: id,
      formatId: `${id}-format`,
      title: "Round",
      date: "2021-01-10",
      level: "leaders",
    },
  ]);
  for (const agreement of [`${id}-ag1`, `${id}-ag2`]) {
    await insert(db, "agreements", [
      { id: agreement, processId: id, title: agreement, kind: "ceasefire", signedOn: "2020-11-09" },
    ]);
    const versions = [`${agreement}-v1`, `${agreement}-v2`];
    await insert(
      db,
      "agreementVersions",
      versions.map((version, i) => ({
        id: version,
        agreementId: agreement,
        label: version,
        publisher: "P",
        language: "en",
        sortOrder: i,
      })),
    );
    await insert(
      db,
      "provisions",
      range(n).map((p) => ({ id: `${agreement}-p${p}`, agreementId: agreement, path: String(p) })),
    );
    await insert(
      db,
      "provisionTexts",
      range(n).flatMap((p) =>
        versions.map((version) => ({
          id: `${version}-p${p}`,
          provisionId: `${agreement}-p${p}`,
          versionId: version,
          text: `Point ${p}`,
        })),
      ),
    );
    await insert(
      db,
      "commitments",
      range(n).map((p) => ({
        id: `${agreement}-c${p}`,
        processId: id,
        provisionId: `${agreement}-p${p}`,
        title: `C${p}`,
        obligorPartyIds: [a, b],
        action: "Do",
      })),
    );
  }
  await insert(
    db,
    "commitments",
    range(n).map((m) => ({
      id: `${id}-mc${m}`,
      processId: id,
      meetingId: `${id}-meeting`,
      title: `M${m}`,
      obligorPartyIds: [a],
      action: "Do",
    })),
  );
  await insert(
    db,
    "assessments",
    range(n).flatMap((p) =>
      [a, b].map((party) => ({
        id: `${id}-as${p}-${party}`,
        commitmentId: `${id}-ag1-c${p}`,
        partyId: party,
        asOf: "2021-06-01",
        level: 2 as const,
        rationale: "Observed",
        assessor: "test",
      })),
    ),
  );
}

/** Each composite read, as a page of the given process would make it. */
const reads: Record<string, (db: Db, id: string) => Promise<unknown>> = {
  "agreement with texts": (db, id) => getAgreementWithText(db, anonymous, `${id}-ag1`),
  "agreement implementation": (db, id) => agreementImplementation(db, anonymous, `${id}-ag1`, "2023-01-01"),
  "commitment page": (db, id) => commitmentDetail(db, anonymous, `${id}-ag1-c1`, "2023-01-01"),
  "meeting with commitments": (db, id) => getMeetingWithCommitments(db, anonymous, `${id}-meeting`),
  "format with meetings": (db, id) => getFormatWithMeetings(db, anonymous, `${id}-format`),
  overview: (db, id) => processOverview(db, anonymous, id),
  "party scorecard": (db, id) => partyScorecard(db, anonymous, `${id}-a`, "2023-01-01"),
  "implementation report": (db, id) =>
    buildReportModel(db, { processId: id, asOf: "2023-01-01", since: "2021-01-01", readAs: anonymous }),
};

describeEachDatabase("composite reads fetch by sets", (open) => {
  let database: Database;

  beforeAll(async () => {
    database = await open();
    await seedProcess(database.db, "reads-small", small);
    await seedProcess(database.db, "reads-large", large);
  });
  afterAll(() => database?.close());

  async function statements(read: (db: Db, id: string) => Promise<unknown>, processId: string) {
    await read(database.db, processId); // fills the compliance cache, which later reads only check
    const counter = countQueries(database);
    try {
      await read(database.db, processId);
      return counter.count;
    } finally {
      counter.stop();
    }
  }

  for (const [name, read] of Object.entries(reads))
    it(`${name}: as many statements for ${large} items as for ${small}`, async () => {
      const forSmall = await statements(read, "reads-small");
      const forLarge = await statements(read, "reads-large");
      expect(forSmall).toBeGreaterThan(0);
      expect(forLarge).toBe(forSmall);
    });

  it("the agreement page costs a handful of statements", async () => {
    expect(await statements(reads["agreement with texts"] as never, "reads-large")).toBeLessThanOrEqual(5);
    expect(await statements(reads["agreement implementation"] as never, "reads-large")).toBeLessThanOrEqual(
      4,
    );
  });

  it("keeps every provision's texts and every commitment, in provision order", async () => {
    const agreement = await getAgreementWithText(database.db, anonymous, "reads-large-ag1");
    expect(agreement.provisions.map((p) => p.path)).toEqual(
      Array.from({ length: large }, (_, i) => String(i + 1)),
    );
    for (const provision of agreement.provisions)
      expect(Object.keys(provision.texts).sort()).toEqual(["reads-large-ag1-v1", "reads-large-ag1-v2"]);
    expect(agreement.commitments.map((c) => c.title)).toEqual(
      Array.from({ length: large }, (_, i) => `C${i + 1}`),
    );
    expect(agreement.versions.map((v) => v.id)).toEqual(["reads-large-ag1-v1", "reads-large-ag1-v2"]);
    const report = await buildReportModel(database.db, {
      processId: "reads-large",
      asOf: "2023-01-01",
      readAs: anonymous,
    });
    expect(report.agreements.map((a) => a.provisions.flatMap((p) => p.commitments).length)).toEqual([
      large,
      large,
    ]);
  });
});
