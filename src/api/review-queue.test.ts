import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReviewQueueItem } from "../domain/review-queue.js";
import type { Database } from "../store/database.js";
import {
  fetchAs,
  type StaffAccounts,
  sendAs,
  staffAccounts,
  type TestAccount,
  testAccount,
} from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

/** Issue #9, item 4: the review queue — who sees it, what it lists, and what each reader may do. */

describeEachDatabase("The review queue", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let representative: TestAccount;
  const processId = freshId("rq-process");

  beforeAll(async () => {
    database = await open();
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    staff = await staffAccounts(database.db);
    const created = await sendAs(staff.administrator, "POST", `${base}/api/processes`, {
      id: processId,
      name: "Review queue",
      slug: freshId("rq"),
    });
    if (created.status !== 201) throw new Error(await created.text());
    const partyId = freshId("rq-party");
    const party = await sendAs(staff.administrator, "POST", `${base}/api/parties`, {
      ...partyBody(partyId),
      processId,
    });
    if (party.status !== 201) throw new Error(await party.text());
    representative = await testAccount(database.db, "party_representative", { partyId });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const queueOf = async (who: TestAccount, query = "") => {
    const response = await fetchAs(who)(`${base}/api/review-queue${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: ReviewQueueItem[] }).items;
  };
  const newPlace = async (who: TestAccount, label: string) => {
    const response = await sendAs(who, "POST", `${base}/api/places`, {
      processId,
      names: [{ text: label, lang: "en" }],
      kind: "town",
      geoPrecision: 2,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const review = (who: TestAccount, id: string, action: string) =>
    sendAs(who, "POST", `${base}/api/places/${id}/review`, { action });

  it("lists a monitor's submitted record for a mediator, who may publish it; published, it leaves", async () => {
    const id = await newPlace(staff.monitor, "Queued town");
    expect((await review(staff.monitor, id, "submit_for_review")).status).toBe(200);

    const mediatorQueue = await queueOf(staff.mediator);
    const line = mediatorQueue.find((item) => item.id === id);
    expect(line).toMatchObject({
      kind: "places",
      label: "Queued town",
      reviewState: "under_review",
      // Written with the monitor's API token (named "tests"): the history names the token.
      submittedBy: "token:tests",
    });
    expect(line?.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(line?.allowedActions).toEqual(expect.arrayContaining(["publish", "return_to_draft"]));
    // Four eyes: the monitor who submitted sees it, and may withdraw it, but not publish it.
    const own = (await queueOf(staff.monitor)).find((item) => item.id === id);
    expect(own?.allowedActions).not.toContain("publish");
    expect(own?.allowedActions).toContain("return_to_draft");

    expect((await review(staff.mediator, id, "publish")).status).toBe(200);
    expect((await queueOf(staff.mediator)).some((item) => item.id === id)).toBe(false);
  });

  it("lists drafts only to their author, and filters by kind and state", async () => {
    const draft = await newPlace(staff.monitor, "Drafted town");
    expect((await queueOf(staff.monitor, "?state=draft")).map((item) => item.id)).toContain(draft);
    expect((await queueOf(staff.mediator)).some((item) => item.id === draft)).toBe(false);
    expect((await queueOf(staff.monitor, "?state=under_review")).some((item) => item.id === draft)).toBe(
      false,
    );
    expect((await queueOf(staff.monitor, "?kind=incidents")).some((item) => item.id === draft)).toBe(false);
  });

  it("lists newest first", async () => {
    const first = await newPlace(staff.monitor, "Earlier");
    const second = await newPlace(staff.monitor, "Later");
    await review(staff.monitor, first, "submit_for_review");
    await review(staff.monitor, second, "submit_for_review");
    const ids = (await queueOf(staff.administrator)).map((item) => item.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
  });

  it("answers the public 401 and a party representative 403", async () => {
    const anonymous = await fetch(`${base}/api/review-queue`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("not_signed_in");
    const party = await fetchAs(representative)(`${base}/api/review-queue`);
    expect(party.status).toBe(403);
    expect((await party.json()).error.code).toBe("forbidden");
  });
});
