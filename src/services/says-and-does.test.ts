import { afterAll, beforeAll, expect, it } from "vitest";
import { type Actor, anonymous } from "../domain/actor.js";
import type { Database } from "../store/database.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedExtractedClaims, seedRecordOfDeeds } from "../test-support/extracted-claims-fixture.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";
import { commitmentSaysAndDoes, partySaysAndDoes } from "./says-and-does.js";

/**
 * "Says and does" on both databases: a party's confirmed claims on one axis with its standing
 * assessments and the incidents alleged against it; suggestions and rejections left out; a draft
 * document's claims hidden from the public; threats counted per month.
 */

const p = "sad";
const monitor: Actor = {
  kind: "account",
  accountId: "acct-m",
  name: "monitor:m",
  role: "monitor",
  via: "token",
};

describeEachDatabase("says and does", (open) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await seedSearchFixture(database.db, p);
    await seedExtractedClaims(database.db, p);
    await seedRecordOfDeeds(database.db, p);
  });
  afterAll(() => database?.close());

  const party = (actor: Actor = anonymous, range = {}) =>
    partySaysAndDoes(database.db, actor, `${p}-azerbaijan`, range);

  it("lays out the party's confirmed claims by date, with the passage they stand on", async () => {
    const view = await party();
    expect(view.partyName).toBe("Azerbaijan");
    expect(view.claims.map((c) => [c.date, c.claimType, c.documentId])).toEqual([
      ["2022-12-12", "threatens", `${p}-en-few`],
      ["2023-04-23", "commits", `${p}-en-many`],
      ["2023-04-23", "threatens", `${p}-en-many`],
      [expect.any(String), "denies", `${p}-az`],
    ]);
    const commits = view.claims.find((c) => c.claimType === "commits");
    expect(commits).toMatchObject({
      dateSource: "published",
      documentTitle: "On the situation at the bridge",
      spanStart: 0,
      spanEnd: 40,
      partyName: "Azerbaijan",
      text: "A checkpoint was installed at the bridge",
    });
    // A document without a publication date is placed on the day it came in, and says so.
    expect(view.claims.at(-1)?.dateSource).toBe("received");
  });

  it("leaves suggested and rejected claims out", async () => {
    const ids = (await party(monitor)).claims.map((c) => c.id);
    expect(ids).not.toContain(`${p}-claim-suggested`);
    expect(ids).not.toContain(`${p}-claim-rejected`);
  });

  it("hides a draft document's claims from the public; staff see them", async () => {
    expect((await party()).claims.map((c) => c.id)).not.toContain(`${p}-claim-draft`);
    expect((await party(monitor)).claims.map((c) => c.id)).toContain(`${p}-claim-draft`);
  });

  it("counts threats per month", async () => {
    expect((await party()).threatsPerMonth).toEqual([
      { month: "2022-12", count: 1 },
      { month: "2023-04", count: 1 },
    ]);
    expect((await party(monitor)).threatsPerMonth).toEqual([
      { month: "2022-12", count: 1 },
      { month: "2023-04", count: 1 },
      { month: "2023-06", count: 1 },
    ]);
  });

  it("shows standing assessments as obligor and the incidents alleged against the party", async () => {
    const view = await party();
    expect(view.assessments.map((a) => [a.id, a.asOf, a.level])).toEqual([
      [`${p}-assessment-corrected`, "2023-01-01", 2],
      [`${p}-assessment-later`, "2023-05-01", 0],
    ]);
    expect(view.assessments[0]?.commitmentTitle).toBe("Guarantee safe movement along the Lachin corridor");
    expect(view.incidents.map((i) => [i.id, i.grounds])).toEqual([
      [`${p}-blockade`, ["alleged_perpetrator", "alleged_breach"]],
    ]);
    expect((await party(monitor)).incidents.map((i) => i.id)).toEqual([
      `${p}-blockade`,
      `${p}-draft-incident`,
    ]);
  });

  it("narrows everything to a date range", async () => {
    const view = await party(anonymous, { from: "2023-01-01", to: "2023-04-30" });
    expect(view.claims.map((c) => c.claimType)).toEqual(["commits", "threatens"]);
    expect(view.assessments.map((a) => a.asOf)).toEqual(["2023-01-01"]);
    expect(view.incidents.map((i) => i.id)).toEqual([`${p}-blockade`]);
    expect(view.threatsPerMonth).toEqual([{ month: "2023-04", count: 1 }]);
  });

  it("gathers every party's claims bearing on a commitment or its provision", async () => {
    const view = await commitmentSaysAndDoes(database.db, anonymous, `${p}-commitment`, {});
    expect(view.provisionId).toBe(`${p}-provision`);
    expect(view.claims.map((c) => [c.partyId, c.claimType])).toEqual([
      [`${p}-azerbaijan`, "threatens"],
      [`${p}-armenia`, "alleges_violation"],
      [`${p}-azerbaijan`, "commits"],
    ]);
    expect(view.assessments.map((a) => [a.partyId, a.level])).toEqual([
      [`${p}-azerbaijan`, 2],
      [`${p}-azerbaijan`, 0],
    ]);
    expect(view.incidents.map((i) => [i.id, i.provisionIds])).toEqual([
      [`${p}-blockade`, [`${p}-provision`]],
    ]);
  });

  it("answers 404 for a party or commitment the caller may not read", async () => {
    await expect(partySaysAndDoes(database.db, anonymous, `${p}-nobody`, {})).rejects.toThrow(/No parties/);
    await expect(commitmentSaysAndDoes(database.db, anonymous, `${p}-none`, {})).rejects.toThrow(
      /No commitments/,
    );
  });
});
