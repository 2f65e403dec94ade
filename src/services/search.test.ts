import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, anonymous } from "../domain/actor.js";
import { SearchQuery, type SearchQueryInput, type SearchResponse } from "../domain/search.js";
import type { Database } from "../store/database.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";
import { headlineSegments, search } from "./search.js";

/**
 * Search over documents in four languages and over the records, on both databases: stemming where
 * PostgreSQL has it, words as written where it has not, ranking, names by trigram, facets, snippets,
 * and the public never finding a draft.
 */

const p = "srch";
const monitor: Actor = {
  kind: "account",
  accountId: "acct-m",
  name: "monitor:m",
  role: "monitor",
  via: "token",
};

describeEachDatabase("search", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await seedSearchFixture(database.db, p);
  });
  afterAll(() => database?.close());

  const find = (input: Omit<SearchQueryInput, "processId">, actor: Actor = anonymous) =>
    search(database.db, actor, SearchQuery.parse({ processId: p, ...input }));
  const ids = (response: SearchResponse) => response.results.map((r) => r.id);
  const rankOf = (response: SearchResponse, id: string) =>
    response.results.find((r) => r.id === id)?.rank ?? -1;

  it("stems English: 'negotiations' finds 'negotiating', and a title match ranks above a text match", async () => {
    const found = await find({ q: "negotiations", kind: "documents" });
    expect(ids(found)).toEqual([`${p}-en-title`, `${p}-en-body`]);
    expect(rankOf(found, `${p}-en-title`)).toBeGreaterThan(rankOf(found, `${p}-en-body`));
  });

  it("stems Russian: 'переговоры' finds 'переговорах'", async () => {
    expect(ids(await find({ q: "переговоры" }))).toEqual([`${p}-ru`]);
  });

  it("finds Armenian and Azerbaijani words as written", async () => {
    expect(ids(await find({ q: "միջանցքը" }))).toEqual([`${p}-hy`]);
    expect(ids(await find({ q: "məntəqəsi" }))).toEqual([`${p}-az`]);
    expect(ids(await find({ q: "Danışıqlar davam" }))).toEqual([`${p}-az`]);
  });

  it("ranks more matches above fewer", async () => {
    const found = await find({ q: "checkpoint", kind: "documents" });
    expect(ids(found)).toEqual([`${p}-en-many`, `${p}-en-few`]);
  });

  it("highlights the matched words in the snippet, as text segments", async () => {
    const found = await find({ q: "checkpoint sovereign", kind: "documents" });
    const few = found.results.find((r) => r.id === `${p}-en-few`);
    const highlighted = few?.snippet.filter((s) => s.highlighted).map((s) => s.text);
    expect(highlighted).toEqual(["checkpoint", "sovereign"]);
    // ts_headline drops what its parser reads as tags; the rest, "&" included, is plain text.
    const whole = few?.snippet.map((s) => s.text).join("") ?? "";
    expect(whole).toMatch(/travel\s+& trade/);
    expect(whole).not.toMatch(/[<>]/);
    expect([...whole].some((c) => c === "\u0002" || c === "\u0003")).toBe(false);
  });

  it("finds records of every text kind, with the web app's address", async () => {
    const found = await find({ q: "Lachin corridor" });
    const byKind = Object.fromEntries(found.results.map((r) => [r.kind, r]));
    expect(byKind.incidents?.url).toBe(`/incidents/${p}-incident`);
    expect(byKind.agreements?.url).toBe(`/agreements/${p}-agreement`);
    expect(byKind.commitments?.url).toBe(`/commitments/${p}-commitment`);
    expect(byKind.provisions).toMatchObject({
      id: `${p}-provision-en`,
      url: `/agreements/${p}-agreement`,
      language: "en",
      publisher: "Kremlin",
    });
    expect(byKind.provisions?.title).toContain("§ 6");
    const meetings = await find({ q: "negotiations", kind: "meetings" });
    expect(ids(meetings)).toEqual([`${p}-meeting`]);
  });

  it("finds names by trigram similarity: misspelt, in another spelling, in another script", async () => {
    for (const q of ["Stepanakret", "Xankendi", "Ստեփանակերտ", "Степанакерт"]) {
      const found = await find({ q, kind: "places" });
      expect(ids(found), q).toEqual([`${p}-stepanakert`]);
    }
    const armenian = await find({ q: "Ստեփանակերտ", kind: "places" });
    expect(armenian.results[0]?.snippet.filter((s) => s.highlighted).map((s) => s.text)).toEqual([
      "Ստեփանակերտ",
    ]);
    expect(ids(await find({ q: "Pashinian", kind: "persons" }))).toEqual([`${p}-pashinyan`]);
    expect(ids(await find({ q: "Հայաստանի", kind: "parties" }))).toEqual([`${p}-armenia`]);
  });

  it("counts facets over the matches and filters by them", async () => {
    const found = await find({ q: "corridor", kind: "documents" });
    expect(found.total).toBe(3);
    expect(found.facets.publisher).toEqual([
      { value: "Ministry of Foreign Affairs of Armenia", count: 2 },
      { value: "Ministry of Foreign Affairs of Azerbaijan", count: 1 },
    ]);
    expect(found.facets.language).toEqual([{ value: "en", count: 3 }]);
    expect(found.facets.year).toEqual([{ value: "2023", count: 3 }]);
    expect(found.facets.party).toEqual([
      { value: `${p}-armenia`, label: "Armenia", count: 2 },
      { value: `${p}-azerbaijan`, label: "Azerbaijan", count: 1 },
    ]);

    const everything = await find({ q: "corridor" });
    const kinds = Object.fromEntries(everything.facets.kind.map((f) => [f.value, f.count]));
    expect(kinds).toMatchObject({ documents: 3, incidents: 1, agreements: 1, commitments: 1, provisions: 1 });

    const azerbaijan = await find({ q: "corridor", partyId: `${p}-azerbaijan` });
    expect(ids(azerbaijan).sort()).toEqual([
      `${p}-agreement`,
      `${p}-commitment`,
      `${p}-en-many`,
      `${p}-provision-en`,
    ]);
    const byPublisher = await find({ q: "corridor", publisher: "Ministry of Foreign Affairs of Azerbaijan" });
    expect(ids(byPublisher)).toEqual([`${p}-en-many`]);
    const dated = await find({ q: "corridor", from: "2023-03-01", to: "2023-12-31" });
    expect(ids(dated).sort()).toEqual([`${p}-en-body`, `${p}-en-many`, `${p}-incident`]);
    expect(ids(await find({ q: "Лачинскому", language: "ru" }))).toEqual([`${p}-ru`]);
  });

  it("shows a representative their party's own unpublished submission, and no one else's", async () => {
    const representative = (partyId: string): Actor => ({
      kind: "account",
      accountId: `acct-${partyId}`,
      name: `party_representative:${partyId}`,
      role: "party_representative",
      partyId,
      via: "token",
    });
    expect(ids(await find({ q: "wombatword" }, representative(`${p}-armenia`)))).toEqual([`${p}-claim`]);
    expect(ids(await find({ q: "wombatword" }, representative(`${p}-azerbaijan`)))).toEqual([]);
    expect(ids(await find({ q: "wombatword" }))).toEqual([]);
    expect(ids(await find({ q: "quokkaword" }, representative(`${p}-armenia`)))).toEqual([]);
  });

  it("never shows the public a draft; staff find it", async () => {
    expect((await find({ q: "quokkaword" })).total).toBe(0);
    expect(ids(await find({ q: "quokkaword" }, monitor))).toEqual([`${p}-draft`]);
    const checkpoints = await find({ q: "checkpoint" });
    expect(ids(checkpoints)).not.toContain(`${p}-draft`);
    expect(checkpoints.facets.kind.find((f) => f.value === "documents")?.count).toBe(2);
  });

  it("pages by offset and answers nothing found for words in no text", async () => {
    const first = await find({ q: "corridor", limit: 2 });
    const second = await find({ q: "corridor", limit: 2, offset: 2 });
    expect(first.results).toHaveLength(2);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    const nothing = await find({ q: "-- !! --" });
    expect(nothing).toMatchObject({ results: [], total: 0, totalIsCapped: false });
  });
});

it("cuts ts_headline's output at its markers only", () => {
  expect(headlineSegments("a \u0002Lachin\u0003 \u0002corridor\u0003 <i>&amp;")).toEqual([
    { text: "a ", highlighted: false },
    { text: "Lachin", highlighted: true },
    { text: " ", highlighted: false },
    { text: "corridor", highlighted: true },
    { text: " <i>&amp;", highlighted: false },
  ]);
});
