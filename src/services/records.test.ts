import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { ConflictError, ValidationError } from "../store/errors.js";
import { repositories } from "../store/repository.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { commitmentBody, freshId, partyBody, placeBody } from "../test-support/fixtures.js";
import { seedFromFolder } from "./demo-data.js";
import { createRecord, deleteRecord, getRecord, listRecords, systemActor, updateRecord } from "./records.js";

const actor = systemActor("tester");
const fresh = freshId;

/** The issues a refused write reports, as "path: message" lines, or the error itself if it was not refused. */
async function refusal(write: Promise<unknown>): Promise<string[]> {
  try {
    await write;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError)
      return error.details.map((d) => `${d.path}: ${d.message}`);
    throw error;
  }
  throw new Error("the write was accepted");
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describeEachDatabase("use cases keep every rule on create and on update", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await seedFromFolder(database.db);
  });
  afterAll(() => database.close());
  const db = () => database.db;

  async function commitmentWith(obligors: string[]) {
    return createRecord(
      db(),
      "commitments",
      { ...commitmentBody(obligors), categories: ["ceasefire"] },
      actor,
    );
  }

  it("refuses to remove an obligor that was already assessed, and lets an unassessed one go", async () => {
    const commitment = await commitmentWith(["armenia", "azerbaijan"]);
    await createRecord(
      db(),
      "assessments",
      {
        commitmentId: commitment.id,
        partyId: "armenia",
        asOf: "2023-01-01",
        level: 1,
        rationale: "r",
        assessor: "t",
      },
      actor,
    );
    expect(
      await refusal(
        updateRecord(db(), "commitments", commitment.id, { obligorPartyIds: ["azerbaijan"] }, actor),
      ),
    ).toEqual([
      'obligorPartyIds: "armenia" has assessments of this commitment: an obligor already assessed cannot be removed (record a new commitment instead)',
    ]);
    const changed = await updateRecord(
      db(),
      "commitments",
      commitment.id,
      { obligorPartyIds: ["armenia"] },
      actor,
    );
    expect(changed.obligorPartyIds).toEqual(["armenia"]);
  });

  it("checks the codebook on PATCH as on create", async () => {
    const commitment = await commitmentWith(["armenia"]);
    expect(
      await refusal(
        updateRecord(db(), "commitments", commitment.id, { categories: ["no_such_category"] }, actor),
      ),
    ).toEqual(['categories: "no_such_category" is not in the codebook (data/codebook/categories.yaml)']);
    expect((await getRecord(db(), "commitments", commitment.id)).categories).toEqual(["ceasefire"]);
  });

  it("computes a document's SHA-256 from what was received, and keeps its text as received", async () => {
    const first = `first text ${fresh("t")}`;
    const document = await createRecord(
      db(),
      "documents",
      { id: fresh("d"), processId: "nk-2020", kind: "news_article", title: "T", text: first },
      actor,
    );
    expect(document.sha256).toBe(sha256(first));
    expect(
      await refusal(updateRecord(db(), "documents", document.id, { text: "second text" }, actor)),
    ).toEqual([
      "text: a document's text is kept as it was received; take the corrected text in as a new document",
    ]);
    const retitled = await updateRecord(db(), "documents", document.id, { title: "Retitled" }, actor);
    expect([retitled.title, retitled.sha256, retitled.text]).toEqual(["Retitled", sha256(first), first]);
    const wrong = "0".repeat(64);
    const third = `third ${fresh("t")}`;
    const given = { processId: "nk-2020", kind: "news_article", title: "T", text: third, sha256: wrong };
    expect(await refusal(createRecord(db(), "documents", given, actor))).toEqual([
      `sha256: is not the SHA-256 of what was received (${sha256(third)}); leave it out and the server computes it`,
    ]);
    const right = await createRecord(db(), "documents", { ...given, sha256: sha256(third) }, actor);
    expect(right.sha256).toBe(sha256(third));
  });

  it("refuses to make a place its own ancestor, directly or through others", async () => {
    const place = (id: string, parentPlaceId?: string) =>
      createRecord(db(), "places", placeBody(id, parentPlaceId), actor);
    const [a, b, c] = [fresh("pa"), fresh("pb"), fresh("pc")];
    await place(a);
    await place(b, a);
    await place(c, b);
    expect(await refusal(updateRecord(db(), "places", a, { parentPlaceId: a }, actor))).toEqual([
      "parentPlaceId: a record cannot be its own parent",
    ]);
    expect(await refusal(updateRecord(db(), "places", a, { parentPlaceId: c }, actor))).toEqual([
      `parentPlaceId: a place cannot be its own ancestor: "${a}" → "${c}" → "${b}" → "${a}"`,
    ]);
    expect((await getRecord(db(), "places", a)).parentPlaceId).toBeUndefined();
  });

  it("refuses an incident that ends before it starts, on create and on PATCH, and clears a field sent as null", async () => {
    const incident = {
      processId: "nk-2020",
      title: "T",
      monitoringType: "ceasefire_violation",
      startDate: "2023-01-10",
    };
    expect(
      await refusal(createRecord(db(), "incidents", { ...incident, endDate: "2023-01-09" }, actor)),
    ).toEqual(["endDate: ends on 2023-01-09, before it starts (2023-01-10)"]);
    const created = await createRecord(db(), "incidents", { ...incident, endDate: "2023-01-11" }, actor);
    expect(
      await refusal(updateRecord(db(), "incidents", created.id, { startDate: "2023-02-01" }, actor)),
    ).toEqual(["endDate: ends on 2023-01-11, before it starts (2023-02-01)"]);
    const cleared = await updateRecord(
      db(),
      "incidents",
      created.id,
      { endDate: null, ongoing: true },
      actor,
    );
    expect(cleared.endDate).toBeUndefined();
    expect(cleared.ongoing).toBe(true);
  });

  it("refuses a correction dated before the assessment it corrects", async () => {
    const commitment = await commitmentWith(["armenia"]);
    const first = await createRecord(
      db(),
      "assessments",
      {
        commitmentId: commitment.id,
        partyId: "armenia",
        asOf: "2023-03-01",
        level: 1,
        rationale: "r",
        assessor: "t",
      },
      actor,
    );
    const correction = {
      commitmentId: commitment.id,
      partyId: "armenia",
      asOf: "2023-02-01",
      level: 2,
      rationale: "r",
      assessor: "t",
      supersedesId: first.id,
    };
    expect(await refusal(createRecord(db(), "assessments", correction, actor))).toEqual([
      `supersedesId: a correction is dated on or after what it corrects: "${first.id}" is as of 2023-03-01, this one as of 2023-02-01`,
    ]);
  });

  it("refuses to remove a record that others still name, and removes it once they are gone", async () => {
    const party = await createRecord(db(), "parties", partyBody(), actor);
    const commitment = await commitmentWith([party.id]);
    const refused = await refusal(deleteRecord(db(), "parties", party.id, actor));
    expect(refused).toEqual([`id: named by commitments "${commitment.id}" (obligorPartyIds)`]);
    await deleteRecord(db(), "commitments", commitment.id, actor);
    await deleteRecord(db(), "parties", party.id, actor);
    expect(await repositories.parties.get(db(), party.id)).toBeUndefined();
  });

  it("refuses text the database cannot store on every write path, the store's bulk path included", async () => {
    const party = {
      processId: "nk-2020",
      kind: "state",
      shortName: "A\u0000B",
      names: [{ text: "X", lang: "en" }],
    };
    expect(await refusal(createRecord(db(), "parties", party, actor))).toEqual([
      "shortName: contains a NUL character (U+0000), which cannot be stored",
    ]);
    const lone = { ...party, shortName: "ok", names: [{ text: "\ud800", lang: "en" }] };
    expect(await refusal(createRecord(db(), "parties", lone, actor))).toEqual([
      "names.0.text: contains a lone UTF-16 surrogate: it is not valid Unicode text and cannot be stored",
    ]);
    const bulk = repositories.parties.insertMany(
      db(),
      [{ ...(party as object), description: "", memberPartyIds: [], sources: [] } as never],
      "t",
    );
    expect(await refusal(bulk)).toHaveLength(1);
  });

  it("lists summaries: a document list carries an excerpt and the text's length, never the text", async () => {
    const text = "x".repeat(5000);
    await createRecord(
      db(),
      "documents",
      { processId: "nk-2020", kind: "report", title: "Long", text },
      actor,
    );
    const page = await listRecords(db(), "documents", { filters: { processId: "nk-2020" }, limit: 500 });
    const long = page.items.find((d) => d.title === "Long");
    expect(long).toMatchObject({ textLength: 5000, excerpt: "x".repeat(300) });
    expect(page.items.every((d) => !("text" in d))).toBe(true);
  });
});

describe("forged cursors", () => {
  it("are refused as input, whatever their sort value holds", async () => {
    const { openPgliteForTest } = await import("../test-support/databases.js");
    const database = await openPgliteForTest();
    try {
      const forged = [{ a: 1 }, [1], true, 1e308, null, "0000-01-01", "2023-02-30", "x\u0000"].map((value) =>
        Buffer.from(JSON.stringify([value, "id"])).toString("base64url"),
      );
      for (const cursor of [...forged, "not base64!", Buffer.from("[1]").toString("base64url")]) {
        const refused = await refusal(listRecords(database.db, "incidents", { cursor }));
        expect(refused[0]).toMatch(/^cursor: /);
      }
    } finally {
      await database.close();
    }
  });
});
