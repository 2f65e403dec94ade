import { randomUUID } from "node:crypto";
import type { AccountActor, Role } from "../domain/actor.js";
import type { EntityName } from "../domain/entities.js";
import { kindRules } from "../domain/policy-rules.js";
import { createAccount } from "../services/accounts.js";
import { createApiToken } from "../services/api-tokens.js";
import type { Db } from "../store/database.js";

/**
 * Accounts and API tokens of each role for a test database, made directly through the services (no
 * sign-in round trip), and fetch helpers that write as them. Since issue #9 the public cannot write:
 * every test that writes through the API writes as one of these.
 */

export interface TestAccount {
  accountId: string;
  email: string;
  role: Role;
  partyId?: string;
  /** The bearer token's secret: `Authorization: Bearer <token>`. */
  token: string;
  /** The actor for calling services directly (as a signed-in session would be). */
  actor: AccountActor;
  /** The headers that authenticate a request as this account. */
  headers: Record<string, string>;
}

// Passwords are never used by these tests (they use tokens); one long enough for the password rules.
const password = "unused test password, long enough";

/** A new account of `role` (a representative needs `partyId`) with one API token of the same role. */
export async function testAccount(
  db: Db,
  role: Role,
  options: { partyId?: string; email?: string } = {},
): Promise<TestAccount> {
  const email = options.email ?? `${role.replace("_", "-")}-${randomUUID().slice(0, 8)}@test.example`;
  const account = await createAccount(db, {
    email,
    password,
    role,
    partyId: options.partyId ?? null,
    createdBy: "test",
  });
  const actor: AccountActor = {
    kind: "account",
    accountId: account.id,
    name: email,
    role,
    ...(options.partyId ? { partyId: options.partyId } : {}),
    via: "session",
  };
  const { secret } = await createApiToken(db, actor, { name: "tests" });
  return {
    accountId: account.id,
    email,
    role,
    ...(options.partyId ? { partyId: options.partyId } : {}),
    token: secret,
    actor,
    headers: { authorization: `Bearer ${secret}` },
  };
}

/** The three staff roles a test usually needs: who creates, who reviews, who runs the instance. */
export interface StaffAccounts {
  administrator: TestAccount;
  mediator: TestAccount;
  monitor: TestAccount;
}

export async function staffAccounts(db: Db): Promise<StaffAccounts> {
  return {
    administrator: await testAccount(db, "administrator"),
    mediator: await testAccount(db, "mediator"),
    monitor: await testAccount(db, "monitor"),
  };
}

/** fetch, authenticated as `account` (a bearer token: no cookie, no CSRF token needed). */
export function fetchAs(account: TestAccount | undefined) {
  return (url: string, init: RequestInit = {}): Promise<Response> =>
    fetch(url, {
      ...init,
      headers: { ...(account?.headers ?? {}), ...((init.headers as Record<string, string>) ?? {}) },
    });
}

/** Sends JSON as `account`; answers the response. */
export function sendAs(account: TestAccount | undefined, method: string, url: string, body?: unknown) {
  return fetchAs(account)(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

export const apiPathOf = (kind: EntityName) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Who writes a kind: a monitor for field work, a mediator for the negotiation record, else an administrator. */
export function authorFor(kind: EntityName, staff: StaffAccounts): TestAccount {
  const authors = kindRules[kind].authors;
  if (authors.includes("monitor")) return staff.monitor;
  if (authors.includes("mediator")) return staff.mediator;
  return staff.administrator;
}

/** Whoever reviews the author's work: a mediator, or an administrator when the mediator wrote it. */
const reviewerFor = (author: TestAccount, staff: StaffAccounts) =>
  author.role === "mediator" ? staff.administrator : staff.mediator;

async function expectStatus(response: Response, status: number, what: string) {
  if (response.status !== status)
    throw new Error(`${what}: expected ${status}, got ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown> & { id: string }>;
}

/**
 * Creates a record through the API as its kind's author (a monitor for field work), submits it for
 * review, and publishes it as a reviewer (a mediator): the way published data comes about. Answers the
 * published record.
 */
export async function createPublished(
  base: string,
  kind: EntityName,
  body: Record<string, unknown>,
  staff: StaffAccounts,
): Promise<Record<string, unknown> & { id: string }> {
  const author = authorFor(kind, staff);
  const path = `${base}/api/${apiPathOf(kind)}`;
  const created = await expectStatus(await sendAs(author, "POST", path, body), 201, `create ${kind}`);
  const review = (who: TestAccount, action: string) =>
    sendAs(who, "POST", `${path}/${encodeURIComponent(created.id)}/review`, { action });
  await expectStatus(await review(author, "submit_for_review"), 200, `submit ${kind}`);
  return expectStatus(await review(reviewerFor(author, staff), "publish"), 200, `publish ${kind}`);
}
