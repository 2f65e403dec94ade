import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../test-support/databases.js";
import { incidentRecord } from "../test-support/fixtures.js";
import type { Database } from "./database.js";
import { ConflictError, NotFoundError, ValidationError } from "./errors.js";
import { repositories } from "./repository.js";

const names = [{ text: "A", lang: "en", usedBy: [] }];

describeEachDatabase("repositories", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await repositories.processes.create(
      database.db,
      { id: "p1", name: "P", slug: "p", description: "", isDemonstration: false, sources: [] },
      "tester",
    );
    await repositories.parties.insertMany(
      database.db,
      ["a", "b"].map((id) => ({
        id,
        processId: "p1",
        kind: "state" as const,
        shortName: id,
        names,
        description: "",
        memberPartyIds: [],
        sources: [],
      })),
      "tester",
    );
  });
  afterAll(() => database.close());

  const incident = (id: string, startDate: string, over: Record<string, unknown> = {}) =>
    incidentRecord({ id, processId: "p1", title: id, startDate, ...over });

  it("creates, reads and writes a created event in the same transaction", async () => {
    const created = await repositories.parties.get(database.db, "a");
    expect(created).toMatchObject({ id: "a", createdBy: "tester", reviewState: "published" });
    expect(created?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const events = await database.db.execute(
      sql`SELECT kind, actor FROM record_events WHERE record_id = 'a'`,
    );
    expect((events as unknown as { rows: unknown[] }).rows).toEqual([{ kind: "created", actor: "tester" }]);
  });

  it("pages through a descending sort with ties, with no gaps or duplicates", async () => {
    const dates = [
      "2023-01-01",
      "2023-01-02",
      "2023-01-02",
      "2023-01-02",
      "2023-01-03",
      "2023-01-04",
      "2023-01-04",
    ];
    await repositories.incidents.insertMany(
      database.db,
      dates.map((date, i) => incident(`i${i}`, date)),
      "tester",
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repositories.incidents.list(database.db, {
        limit: 2,
        cursor,
        filters: { processId: "p1" },
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(["i6", "i5", "i4", "i3", "i2", "i1", "i0"]);
  });

  it("filters by column and date range", async () => {
    const page = await repositories.incidents.list(database.db, { from: "2023-01-02", to: "2023-01-03" });
    expect(page.items.map((i) => i.id).sort()).toEqual(["i1", "i2", "i3", "i4"]);
    const none = await repositories.incidents.list(database.db, { filters: { monitoringType: "blockade" } });
    expect(none.items).toEqual([]);
  });

  it("refuses a cursor it did not issue", async () => {
    await expect(repositories.incidents.list(database.db, { cursor: "garbage" })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("updates given fields only and keeps before and after in the event", async () => {
    const updated = await repositories.parties.update(database.db, "b", { shortName: "B2" }, "editor");
    expect(updated).toMatchObject({
      shortName: "B2",
      updatedBy: "editor",
      createdBy: "tester",
      kind: "state",
    });
    const events = (await database.db.execute(
      sql`SELECT before->>'shortName' AS before, after->>'shortName' AS after FROM record_events WHERE record_id = 'b' AND kind = 'updated'`,
    )) as unknown as { rows: unknown[] };
    expect(events.rows).toEqual([{ before: "b", after: "B2" }]);
  });

  it("deletes as a tombstone: hidden from reads, row and event kept", async () => {
    await repositories.incidents.remove(database.db, "i0", "editor");
    expect(await repositories.incidents.get(database.db, "i0")).toBeUndefined();
    const row = (await database.db.execute(
      sql`SELECT deleted_by FROM incidents WHERE id = 'i0'`,
    )) as unknown as {
      rows: unknown[];
    };
    expect(row.rows).toEqual([{ deleted_by: "editor" }]);
    await expect(repositories.incidents.remove(database.db, "i0", "editor")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("checks ids inside arrays and names the field", async () => {
    const error = await repositories.incidents
      .create(database.db, incident("bad", "2023-01-01", { allegedByPartyIds: ["a", "ghost"] }), "tester")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual([
      { path: "allegedByPartyIds", message: 'no parties record with id "ghost"' },
    ]);
  });

  it("reports a duplicate id as a conflict", async () => {
    await expect(
      repositories.incidents.create(database.db, incident("i1", "2023-01-01"), "tester"),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("writes a batch all or nothing", async () => {
    const before = await repositories.incidents.count(database.db);
    const batch = [
      incident("ok1", "2023-02-01"),
      incident("ok2", "2023-02-01"),
      incident("i2", "2023-02-01"),
    ];
    await expect(
      repositories.incidents.insertMany(database.db, batch, "tester", { chunkSize: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await repositories.incidents.count(database.db)).toBe(before);
    expect(await repositories.incidents.get(database.db, "ok1")).toBeUndefined();
  });

  it("reads every matching record across pages with all()", async () => {
    const many = Array.from({ length: 520 }, (_, i) =>
      incident(`many-${i}`, "2024-06-01", { monitoringType: "blockade" }),
    );
    await repositories.incidents.insertMany(database.db, many, "tester");
    const found = await repositories.incidents.all(database.db, { filters: { monitoringType: "blockade" } });
    expect(found).toHaveLength(520);
    expect(new Set(found.map((i) => i.id)).size).toBe(520);
  });
});
