import { afterAll, beforeAll, expect, it } from "vitest";
import type { AccountActor } from "../domain/actor.js";
import type { Database } from "../store/database.js";
import { sightingsOf } from "../store/document-queries.js";
import { repositories } from "../store/repository.js";
import { testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { sampleArticleBytes } from "../test-support/samples.js";
import { systemActor } from "./context.js";
import { readDocumentDetail } from "./document-reads.js";
import { linkEvidence } from "./evidence-links.js";
import { createRecord } from "./records.js";
import { ingestFile, ingestPastedText } from "./source-intake.js";

const actor = systemActor("test");
const anonymous = { kind: "anonymous" } as const;

describeEachDatabase("taking documents in", (open) => {
  let database: Database;
  let staffReader: AccountActor;
  const db = () => database.db;
  const processId = "intake-process";
  const file = (name: string) =>
    ingestFile(
      db(),
      actor,
      new Uint8Array(sampleArticleBytes(name)),
      { fileName: name, contentType: "text/plain" },
      {
        processId,
        kind: "official_statement",
      },
    );

  beforeAll(async () => {
    database = await open();
    await createRecord(db(), "processes", { id: processId, name: "Intake", slug: "intake" }, actor);
    staffReader = (await testAccount(db(), "monitor")).actor;
  });
  afterAll(() => database.close());

  it("clusters the two renderings of one statement, and not the third statement", async () => {
    const direct = await file("artsakh-mfa-full-fledged-talks.txt");
    const report = await file("asbarez-full-fledged-talks.txt");
    const other = await file("artsakh-mfa-negotiation-format.txt");
    expect([direct.outcome, report.outcome, other.outcome]).toEqual(["created", "created", "created"]);
    if (direct.outcome === "failed" || report.outcome === "failed" || other.outcome === "failed") return;
    expect(report.nearDuplicates.map((found) => found.documentId)).toEqual([direct.documentId]);
    expect(report.nearDuplicates[0]?.score).toBeGreaterThan(0.5);
    expect(other.nearDuplicates).toEqual([]);
    const detail = await readDocumentDetail(db(), staffReader, report.documentId);
    expect(detail.cluster?.members.map((member) => member.id).sort()).toEqual(
      [direct.documentId, report.documentId].sort(),
    );
    // No member carries a published date: none is marked the original rather than one guessed.
    expect(detail.cluster?.members.every((member) => !member.isClusterOriginal)).toBe(true);
    expect((await readDocumentDetail(db(), staffReader, other.documentId)).cluster).toBeNull();
  });

  it("keeps the text as received and cleans a copy", async () => {
    const [stored] = (
      await repositories.documents.list(db(), { filters: { processId }, limit: 50 })
    ).items.filter((document) => document.text.startsWith("Categories: 2023"));
    expect(stored?.text).toContain("_expression_");
    expect(stored?.cleanedText).not.toContain("_expression_");
    expect(stored?.cleanedText).not.toMatch(/^Categories:/);
    expect(stored?.cleaningEdits?.length).toBeGreaterThan(0);
    expect([stored?.language, stored?.publishedOn, stored?.publishedDateSource]).toEqual(["en", null, null]);
  });

  it("stores the same bytes once, and records where and when they were seen again", async () => {
    const first = await file("artsakh-mfa-negotiation-format.txt");
    expect(first.outcome).toBe("sighting");
    if (first.outcome === "failed") return;
    const sightings = await sightingsOf(db(), first.documentId);
    expect(sightings.map((sighting) => sighting.outcome)).toEqual(["created", "sighting"]);
  });

  it("reads a published date from the text, says so, and detects the language among the candidates", async () => {
    const outcome = await ingestPastedText(
      db(),
      actor,
      "date 2023-03-27\nԼաչինի միջանցքը շարունակում է մնալ փակ, և մարդիկ չեն կարողանում ազատ տեղաշարժվել։ Արտաքին գործերի նախարարությունը կոչ է անում միջազգային հանրությանը։",
      { processId, title: "Statement" },
    );
    if (outcome.outcome === "failed") throw new Error(outcome.message);
    const stored = await repositories.documents.get(db(), outcome.documentId);
    expect([
      stored?.publishedOn,
      stored?.publishedDateSource,
      stored?.language,
      stored?.languageSource,
    ]).toEqual(["2023-03-27", "leading_date", "hy", "detected"]);
  });

  it("records a source that cannot be taken in, with its reason, and goes on", async () => {
    const binary = new Uint8Array([0, 1, 2, 0, 255, 254, 0, 0, 7, 0, 0, 1]);
    const failed = await ingestFile(db(), actor, binary, { fileName: "blob.bin" }, { processId });
    expect(failed).toMatchObject({ outcome: "failed", location: "blob.bin" });
    const next = await ingestPastedText(db(), actor, "A statement on the corridor that came after.", {
      processId,
      title: "After",
    });
    expect(next.outcome).toBe("created");
  });

  it("cites a passage by offsets into the original, shown at the same words in the cleaned text", async () => {
    const [report] = (
      await repositories.documents.list(db(), { filters: { processId }, limit: 50 })
    ).items.filter((document) => document.text.startsWith("Categories: 2023"));
    if (!report) throw new Error("the sample report is missing");
    const words = "full-fledged peace negotiations";
    const start = report.text.indexOf(words);
    await createRecord(
      db(),
      "incidents",
      {
        id: "intake-incident",
        processId,
        title: "Corridor",
        startDate: "2023-03-02",
        monitoringType: "blockade",
      },
      actor,
    );
    const link = await linkEvidence(db(), staffReader, {
      documentId: report.id,
      recordKind: "incidents",
      recordId: "intake-incident",
      passageStart: start,
      passageEnd: start + words.length,
    }).catch((error) => error);
    if (link instanceof Error) throw link;
    expect(link.quote).toBe(words);
    const cleaned = report.cleanedText ?? "";
    expect(cleaned.slice(link.cleanedStart ?? 0, link.cleanedEnd ?? 0)).toBe(words);
    const detail = await readDocumentDetail(db(), anonymous, report.id);
    expect(detail.evidence.map((item) => item.recordId)).toEqual(["intake-incident"]);
  });
});
