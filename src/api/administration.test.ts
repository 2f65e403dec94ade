import { afterAll, beforeAll, expect, it } from "vitest";
import { AccountsFixture } from "../test-support/accounts-fixture.js";
import { describeEachDatabase } from "../test-support/databases.js";

/** What the administration and review pages of the web app read: last sign-ins, and the moves that need a reason. */
describeEachDatabase("administration reads", (open) => {
  let f: AccountsFixture;
  beforeAll(async () => {
    f = await AccountsFixture.start(await open());
  });
  afterAll(async () => {
    await f?.close();
    await f?.database.close();
  });

  it("lists each account's last sign-in: set by a login, null for an account never used", async () => {
    const idle = await f.account("never-signed-in@example.org", "monitor");
    const { client } = await f.signedIn("admin-lists@example.org", "administrator");
    const answer = await client.get("/api/accounts");
    expect(answer.status).toBe(200);
    const byEmail = new Map(
      (answer.body.items as { email: string; lastSignInAt: string | null }[]).map((a) => [a.email, a]),
    );
    expect(byEmail.get(idle.email)?.lastSignInAt).toBeNull();
    const signedIn = byEmail.get("admin-lists@example.org")?.lastSignInAt ?? "";
    expect(Date.now() - Date.parse(signedIn)).toBeLessThan(60_000);
  });

  it("answers the review moves with whether each needs a reason, to anyone", async () => {
    const answer = await f.client().get("/api/review-transitions");
    expect(answer.status).toBe(200);
    const needsReason = (kind: "records" | "replies", action: string, from: string) =>
      (answer.body[kind] as { action: string; from: string; requiresReason: boolean }[]).find(
        (move) => move.action === action && move.from === from,
      )?.requiresReason;
    expect(needsReason("records", "submit_for_review", "draft")).toBe(false);
    expect(needsReason("records", "return_to_draft", "under_review")).toBe(true);
    expect(needsReason("records", "publish", "under_review")).toBe(false);
    expect(needsReason("records", "publish", "disputed")).toBe(true);
    expect(needsReason("replies", "retract", "published")).toBe(true);
  });
});
