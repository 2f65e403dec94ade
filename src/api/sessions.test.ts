import { afterAll, beforeAll, expect, it } from "vitest";
import { AccountsFixture, sql } from "../test-support/accounts-fixture.js";
import { describeEachDatabase } from "../test-support/databases.js";

/** Sign-in, sessions, CSRF and the login limit, over real HTTP on PGlite and PostgreSQL. */
describeEachDatabase("sessions", (open) => {
  let f: AccountsFixture;
  beforeAll(async () => {
    f = await AccountsFixture.start(await open(), { session: { idleSeconds: 1800, absoluteSeconds: 7200 } });
  });
  afterAll(async () => {
    await f?.close();
    await f?.database.close();
  });

  it("refuses a wrong password and an unknown e-mail alike, and logs both without the password", async () => {
    await f.account("wrong@example.org", "monitor");
    const client = f.client();
    const wrong = await client.signIn("wrong@example.org", "not the password at all");
    const unknown = await client.signIn("nobody@example.org", "not the password at all");
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: { code: "invalid_credentials", message: "The e-mail address or the password is wrong." },
      });
      expect(answer.setCookies).toEqual([]);
    }
    const failures = f.logged("login failed");
    expect(failures.map((line) => line.reason)).toEqual(
      expect.arrayContaining(["wrong_password", "unknown_email"]),
    );
    expect(f.rawLog.join("\n")).not.toContain("not the password at all");
    expect((await client.get("/api/session")).body.actor).toEqual({ kind: "anonymous" });
  });

  it("signs in with an httpOnly SameSite cookie (not Secure over plain HTTP) and says who is signed in", async () => {
    const account = await f.account("Mixed.Case@Example.org", "mediator");
    const client = f.client();
    const answer = await client.signIn("mixed.case@example.org", account.password);
    expect(answer.status).toBe(200);
    const [cookie = ""] = answer.setCookies;
    expect(cookie).toMatch(/^peacetrack_session=pts_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(answer.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await client.get("/api/session");
    expect(me.body).toMatchObject({
      actor: {
        kind: "account",
        accountId: account.id,
        name: `mediator:${account.id.slice(0, 8)}`,
        role: "mediator",
        via: "session",
      },
      account: { email: "Mixed.Case@Example.org", role: "mediator", disabled: false },
      csrfToken: answer.body.csrfToken,
    });
    expect(JSON.stringify(me.body)).not.toContain("pts_");
    expect(JSON.stringify(me.body)).not.toContain("argon2");
    // The database holds only the hash of the id.
    const stored = await f.run(sql`SELECT id_hash FROM sessions WHERE account_id = ${account.id}`);
    const id = client.cookies.get("peacetrack_session") as string;
    expect(JSON.stringify(stored)).not.toContain(id);
  });

  it("rotates the session on a new login: the old id stops working", async () => {
    const account = await f.account("rotate@example.org", "monitor");
    const client = f.client();
    await client.signIn(account.email, account.password);
    const first = client.cookies.get("peacetrack_session") as string;
    await client.signIn(account.email, account.password);
    const second = client.cookies.get("peacetrack_session") as string;
    expect(second).not.toBe(first);
    const old = await f.client().get("/api/session", { cookie: `peacetrack_session=${first}` });
    expect(old.body.actor).toEqual({ kind: "anonymous" });
    expect((await client.get("/api/session")).body.actor.kind).toBe("account");
  });

  it("signs out (with the CSRF token only) and the cookie stops working", async () => {
    const { client } = await f.signedIn("logout@example.org", "monitor");
    const id = client.cookies.get("peacetrack_session") as string;
    const missing = await client.request("DELETE", "/api/session");
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe("csrf_token_missing");
    const forged = await client.request("DELETE", "/api/session", {
      headers: { "x-csrf-token": "x".repeat(43) },
    });
    expect(forged.body.error.code).toBe("csrf_token_invalid");
    const out = await client.request("DELETE", "/api/session", { csrf: true });
    expect(out.status).toBe(204);
    expect(out.setCookies[0]).toMatch(/^peacetrack_session=; .*Expires=Thu, 01 Jan 1970/);
    const replay = await f.client().get("/api/session", { cookie: `peacetrack_session=${id}` });
    expect(replay.body.actor).toEqual({ kind: "anonymous" });
  });

  it("signs out everywhere: every session of the account ends", async () => {
    const { client, account } = await f.signedIn("everywhere@example.org", "monitor");
    const other = f.client();
    await other.signIn(account.email, account.password);
    const answer = await client.request("DELETE", "/api/sessions", { csrf: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ sessionsEnded: 2 });
    expect((await other.get("/api/session")).body.actor).toEqual({ kind: "anonymous" });
    const anonymous = await f.client().request("DELETE", "/api/sessions");
    expect(anonymous.status).toBe(401);
  });

  it("treats a forged session id as no session, says why where an account is needed, and logs it", async () => {
    const forged = f.client();
    forged.cookies.set("peacetrack_session", `pts_${"A".repeat(43)}`);
    expect((await forged.get("/api/session")).body.actor).toEqual({ kind: "anonymous" });
    forged.cookies.set("peacetrack_session", `pts_${"B".repeat(43)}`);
    const refused = await forged.request("POST", "/api/tokens", { body: { name: "x" } });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("session_unknown");
    expect(f.logged("session refused").length).toBeGreaterThanOrEqual(2);
  });

  it("ends a session left idle too long, and one past its absolute end however busy", async () => {
    const idle = await f.signedIn("idle@example.org", "monitor");
    await f.run(
      sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE account_id = ${idle.account.id}`,
    );
    const idleAnswer = await idle.client.request("DELETE", "/api/sessions", { csrf: true });
    expect(idleAnswer.status).toBe(401);
    expect(idleAnswer.body.error.code).toBe("session_idle_expired");
    const busy = await f.signedIn("busy@example.org", "monitor");
    await f.run(
      sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE account_id = ${busy.account.id}`,
    );
    const busyAnswer = await busy.client.request("DELETE", "/api/sessions", { csrf: true });
    expect(busyAnswer.body.error.code).toBe("session_expired");
    const left = await f.run(
      sql`SELECT count(*)::int AS n FROM sessions WHERE account_id IN (${idle.account.id}, ${busy.account.id})`,
    );
    expect(JSON.stringify(left)).toContain('"n":0');
    // A session in use within the idle limit keeps going, and its last-seen time moves on.
    const active = await f.signedIn("active@example.org", "monitor");
    await f.run(
      sql`UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE account_id = ${active.account.id}`,
    );
    expect((await active.client.get("/api/session")).body.actor.kind).toBe("account");
    const seen = await f.run(
      sql`SELECT (last_seen_at > now() - interval '1 minute') AS fresh FROM sessions WHERE account_id = ${active.account.id}`,
    );
    expect(JSON.stringify(seen)).toContain('"fresh":true');
  });

  it("refuses a cookie-authenticated write without the CSRF token, on every route; bearer writes need none, anonymous ones are 401", async () => {
    const { client } = await f.signedIn("csrf@example.org", "administrator");
    const party = {
      processId: "acc-process",
      kind: "state",
      shortName: "CSRF",
      names: [{ text: "CSRF", lang: "en" }],
    };
    const refused = await client.request("POST", "/api/parties", { body: party });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("csrf_token_missing");
    expect(f.logged("write without a valid CSRF token refused").length).toBeGreaterThan(0);
    const accepted = await client.request("POST", "/api/parties", { body: party, csrf: true });
    expect(accepted.status).toBe(201);
    // The actor seam names who wrote, by role and account id: the e-mail address is never published.
    expect(accepted.body.createdBy).toBe(`administrator:${accepted.body.createdByAccountId.slice(0, 8)}`);
    expect(JSON.stringify(accepted.body)).not.toContain("csrf@example.org");
    const anonymous = await f
      .client()
      .request("POST", "/api/parties", { body: { ...party, shortName: "Anon" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("not_signed_in");
    // A session's token does not work for another session.
    const other = await f.signedIn("csrf2@example.org", "administrator");
    const crossed = await other.client.request("POST", "/api/parties", {
      body: party,
      headers: { "x-csrf-token": client.csrfToken as string },
    });
    expect(crossed.body.error.code).toBe("csrf_token_invalid");
  });

  it("sets Secure cookies named __Host- behind TLS (a trusted proxy's X-Forwarded-Proto, or always)", async () => {
    const account = await f.account("tls@example.org", "monitor");
    const proxied = f.client(await f.serve({}, true));
    const viaProxy = await proxied.request("POST", "/api/session", {
      body: { email: account.email, password: account.password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(viaProxy.setCookies[0]).toMatch(
      /^__Host-peacetrack_session=pts_.*; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const always = f.client(await f.serve({ secureCookies: "always" }));
    const forced = await always.signIn(account.email, account.password);
    expect(forced.setCookies[0]).toMatch(/^__Host-peacetrack_session=.*; Secure;/);
    // Without a trusted proxy, X-Forwarded-Proto is ignored.
    const direct = await f.client().request("POST", "/api/session", {
      body: { email: account.email, password: account.password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(direct.setCookies[0]).toMatch(/^peacetrack_session=/);
    expect(direct.setCookies[0]).not.toContain("Secure");
  });

  it("limits login attempts per account and per address, before checking the password", async () => {
    const account = await f.account("limited@example.org", "monitor");
    const base = await f.serve({
      loginLimit: { attemptsPerAddress: 8, failuresPerAccount: 3, windowSeconds: 60 },
    });
    const client = f.client(base);
    for (let i = 0; i < 3; i++)
      expect((await client.signIn(account.email, `wrong password ${i}`)).status).toBe(401);
    const blocked = await client.signIn(account.email, account.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("too_many_login_attempts");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.body.error.message).toContain("for this account");
    expect(f.logged("login refused: too many attempts").length).toBeGreaterThan(0);
    // A correct password does not count as a failure; the address limit counts every attempt it let through.
    const other = await f.account("limited2@example.org", "monitor");
    for (let i = 0; i < 5; i++) expect((await client.signIn(other.email, other.password)).status).toBe(200);
    const byAddress = await client.signIn(other.email, other.password);
    expect(byAddress.status).toBe(429);
    expect(byAddress.body.error.message).toContain("from this address");
  });
});
