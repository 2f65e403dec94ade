import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { AccountOptions } from "../api/account-settings.js";
import { buildServer } from "../api/server.js";
import type { Role } from "../domain/actor.js";
import { createAccount } from "../services/accounts.js";
import { createRecord, systemActor } from "../services/records.js";
import type { Database } from "../store/database.js";
import { CookieClient } from "./cookie-client.js";

/**
 * A server over real HTTP for the account tests, with its log lines collected (to check what is logged
 * and that no secret is), a process and two parties, and accounts made directly through the service.
 */
export class AccountsFixture {
  readonly logLines: Record<string, unknown>[] = [];
  readonly rawLog: string[] = [];
  private servers: FastifyInstance[] = [];
  base = "";

  constructor(readonly database: Database) {}

  static async start(database: Database, accounts: AccountOptions = {}): Promise<AccountsFixture> {
    const fixture = new AccountsFixture(database);
    const system = systemActor("test-setup");
    await createRecord(
      database.db,
      "processes",
      { id: "acc-process", name: "Accounts test", slug: "acc" },
      system,
    );
    for (const id of ["acc-party-a", "acc-party-b"])
      await createRecord(
        database.db,
        "parties",
        { id, processId: "acc-process", kind: "state", shortName: id, names: [{ text: id, lang: "en" }] },
        system,
      );
    fixture.base = await fixture.serve(accounts);
    return fixture;
  }

  /** Another server on the same database (other settings); answers its base address. */
  async serve(accounts: AccountOptions = {}, trustProxy?: boolean): Promise<string> {
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        this.rawLog.push(line);
        this.logLines.push(JSON.parse(line));
      }
    });
    const app = await buildServer({
      database: this.database,
      webFolder: "/nonexistent",
      logger: { level: "info", stream },
      rateLimit: false,
      accounts: { loginLimit: false, ...accounts },
      ...(trustProxy === undefined ? {} : { trustProxy }),
    });
    this.servers.push(app);
    return app.listen({ port: 0, host: "127.0.0.1" });
  }

  async close() {
    for (const app of this.servers) await app.close();
  }

  client(base = this.base) {
    return new CookieClient(base);
  }

  async account(email: string, role: Role, partyId?: string, password = "correct horse battery") {
    const account = await createAccount(this.database.db, {
      email,
      password,
      role,
      partyId: partyId ?? null,
      createdBy: "test",
    });
    return { ...account, password };
  }

  /** A client signed in as a new account of this role. */
  async signedIn(email: string, role: Role, partyId?: string) {
    const account = await this.account(email, role, partyId);
    const client = this.client();
    const answer = await client.signIn(email, account.password);
    if (answer.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
    return { client, account };
  }

  async run(query: ReturnType<typeof sql>) {
    return this.database.db.execute(query);
  }

  logged(message: string) {
    return this.logLines.filter((line) => line.msg === message);
  }
}

export { sql };
