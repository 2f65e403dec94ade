import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { login } from "../services/sessions.js";
import { findAccountByEmail } from "../store/account-queries.js";
import { type Database, openDatabase } from "../store/database.js";
import { postgresAvailable } from "../test-support/databases.js";

/** `peacetrack admin create` as a user runs it: a real child process, the password piped on stdin. */
const bin = join(import.meta.dirname, "../../bin/peacetrack.js");
const folder = mkdtempSync(join(tmpdir(), "peacetrack-admin-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const settings = { idleSeconds: 600, absoluteSeconds: 3600 };
const where = { ip: "127.0.0.1", userAgent: "test" };

function admin(env: NodeJS.ProcessEnv, args: string[], input: string) {
  return spawnSync(process.execPath, [bin, "admin", ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** The checks both databases share; `database` opens what the command wrote, after it exited. */
async function createsAndRefuses(env: NodeJS.ProcessEnv, database: () => Promise<Database>) {
  const weak = admin(env, ["create", "--email", "warden@example.org"], "password1234\n");
  expect(weak.status).toBe(1);
  expect(weak.stderr).toContain("The password is a well-known or sequential password");
  const short = admin(env, ["create", "--email", "warden@example.org"], "short\n");
  expect(short.stderr).toContain("shorter than 12 characters");
  const empty = admin(env, ["create", "--email", "warden@example.org"], "");
  expect(empty.stderr).toContain("no password on standard input");

  const created = admin(env, ["create", "--email", "Warden@Example.org"], "a sturdy first passphrase\n");
  expect(created.stderr).toContain("Created administrator Warden@Example.org");
  expect(created.status).toBe(0);
  const twice = admin(env, ["create", "--email", "warden@example.org"], "a sturdy first passphrase\n");
  expect(twice.status).toBe(1);
  expect(twice.stderr).toContain("exists already");
  const reset = admin(env, ["set-password", "--email", "warden@example.org"], "another sturdy passphrase\n");
  expect(reset.status).toBe(0);

  const opened = await database();
  try {
    const account = await findAccountByEmail(opened.db, "warden@example.org");
    expect(account).toMatchObject({
      role: "administrator",
      disabled: false,
      createdBy: expect.stringMatching(/^cli/),
    });
    expect(account?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(account)).not.toContain("sturdy");
    const old = await login(
      opened.db,
      { email: "warden@example.org", password: "a sturdy first passphrase", ...where },
      settings,
    );
    expect(old.ok).toBe(false);
    const now = await login(
      opened.db,
      { email: "WARDEN@example.org", password: "another sturdy passphrase", ...where },
      settings,
    );
    expect(now.ok).toBe(true);
  } finally {
    await opened.close();
  }
}

describe("peacetrack admin create", () => {
  it("on the embedded database: creates the administrator from stdin, refuses weak passwords and duplicates", async () => {
    const data = join(folder, "data");
    await createsAndRefuses({ PEACETRACK_DATA: data, DATABASE_URL: "" }, () =>
      openDatabase({ dataDir: data }),
    );
    // Six commands, each opening (and the first creating) an embedded database: slow on a busy machine.
  }, 240_000);

  it("refuses, saying to stop it, while a server holds the embedded data folder", async () => {
    const data = join(folder, "held");
    const server = await openDatabase({ dataDir: data });
    server.announceServer?.("http://127.0.0.1:3999");
    try {
      const refused = admin(
        { PEACETRACK_DATA: data, DATABASE_URL: "" },
        ["create", "--email", "x@example.org"],
        "a sturdy first passphrase\n",
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("serving http://127.0.0.1:3999");
      expect(refused.stderr).toContain(
        "Stop it, run `peacetrack admin create` again, then start the server.",
      );
    } finally {
      await server.close();
    }
  });

  it.skipIf(!postgresAvailable())("on PostgreSQL (DATABASE_URL)", async () => {
    const serverUrl = inject("postgresUrl") as string;
    const name = `t_admin_${randomBytes(4).toString("hex")}`;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      await createsAndRefuses({ DATABASE_URL: url.toString() }, () =>
        openDatabase({ databaseUrl: url.toString() }),
      );
    } finally {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  });
});
