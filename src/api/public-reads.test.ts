import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/changes.js";
import type { EntityName } from "../domain/entities.js";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { apiPathOf, fetchAs, type TestAccount, testAccount } from "../test-support/accounts.js";
import { FeedFollower } from "../test-support/changes-feed.js";
import { describeEachDatabase } from "../test-support/databases.js";
import {
  agreement,
  claimMarker,
  commitment,
  corridor,
  demoProcess,
  format,
  hiddenMarker,
  meeting,
  party,
  seedHiddenRecords,
} from "../test-support/hidden-records.js";
import { buildServer } from "./server.js";

/**
 * Issue #9, item 4: only published (and disputed) records reach the public, in every output. The demo
 * data is seeded with a draft, an under-review or a retracted copy of a record of every kind placed where
 * each output would show it (test-support/hidden-records.ts); then every output is read, over HTTP, as
 * the public (none may show one), as staff (they show), and as a party's representative (its own party's
 * claim and nothing else unpublished).
 */

interface Output {
  name: string;
  path: string;
  /** Whether staff see the hidden records here: false for the compliance index, a public figure. */
  staffSees: boolean;
}

const p = demoProcess;
const outputs: Output[] = [
  { name: "incident list", path: `/api/incidents?processId=${p}&limit=500`, staffSees: true },
  { name: "incident search", path: `/api/incidents?q=${hiddenMarker}`, staffSees: true },
  { name: "incident CSV", path: `/api/incidents.csv?processId=${p}`, staffSees: true },
  { name: "incident GeoJSON", path: `/api/incidents.geojson?processId=${p}`, staffSees: true },
  { name: "Atom feed", path: `/api/incidents.atom?process=${p}`, staffSees: true },
  { name: "map points", path: `/api/processes/${p}/incident-points`, staffSees: true },
  {
    name: "map titles",
    path: `/api/processes/${p}/incident-titles?ids=${hiddenMarker}-incidents-draft,${hiddenMarker}-incidents-under_review`,
    staffSees: true,
  },
  {
    name: "OGC incidents",
    path: "/ogc/collections/incidents/items?bbox=46.5,39.6,46.6,39.7&limit=100",
    staffSees: true,
  },
  { name: "OGC places", path: "/ogc/collections/places/items?limit=100", staffSees: true },
  { name: "OGC crossing points", path: "/ogc/collections/crossing-points/items?limit=100", staffSees: true },
  { name: "calendar", path: `/api/meetings.ics?processId=${p}`, staffSees: true },
  {
    name: "report",
    path: `/api/reports/implementation?process=${p}&since=2020-01-01&format=html`,
    staffSees: true,
  },
  { name: "overview", path: `/api/processes/${p}/overview`, staffSees: true },
  { name: "place access", path: `/api/places/${corridor}/access`, staffSees: true },
  { name: "agreement page", path: `/api/agreements/${agreement}`, staffSees: true },
  { name: "agreement implementation", path: `/api/agreements/${agreement}/implementation`, staffSees: true },
  { name: "commitment page", path: `/api/commitments/${commitment}`, staffSees: true },
  { name: "party scorecard", path: `/api/parties/${party}/scorecard`, staffSees: true },
  { name: "meeting page", path: `/api/meetings/${meeting}`, staffSees: true },
  { name: "format page", path: `/api/formats/${format}`, staffSees: true },
  { name: "compliance index", path: `/api/compliance?process=${p}`, staffSees: false },
  { name: "document list", path: `/api/documents?processId=${p}&limit=500`, staffSees: true },
  { name: "search", path: `/api/search?q=${hiddenMarker}&limit=50`, staffSees: true },
];

describeEachDatabase("what the public reads", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let hidden: Map<EntityName, string[]>;
  let mediator: TestAccount;
  let monitor: TestAccount;
  let administrator: TestAccount;
  let armenia: TestAccount;
  let azerbaijan: TestAccount;
  /** The public's figures before the hidden records were added: they must not move. */
  let before: { compliance: unknown; counts: Record<string, number> };

  const read = async (path: string, as?: TestAccount) => {
    const response = await fetchAs(as)(`${base}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const changesSeenBy = async (as?: TestAccount): Promise<ChangeEvent[]> =>
    new FeedFollower(base, 500, as?.headers ?? {}).catchUp();

  beforeAll(async () => {
    database = await open();
    await seedFromFolder(database.db);
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    before = {
      compliance: JSON.parse((await read(`/api/compliance?process=${p}&asOf=2026-06-01`)).text),
      counts: JSON.parse((await read(`/api/processes/${p}/overview`)).text).counts,
    };
    hidden = await seedHiddenRecords(database.db);
    mediator = await testAccount(database.db, "mediator");
    monitor = await testAccount(database.db, "monitor");
    administrator = await testAccount(database.db, "administrator");
    armenia = await testAccount(database.db, "party_representative", { partyId: party });
    azerbaijan = await testAccount(database.db, "party_representative", { partyId: "azerbaijan" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it.each(outputs)("$name: the public sees no unpublished record", async ({ path }) => {
    const answer = await read(path);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(answer.text).not.toContain(hiddenMarker);
    expect(answer.text).not.toContain(claimMarker);
  });

  it.each(outputs.filter((o) => o.staffSees))(
    "$name: staff see the unpublished records",
    async ({ path }) => {
      for (const staff of [mediator, monitor]) {
        const answer = await read(path, staff);
        expect(answer.status, answer.text.slice(0, 300)).toBe(200);
        expect(answer.text, `${staff.role} ${path}`).toContain(hiddenMarker);
      }
    },
  );

  it("every list of every kind leaves them out for the public, and lists them for staff", async () => {
    for (const [kind, ids] of hidden) {
      if (kind === "incidents") continue; // its own list route, in the table above
      const path = `/api/${apiPathOf(kind)}?limit=500`;
      const publicList = await read(path);
      expect(publicList.status, path).toBe(200);
      for (const id of ids) expect(publicList.text, path).not.toContain(id);
      const staffList = await read(path, mediator);
      for (const id of ids) expect(staffList.text, path).toContain(id);
    }
  });

  it("answers a detail the caller may not read with 404, as if it did not exist", async () => {
    for (const [kind, ids] of hidden)
      for (const id of ids) {
        const path = `/api/${apiPathOf(kind)}/${id}`;
        const publicAnswer = await read(path);
        expect(publicAnswer.status, path).toBe(404);
        expect(JSON.parse(publicAnswer.text).error.code).toBe("not_found");
        expect((await read(path, mediator)).status, path).toBe(200);
      }
    expect((await read(`/api/processes/${hiddenMarker}-processes-draft/overview`)).status).toBe(404);
    expect((await read(`/ogc/collections/incidents/items/${hiddenMarker}-incidents-draft`)).status).toBe(404);
  });

  it("keeps the public's figures: overview counts and the compliance index", async () => {
    const compliance = `/api/compliance?process=${p}&asOf=2026-06-01`;
    expect(JSON.parse((await read(compliance)).text)).toEqual(before.compliance);
    // The index is a public figure: staff read the same one.
    expect(JSON.parse((await read(compliance, mediator)).text)).toEqual(before.compliance);
    const counts = async (as?: TestAccount) =>
      JSON.parse((await read(`/api/processes/${p}/overview`, as)).text).counts;
    expect(await counts()).toEqual(before.counts);
    const staffCounts = await counts(mediator);
    // Three hidden incidents and Armenia's draft claim; signals are counted apart.
    expect(staffCounts.incidents).toBe((before.counts.incidents ?? 0) + 4);
    expect(staffCounts.documents).toBe((before.counts.documents ?? 0) + 1);
  });

  it("shows the public no change of a record it cannot read in the changes feed", async () => {
    const publicChanges = JSON.stringify(await changesSeenBy());
    expect(publicChanges).not.toContain(hiddenMarker);
    expect(publicChanges).not.toContain(claimMarker);
    expect(JSON.stringify(await changesSeenBy(mediator))).toContain(hiddenMarker);
  });

  it("shows a representative its own party's claim and nothing else unpublished", async () => {
    const claim = `${claimMarker}-incidents-${party}`;
    const list = `/api/incidents?processId=${p}&limit=500`;
    const own = await read(list, armenia);
    expect(own.text).toContain(claim);
    expect(own.text).not.toContain(hiddenMarker);
    expect((await read(`/api/incidents/${claim}`, armenia)).status).toBe(200);
    const ownFeed = JSON.stringify(await changesSeenBy(armenia));
    expect(ownFeed).toContain(claim);
    expect(ownFeed).not.toContain(hiddenMarker);
    const other = await read(list, azerbaijan);
    expect(other.text).not.toContain(claimMarker);
    expect((await read(`/api/incidents/${claim}`, azerbaijan)).status).toBe(404);
    for (const { path } of outputs) {
      const answer = await read(path, azerbaijan);
      expect(answer.text, path).not.toContain(hiddenMarker);
      expect(answer.text, path).not.toContain(claimMarker);
    }
  });

  it("gives every record returned the caller's allowed actions", async () => {
    const list = JSON.parse((await read(`/api/incidents?processId=${p}&limit=5`)).text);
    const published = list.items[0];
    expect(published.allowedActions).toEqual(["read"]);
    const detail = async (path: string, as?: TestAccount) => JSON.parse((await read(path, as)).text);
    const path = `/api/incidents/${published.id}`;
    expect((await detail(path)).allowedActions).toEqual(["read"]);
    const asAdministrator = (await detail(path, administrator)).allowedActions;
    expect(asAdministrator).toEqual(expect.arrayContaining(["read", "update", "dispute", "retract"]));
    expect(asAdministrator).not.toContain("delete"); // only drafts are deleted
    const underReview = await detail(`/api/incidents/${hiddenMarker}-incidents-under_review`, mediator);
    expect(underReview.allowedActions).toEqual(
      expect.arrayContaining(["read", "publish", "return_to_draft"]),
    );
    expect(underReview.allowedActions).not.toContain("update"); // frozen under review
    const adminList = JSON.parse((await read(`/api/incidents?processId=${p}&limit=10`, administrator)).text);
    const publishedAsAdministrator = adminList.items.find((item: { id: string }) => item.id === published.id);
    expect(publishedAsAdministrator.allowedActions).toEqual(asAdministrator);
    // Nested records of a composite read carry theirs too.
    const page = await detail(`/api/agreements/${agreement}`);
    expect(page.allowedActions).toEqual(["read"]);
    expect(
      page.provisions.every((x: { allowedActions: string[] }) => x.allowedActions.includes("read")),
    ).toBe(true);
    const kinds = async (as?: TestAccount) => (await detail("/api/permissions", as)).allowedKindActions;
    expect((await kinds()).incidents).toEqual([]);
    expect((await kinds(administrator)).incidents).toContain("import");
    expect((await kinds(monitor)).incidents).toEqual(["create"]);
  });

  // Last: it publishes and retracts records the tests above read.
  it("shows a public mirror a record published as created and one retracted as deleted", async () => {
    const mirror = new FeedFollower(base, 50);
    await mirror.catchUp();
    const atEnd = mirror.cursor;
    // A change the public cannot see moves the cursor on and shows nothing.
    const draft = `${hiddenMarker}-incidents-draft`;
    await repositories.incidents.update(database.db, draft, { title: `${draft} again` }, "test");
    const seenBefore = mirror.seen.length;
    await expect
      .poll(
        async () => {
          await mirror.catchUp();
          return mirror.cursor;
        },
        { timeout: 30_000 },
      )
      .not.toBe(atEnd);
    expect(mirror.seen.length).toBe(seenBefore);
    const published = `${hiddenMarker}-incidents-under_review`;
    await repositories.incidents.update(database.db, published, { reviewState: "published" }, "test");
    const shown = await mirror.until((seen) => seen.some((e) => e.recordId === published));
    expect(shown.map((e) => [e.recordId, e.kind])).toEqual([[published, "created"]]);
    expect(shown[0]?.record).toMatchObject({ id: published, reviewState: "published" });
    await repositories.incidents.update(database.db, published, { reviewState: "retracted" }, "test");
    const gone = await mirror.until((seen) =>
      seen.some((e) => e.recordId === published && e.kind === "deleted"),
    );
    expect(gone.map((e) => [e.recordId, e.kind])).toEqual([[published, "deleted"]]);
    // Staff see the same moves as the updates they are.
    const staff = (await changesSeenBy(mediator)).filter((e) => e.recordId === published);
    expect(staff.map((e) => e.kind)).toEqual(["created", "updated", "updated"]);
  });
});
