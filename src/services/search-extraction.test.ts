import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, anonymous } from "../domain/actor.js";
import { SearchQuery, type SearchQueryInput, type SearchResponse } from "../domain/search.js";
import type { Database } from "../store/database.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedExtractedClaims } from "../test-support/extracted-claims-fixture.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";
import { search } from "./search.js";

/**
 * Search by what was extracted (issue #11, item 4), on both databases: facets for the parties named,
 * the persons quoted, the places mentioned, the claim types and the commitments claims bear on, over
 * confirmed items only; and filters by each, which leave every kind but documents out.
 */

const p = "srx";
const monitor: Actor = {
  kind: "account",
  accountId: "acct-m",
  name: "monitor:m",
  role: "monitor",
  via: "token",
};

describeEachDatabase("search by what was extracted", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await seedSearchFixture(database.db, p);
    await seedExtractedClaims(database.db, p);
  });
  afterAll(() => database?.close());

  const find = (input: Omit<SearchQueryInput, "processId">, actor: Actor = anonymous) =>
    search(database.db, actor, SearchQuery.parse({ processId: p, ...input }));
  const ids = (response: SearchResponse) => response.results.map((r) => r.id).sort();

  it("counts the matching documents' confirmed items by party, speaker, place, claim type and commitment", async () => {
    const { facets } = await find({ q: "corridor", kind: "documents" });
    expect(facets.extractedParty).toEqual([
      { value: `${p}-armenia`, label: "Armenia", count: 1 },
      { value: `${p}-azerbaijan`, label: "Azerbaijan", count: 1 },
    ]);
    expect(facets.speaker).toEqual([{ value: `${p}-pashinyan`, label: "Nikol Pashinyan", count: 1 }]);
    // The suggested mention of the same place in another document is not counted.
    expect(facets.place).toEqual([{ value: `${p}-stepanakert`, label: "Stepanakert", count: 1 }]);
    expect(facets.claimType).toEqual([
      { value: "alleges_violation", count: 1 },
      { value: "commits", count: 1 },
      { value: "threatens", count: 1 },
    ]);
    // Both claims bear on the commitment's provision: the commitment is counted for each document.
    expect(facets.commitment).toEqual([
      { value: `${p}-commitment`, label: "Guarantee safe movement along the Lachin corridor", count: 2 },
    ]);
    // Staff see the same counts: suggestions are not counted for anyone.
    expect((await find({ q: "corridor", kind: "documents" }, monitor)).facets.claimType).toEqual(
      facets.claimType,
    );
  });

  it("filters documents by speaker, party, place, claim type and commitment", async () => {
    expect(ids(await find({ q: "corridor", speakerId: `${p}-pashinyan` }))).toEqual([`${p}-en-body`]);
    expect(ids(await find({ q: "corridor", extractedPartyId: `${p}-armenia` }))).toEqual([`${p}-en-body`]);
    expect(ids(await find({ q: "corridor", placeId: `${p}-stepanakert` }))).toEqual([`${p}-en-many`]);
    expect(ids(await find({ q: "corridor", claimType: "threatens" }))).toEqual([`${p}-en-many`]);
    expect(ids(await find({ q: "corridor", commitmentId: `${p}-commitment` }))).toEqual([
      `${p}-en-body`,
      `${p}-en-many`,
    ]);
    // A claim bearing on the commitment itself (not its provision) counts too.
    expect(ids(await find({ q: "sovereign", commitmentId: `${p}-commitment` }))).toEqual([`${p}-en-few`]);
  });

  it("leaves suggested and rejected items out of the filters", async () => {
    expect(ids(await find({ q: "corridor", claimType: "denies" }, monitor))).toEqual([]);
    expect(ids(await find({ q: "corridor", claimType: "demands" }, monitor))).toEqual([]);
  });

  it("never shows the public a draft document found by its claims; staff find it", async () => {
    expect(ids(await find({ q: "checkpoint", claimType: "threatens" }))).toEqual([
      `${p}-en-few`,
      `${p}-en-many`,
    ]);
    expect(ids(await find({ q: "checkpoint", claimType: "threatens" }, monitor))).toContain(`${p}-draft`);
  });
});
