import { afterAll, beforeAll, expect, it } from "vitest";
import { AccountsFixture, sql } from "../test-support/accounts-fixture.js";
import { describeEachDatabase } from "../test-support/databases.js";

/** API tokens for machines over real HTTP, on PGlite and PostgreSQL. */
describeEachDatabase("API tokens", (open) => {
  let f: AccountsFixture;
  beforeAll(async () => {
    f = await AccountsFixture.start(await open());
  });
  afterAll(async () => {
    await f?.close();
    await f?.database.close();
  });

  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const party = (shortName: string) => ({
    processId: "acc-process",
    kind: "state",
    shortName,
    names: [{ text: shortName, lang: "en" }],
  });

  it("creates a token shown once and stored hashed, used as a bearer without CSRF, recording its last use", async () => {
    const { client } = await f.signedIn("machine-owner@example.org", "monitor");
    const created = await client.request("POST", "/api/tokens", { body: { name: "ingest bot" }, csrf: true });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "ingest bot", role: "monitor", lastUsedAt: null, revokedAt: null });
    const stored = await f.run(sql`SELECT * FROM api_tokens WHERE id = ${token.id}`);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await client.get("/api/tokens");
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const machine = f.client();
    const me = await machine.get("/api/session", bearer(secret));
    expect(me.body.actor).toMatchObject({
      kind: "account",
      name: "token:ingest bot",
      role: "monitor",
      via: "token",
    });
    expect(me.body.csrfToken).toBeNull();
    // A monitor's token writes field work (a place), as a draft.
    const written = await machine.request("POST", "/api/places", {
      body: { processId: "acc-process", kind: "town", names: [{ text: "ByToken", lang: "en" }] },
      headers: bearer(secret),
    });
    expect(written.status).toBe(201);
    expect(written.body.createdBy).toBe("token:ingest bot");
    const after = (await client.get("/api/tokens")).body.items[0];
    expect(after.lastUsedAt).not.toBeNull();
  });

  it("refuses a revoked token (and its replay), an expired one and an unknown one with 401 and the reason, logged", async () => {
    const { client } = await f.signedIn("revoker@example.org", "mediator");
    const make = async (name: string, extra = {}) =>
      (await client.request("POST", "/api/tokens", { body: { name, ...extra }, csrf: true })).body;
    const revoked = await make("to revoke");
    expect((await f.client().get("/api/session", bearer(revoked.secret))).status).toBe(200);
    const revoke = await client.request("DELETE", `/api/tokens/${revoked.token.id}`, { csrf: true });
    expect(revoke.status).toBe(200);
    expect(revoke.body.revokedAt).not.toBeNull();
    for (let replay = 0; replay < 2; replay++) {
      const answer = await f.client().request("POST", "/api/parties", {
        body: party("Replay"),
        headers: bearer(revoked.secret),
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toEqual({
        code: "token_revoked",
        message: "The API token has been revoked.",
      });
    }
    const expiring = await make("short-lived", { expiresInDays: 1 });
    expect(expiring.token.expiresAt).not.toBeNull();
    await f.run(
      sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expiring.token.id}`,
    );
    const expired = await f.client().get("/api/parties", bearer(expiring.secret));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("token_expired");
    const unknown = await f.client().get("/api/parties", bearer(`ptk_${"x".repeat(43)}`));
    expect(unknown.body.error.code).toBe("token_unknown");
    const basic = await f.client().get("/api/parties", { authorization: "Basic dXNlcjpwYXNz" });
    expect(basic.status).toBe(401);
    expect(basic.body.error.code).toBe("unsupported_authorization");
    const problems = f.logged("API token refused").map((line) => line.problem);
    expect(problems).toEqual(expect.arrayContaining(["revoked", "expired", "unknown"]));
    expect(f.rawLog.join("\n")).not.toContain(revoked.secret);
  });

  it("lets a token carry the account's role or a lower one, never a higher one, and never mint tokens itself", async () => {
    const { client } = await f.signedIn("scoped@example.org", "mediator");
    const lower = await client.request("POST", "/api/tokens", {
      body: { name: "reader", role: "monitor" },
      csrf: true,
    });
    expect(lower.status).toBe(201);
    expect((await f.client().get("/api/session", bearer(lower.body.secret))).body.actor.role).toBe("monitor");
    const higher = await client.request("POST", "/api/tokens", {
      body: { name: "escalate", role: "administrator" },
      csrf: true,
    });
    expect(higher.status).toBe(403);
    expect(higher.body.error.message).toContain("not administrator");
    const minted = await f.client().request("POST", "/api/tokens", {
      body: { name: "child" },
      headers: bearer(lower.body.secret),
    });
    expect(minted.status).toBe(403);
    expect(minted.body.error.message).toContain("signed-in session");
    const representative = await f.signedIn("rep-token@example.org", "party_representative", "acc-party-a");
    const repToken = await representative.client.request("POST", "/api/tokens", {
      body: { name: "rep bot", role: "monitor" },
      csrf: true,
    });
    expect(repToken.status).toBe(403);
    const own = await representative.client.request("POST", "/api/tokens", {
      body: { name: "rep bot" },
      csrf: true,
    });
    expect((await f.client().get("/api/session", bearer(own.body.secret))).body.actor).toMatchObject({
      role: "party_representative",
      partyId: "acc-party-a",
    });
    const anonymous = await f.client().request("POST", "/api/tokens", { body: { name: "anon" } });
    expect(anonymous.status).toBe(401);
  });

  it("does not let one account revoke or list another's tokens; an administrator may", async () => {
    const owner = await f.signedIn("owner@example.org", "monitor");
    const token = (await owner.client.request("POST", "/api/tokens", { body: { name: "mine" }, csrf: true }))
      .body;
    const stranger = await f.signedIn("stranger@example.org", "monitor");
    const stolen = await stranger.client.request("DELETE", `/api/tokens/${token.token.id}`, { csrf: true });
    expect(stolen.status).toBe(404);
    const peek = await stranger.client.get(`/api/tokens?accountId=${owner.account.id}`);
    expect(peek.status).toBe(403);
    const admin = await f.signedIn("token-admin@example.org", "administrator");
    expect((await admin.client.get(`/api/tokens?accountId=${owner.account.id}`)).body.items).toHaveLength(1);
    const revoked = await admin.client.request("DELETE", `/api/tokens/${token.token.id}`, { csrf: true });
    expect(revoked.status).toBe(200);
    expect((await f.client().get("/api/session", bearer(token.secret))).status).toBe(401);
  });
});
