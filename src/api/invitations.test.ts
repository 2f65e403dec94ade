import { afterAll, beforeAll, expect, it } from "vitest";
import { AccountsFixture, sql } from "../test-support/accounts-fixture.js";
import { describeEachDatabase } from "../test-support/databases.js";

/** Invitations and role changes over real HTTP, on PGlite and PostgreSQL. */
describeEachDatabase("invitations and roles", (open) => {
  let f: AccountsFixture;
  beforeAll(async () => {
    f = await AccountsFixture.start(await open());
  });
  afterAll(async () => {
    await f?.close();
    await f?.database.close();
  });

  const goodPassword = "a long enough passphrase";

  it("lets an administrator invite; the invitee sets a password once, then signs in with the invited role", async () => {
    const admin = await f.signedIn("inviter@example.org", "administrator");
    const invited = await admin.client.request("POST", "/api/invitations", {
      body: { email: "New.Rep@example.org", role: "party_representative", partyId: "acc-party-b" },
      csrf: true,
    });
    expect(invited.status).toBe(201);
    const { token, acceptPath, invitation } = invited.body;
    expect(token).toMatch(/^pti_[A-Za-z0-9_-]{43}$/);
    expect(acceptPath).toBe(`/accept-invitation#${token}`);
    expect(invitation).toMatchObject({
      role: "party_representative",
      partyId: "acc-party-b",
      acceptedAt: null,
    });
    const stored = await f.run(sql`SELECT * FROM invitations WHERE id = ${invitation.id}`);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(
      (await admin.client.get("/api/invitations")).body.items.map((i: { id: string }) => i.id),
    ).toContain(invitation.id);

    const invitee = f.client();
    const weak = await invitee.request("POST", `/api/invitations/${token}/accept`, {
      body: { password: "short" },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe("password");
    const accepted = await invitee.request("POST", `/api/invitations/${token}/accept`, {
      body: { password: goodPassword },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ email: "New.Rep@example.org", role: "party_representative" });
    const again = await invitee.request("POST", `/api/invitations/${token}/accept`, {
      body: { password: goodPassword },
    });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("invitation_used");
    const signedIn = await invitee.signIn("new.rep@example.org", goodPassword);
    expect(signedIn.body.actor).toMatchObject({ role: "party_representative", partyId: "acc-party-b" });
    // The secret in the path never reaches the log.
    expect(f.rawLog.join("\n")).not.toContain(token);
    expect(f.rawLog.join("\n")).toContain("/api/invitations/[secret]/accept");
  });

  it("refuses an expired invitation, an unknown one, and invitations by anyone but an administrator", async () => {
    const admin = await f.signedIn("inviter2@example.org", "administrator");
    const { token, invitation } = (
      await admin.client.request("POST", "/api/invitations", {
        body: { email: "late@example.org", role: "monitor", expiresInHours: 1 },
        csrf: true,
      })
    ).body;
    await f.run(
      sql`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = ${invitation.id}`,
    );
    const late = await f.client().request("POST", `/api/invitations/${token}/accept`, {
      body: { password: goodPassword },
    });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe("invitation_expired");
    const unknown = await f.client().request("POST", `/api/invitations/pti_${"z".repeat(43)}/accept`, {
      body: { password: goodPassword },
    });
    expect(unknown.status).toBe(404);
    const accounts = await f.run(
      sql`SELECT count(*)::int AS n FROM accounts WHERE lower(email) = 'late@example.org'`,
    );
    expect(JSON.stringify(accounts)).toContain('"n":0');

    const mediator = await f.signedIn("not-admin@example.org", "mediator");
    const refused = await mediator.client.request("POST", "/api/invitations", {
      body: { email: "x@example.org", role: "monitor" },
      csrf: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("Only an administrator may invite accounts");
    const anonymous = await f.client().request("POST", "/api/invitations", {
      body: { email: "x@example.org", role: "monitor" },
    });
    expect(anonymous.status).toBe(401);
    const unbound = await admin.client.request("POST", "/api/invitations", {
      body: { email: "rep@example.org", role: "party_representative" },
      csrf: true,
    });
    expect(unbound.status).toBe(400);
  });

  it("refuses a role change by a non-administrator with 403 and the reason, changing nothing", async () => {
    const target = await f.account("target@example.org", "monitor");
    const monitor = await f.signedIn("climber@example.org", "monitor");
    for (const id of [target.id, monitor.account.id]) {
      const answer = await monitor.client.request("PATCH", `/api/accounts/${id}`, {
        body: { role: "administrator" },
        csrf: true,
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toEqual({
        code: "forbidden",
        message:
          "Only an administrator may change an account's role, party or access; you are signed in as a monitor.",
      });
    }
    const roles = await f.run(
      sql`SELECT role FROM accounts WHERE id IN (${target.id}, ${monitor.account.id}) ORDER BY role`,
    );
    expect(JSON.stringify(roles)).not.toContain("administrator");
    expect(
      (await f.client().request("PATCH", `/api/accounts/${target.id}`, { body: { role: "mediator" } }))
        .status,
    ).toBe(401);
  });

  it("ends the sessions and revokes the tokens a privilege change no longer allows; rotates the changer's own session", async () => {
    const admin = await f.signedIn("chief@example.org", "administrator");
    const mediator = await f.signedIn("demoted@example.org", "mediator");
    const high = (
      await mediator.client.request("POST", "/api/tokens", { body: { name: "high" }, csrf: true })
    ).body;
    const low = (
      await mediator.client.request("POST", "/api/tokens", {
        body: { name: "low", role: "monitor" },
        csrf: true,
      })
    ).body;
    const changed = await admin.client.request("PATCH", `/api/accounts/${mediator.account.id}`, {
      body: { role: "monitor" },
      csrf: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe("monitor");
    expect((await mediator.client.get("/api/session")).body.actor).toEqual({ kind: "anonymous" });
    expect(
      (await f.client().get("/api/session", { authorization: `Bearer ${high.secret}` })).body.error.code,
    ).toBe("token_revoked");
    expect(
      (await f.client().get("/api/session", { authorization: `Bearer ${low.secret}` })).body.actor.role,
    ).toBe("monitor");
    expect(f.logged("account privileges changed").length).toBeGreaterThan(0);

    // The last enabled administrator cannot step down; with a second one, they can, under a new session id.
    const others = await f.run(
      sql`UPDATE accounts SET role = 'monitor' WHERE role = 'administrator' AND id <> ${admin.account.id}`,
    );
    expect(others).toBeDefined();
    const alone = await admin.client.request("PATCH", `/api/accounts/${admin.account.id}`, {
      body: { role: "mediator" },
      csrf: true,
    });
    expect(alone.status).toBe(409);
    await f.account("deputy@example.org", "administrator");
    const before = admin.client.cookies.get("peacetrack_session");
    const stepDown = await admin.client.request("PATCH", `/api/accounts/${admin.account.id}`, {
      body: { role: "mediator" },
      csrf: true,
    });
    expect(stepDown.status).toBe(200);
    const after = admin.client.cookies.get("peacetrack_session");
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const me = await admin.client.get("/api/session");
    expect(me.body.actor.role).toBe("mediator");
    const stale = await f.client().get("/api/session", { cookie: `peacetrack_session=${before}` });
    expect(stale.body.actor).toEqual({ kind: "anonymous" });
  });

  it("refuses sign-in to a disabled account exactly like a wrong password", async () => {
    const admin = await f.signedIn("disabler@example.org", "administrator");
    const victim = await f.signedIn("disabled@example.org", "monitor");
    await admin.client.request("PATCH", `/api/accounts/${victim.account.id}`, {
      body: { disabled: true },
      csrf: true,
    });
    expect((await victim.client.get("/api/session")).body.actor).toEqual({ kind: "anonymous" });
    const again = await f.client().signIn(victim.account.email, victim.account.password);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("invalid_credentials");
  });
});
