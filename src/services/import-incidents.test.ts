import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Incident } from "../domain/events.js";
import { readAcledDeletions } from "../ingest/acled-deletions.js";
import { generateAcledCsv } from "../ingest/fixtures/generate.js";
import { type FileRow, type IncidentFile, UnreadableFileError } from "../ingest/incident-file.js";
import { openIncidentFile } from "../ingest/open-incident-file.js";
import type { Database } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { describeEachDatabase } from "../test-support/databases.js";
import {
  getImportRun,
  importAcledDeletions,
  importIncidentFile,
  listImportRuns,
} from "./import-incidents.js";

const folder = mkdtempSync(join(tmpdir(), "peacetrack-import-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A reader's output without a reader: the pipeline is tested against the contract. */
function fakeFile(rows: FileRow[], options: { failAfter?: number } = {}): IncidentFile {
  let read = 0;
  return {
    dataset: "acled",
    layout: "acled-current",
    encoding: "utf-8",
    delimiter: ",",
    totalBytes: rows.length * 100,
    bytesRead: () => read * 100,
    async *rows() {
      for (const row of rows) {
        if (options.failAfter !== undefined && read >= options.failAfter)
          throw new UnreadableFileError("line 3: the file ends inside a quoted field");
        read++;
        yield row;
      }
    },
  };
}

const row = (processId: string, prefix: string, i: number, over: Record<string, unknown> = {}): FileRow => ({
  line: i + 2,
  record: Incident.parse({
    processId,
    title: `Armed clash ${i}`,
    monitoringType: "unclassified",
    disorderType: "Political violence",
    acledEventType: "Battles",
    acledSubEventType: "Armed clash",
    startDate: `2021-05-${String((i % 28) + 1).padStart(2, "0")}`,
    country: "Armenia",
    locationName: "Jermuk",
    latitude: 39.84,
    longitude: 45.67,
    geoPrecision: 1,
    actors: [{ name: "Military Forces of Azerbaijan (2003-)", role: "perpetrator", side: 1, typeCode: 1 }],
    fatalities: { best: i % 3, low: i % 3, high: i % 3 },
    description: `Shelling near Jermuk, tab\there and a\\backslash\nand a new line (${i}).`,
    sourceNames: "Azatutyun; Report.az",
    tags: ["crowd size=no report"],
    sourceUpdatedAt: "2021-06-01T10:00:00Z",
    licence: "acled",
    externalIds: { acled: `${prefix}${i}` },
    ...over,
  }),
});
type StoredEvent = {
  kind: string;
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

const rows = (processId: string, prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => row(processId, prefix, i));

describeEachDatabase("importing an incident file", (open, kind) => {
  let database: Database;
  let processCount = 0;
  const newProcess = async () => {
    const id = `imp${++processCount}`;
    await repositories.processes.create(
      database.db,
      { id, name: id, slug: id, description: "", isDemonstration: false, sources: [] },
      "tester",
    );
    return id;
  };
  const counted = async (processId: string) => {
    const result = await database.db.execute(sql`
      SELECT (SELECT count(*)::int FROM incidents WHERE process_id = ${processId}) AS incidents,
             (SELECT count(*)::int FROM record_events e JOIN incidents i ON i.id = e.record_id
               WHERE i.process_id = ${processId}) AS events`);
    return (result as unknown as { rows: { incidents: number; events: number }[] }).rows[0];
  };
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it("creates every row with its event, then finds them all unchanged on a second import", async () => {
    const processId = await newProcess();
    const progress: number[] = [];
    const first = await importIncidentFile(database.db, fakeFile(rows(processId, "ARM", 50)), {
      processId,
      batchSize: 7,
      source: { name: "acled.csv" },
      onProgress: (p) => progress.push(p.rowsRead),
    });
    expect(first).toMatchObject({
      state: "done",
      counts: { read: 50, created: 50, updated: 0, rejected: 0 },
    });
    expect(progress.at(-1)).toBe(50);
    expect(await counted(processId)).toEqual({ incidents: 50, events: 50 });
    const stored = await repositories.incidents.get(database.db, "acled:ARM7");
    expect(stored).toMatchObject({ title: "Armed clash 7", processId, externalIds: { acled: "ARM7" } });
    expect(stored?.description).toContain("tab\there and a\\backslash\nand");
    expect(stored?.actors[0]).toMatchObject({ role: "perpetrator", side: 1 });

    const events = await database.db.execute(
      sql`SELECT kind, before, after FROM record_events WHERE record_id = 'acled:ARM7'`,
    );
    const [created] = (events as unknown as { rows: { kind: string; before: null; after: object }[] }).rows;
    expect(created).toMatchObject({ kind: "created", before: null });
    expect(created?.after).toMatchObject({ id: "acled:ARM7", title: "Armed clash 7", createdBy: "import" });
    expect(created?.after).not.toHaveProperty("endDate");

    const again = await importIncidentFile(database.db, fakeFile(rows(processId, "ARM", 50)), { processId });
    expect(again.counts).toMatchObject({ read: 50, created: 0, updated: 0, unchanged: 50 });
    expect(await counted(processId)).toEqual({ incidents: 50, events: 50 });
    expect((await getImportRun(database.db, again.runId))?.state).toBe("done");
  });

  it("imports a generated ACLED file, finds it unchanged the second time and one edited row updated", async () => {
    const processId = await newProcess();
    const path = join(folder, `acled-${processId}.csv`);
    await generateAcledCsv(path, 2000, 7);
    const open = () => openIncidentFile(path, "acled", { processId });
    const first = await importIncidentFile(database.db, await open(), {
      processId,
      source: { name: "acled.csv", path },
    });
    expect(first.counts).toMatchObject({ read: 2000, created: 2000, rejected: 0 });
    const run = await getImportRun(database.db, first.runId);
    expect(run).toMatchObject({
      layout: "acled-current",
      fileName: "acled.csv",
      fileBytes: expect.any(Number),
    });
    expect(run?.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.bytesRead).toBe(run?.fileBytes);

    const again = await importIncidentFile(database.db, await open(), { processId });
    expect(again.counts).toMatchObject({ read: 2000, created: 0, updated: 0, unchanged: 2000 });
    expect(await counted(processId)).toEqual({ incidents: 2000, events: 2000 });

    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("[synthetic row 17]", "[synthetic row 17, corrected]"),
    );
    const edited = await importIncidentFile(database.db, await open(), { processId });
    expect(edited.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1999 });
    expect(await counted(processId)).toEqual({ incidents: 2000, events: 2001 });
  });

  it("updates a changed row with its before and after, and leaves the others alone", async () => {
    const processId = await newProcess();
    await importIncidentFile(database.db, fakeFile(rows(processId, "CHG", 10)), { processId });
    const changed = rows(processId, "CHG", 10);
    changed[3] = row(processId, "CHG", 3, { title: "Armed clash 3, corrected", fatalities: undefined });
    const outcome = await importIncidentFile(database.db, fakeFile(changed), { processId, actor: "monitor" });
    expect(outcome.counts).toMatchObject({ created: 0, updated: 1, unchanged: 9 });
    const events = await database.db.execute(
      sql`SELECT kind, actor, before, after FROM record_events WHERE record_id = 'acled:CHG3' ORDER BY seq`,
    );
    const list = (events as unknown as { rows: StoredEvent[] }).rows;
    expect(list.map((e) => e.kind)).toEqual(["created", "updated"]);
    expect(list[1]?.actor).toBe("monitor");
    expect(list[1]?.before).toMatchObject({ title: "Armed clash 3", fatalities: { best: 0 } });
    expect(list[1]?.after?.title).toBe("Armed clash 3, corrected");
    expect(list[1]?.after).not.toHaveProperty("fatalities");
    expect(await repositories.incidents.get(database.db, "acled:CHG3")).toMatchObject({
      title: "Armed clash 3, corrected",
      updatedBy: "monitor",
      createdBy: "import",
    });
  });

  it("keeps valid rows and lists the invalid ones with line and reason", async () => {
    const processId = await newProcess();
    const file = rows(processId, "BAD", 6);
    file[1] = { line: 3, reason: "event_date: 31/02/2021 is not a date" };
    file[4] = row(processId, "BAD", 4, { placeId: "nowhere" });
    const outcome = await importIncidentFile(database.db, fakeFile(file), { processId });
    expect(outcome.counts).toMatchObject({ read: 6, created: 4, rejected: 2 });
    expect(outcome.rejections).toEqual([
      { line: 3, reason: "event_date: 31/02/2021 is not a date" },
      { line: 6, reason: 'placeId: no places record with id "nowhere"' },
    ]);
    const run = await getImportRun(database.db, outcome.runId);
    expect(run).toMatchObject({ state: "done", counts: { rejected: 2 }, rejections: outcome.rejections });
  });

  it("refuses a whole file with one bad row when strict, writing nothing", async () => {
    const processId = await newProcess();
    const file = rows(processId, "STR", 30);
    file[25] = row(processId, "STR", 25, { endDate: "2020-01-01" });
    const outcome = await importIncidentFile(database.db, fakeFile(file), {
      processId,
      strict: true,
      batchSize: 10,
    });
    expect(outcome.state).toBe("refused");
    expect(outcome.counts).toMatchObject({ read: 30, created: 0, rejected: 1 });
    expect(outcome.rejections[0]).toMatchObject({ line: 27, reason: expect.stringContaining("endDate") });
    expect(await counted(processId)).toEqual({ incidents: 0, events: 0 });
    expect((await getImportRun(database.db, outcome.runId))?.state).toBe("refused");
  });

  it("reports what a dry run would do and writes nothing", async () => {
    const processId = await newProcess();
    await importIncidentFile(database.db, fakeFile(rows(processId, "DRY", 5)), { processId });
    const file = rows(processId, "DRY", 8);
    file[0] = row(processId, "DRY", 0, { title: "changed" });
    const outcome = await importIncidentFile(database.db, fakeFile(file), { processId, dryRun: true });
    expect(outcome.counts).toMatchObject({ read: 8, created: 3, updated: 1, unchanged: 4 });
    expect(await counted(processId)).toEqual({ incidents: 5, events: 5 });
    expect(await getImportRun(database.db, outcome.runId)).toMatchObject({ dryRun: true, state: "done" });
  });

  it("takes the file's last word for an id it repeats, in one batch or across batches", async () => {
    const processId = await newProcess();
    const file = [...rows(processId, "DUP", 4), row(processId, "DUP", 1, { title: "second word" })];
    const outcome = await importIncidentFile(database.db, fakeFile(file), { processId, batchSize: 100 });
    expect(outcome.counts).toMatchObject({ read: 5, created: 4, updated: 1 });
    expect((await repositories.incidents.get(database.db, "acled:DUP1"))?.title).toBe("second word");
  });

  it("gives the same dataset id in a second process an id of its own", async () => {
    const [first, second] = [await newProcess(), await newProcess()];
    await importIncidentFile(database.db, fakeFile(rows(first, "TWO", 2)), { processId: first });
    await importIncidentFile(database.db, fakeFile(rows(second, "TWO", 2)), { processId: second });
    const theirs = await repositories.incidents.list(database.db, { filters: { processId: second } });
    expect(theirs.items.map((i) => i.id).sort()).toEqual([
      expect.stringMatching(/^acled:TWO0\.[0-9a-f]{10}$/),
      expect.stringMatching(/^acled:TWO1\.[0-9a-f]{10}$/),
    ]);
  });

  it("tombstones the incidents a deletions file names, and a later import leaves them deleted", async () => {
    const processId = await newProcess();
    await importIncidentFile(database.db, fakeFile(rows(processId, "DEL", 5)), { processId });
    const deletions = join(folder, "deletions.csv");
    writeFileSync(
      deletions,
      "event_id_cnty,deleted_timestamp\nDEL1,1622541600\nDEL3,1622541600\nNOTHERE,1622541600\n",
    );
    const outcome = await importAcledDeletions(database.db, readAcledDeletions(deletions), { processId });
    expect(outcome.counts).toMatchObject({ read: 3, deleted: 2, unchanged: 1 });
    expect(await repositories.incidents.get(database.db, "acled:DEL1")).toBeUndefined();
    const events = await database.db.execute(
      sql`SELECT kind, before FROM record_events WHERE record_id = 'acled:DEL3' ORDER BY seq`,
    );
    const list = (events as unknown as { rows: StoredEvent[] }).rows;
    expect(list.map((e) => e.kind)).toEqual(["created", "deleted"]);
    expect(list[1]?.before?.title).toBe("Armed clash 3");
    const again = await importIncidentFile(database.db, fakeFile(rows(processId, "DEL", 5)), { processId });
    expect(again.counts).toMatchObject({ unchanged: 3, keptDeleted: 2, created: 0, updated: 0 });
  });

  it("fails clearly on an unreadable file and leaves no run running", async () => {
    const processId = await newProcess();
    const attempt = importIncidentFile(database.db, fakeFile(rows(processId, "UNR", 5), { failAfter: 2 }), {
      processId,
    });
    await expect(attempt).rejects.toThrow(UnreadableFileError);
    const [run] = await listImportRuns(database.db, processId);
    expect(run).toMatchObject({ state: "failed", errorMessage: expect.stringContaining("quoted field") });
    expect(run?.finishedAt).not.toBeNull();
  });

  it("refuses an unknown process before it starts", async () => {
    await expect(
      importIncidentFile(database.db, fakeFile([]), { processId: "no-such-process" }),
    ).rejects.toThrow(/no-such-process/);
  });

  it.runIf(kind === "postgres")("imports the same file twice at once without duplicates", async () => {
    const processId = await newProcess();
    const both = await Promise.all(
      [1, 2].map(() =>
        importIncidentFile(database.db, fakeFile(rows(processId, "CON", 400)), { processId, batchSize: 50 }),
      ),
    );
    expect(both.map((o) => o.counts.created).reduce((a, b) => a + b)).toBe(400);
    expect(both.map((o) => o.counts.created + o.counts.unchanged)).toEqual([400, 400]);
    expect(await counted(processId)).toEqual({ incidents: 400, events: 400 });
  });
});
