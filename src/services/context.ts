import { eq } from "drizzle-orm";
import { mayTokenCarry } from "../domain/accounts.js";
import { type AccountActor, type Actor, actorName } from "../domain/actor.js";
import { can, type PolicyAction, type PolicyTarget } from "../domain/policy.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/repository.js";
import { accounts } from "../store/schema-accounts.js";
import { forbidden, notSignedIn } from "./access-errors.js";

/**
 * The context every write use case runs in (issue #9, item 3): who acts, and the one transaction in
 * which the permission is checked, the rules applied and the change written. A check made outside the
 * transaction could be overtaken (a record published, a role changed) before the write lands.
 *
 * A system actor is the platform's own hand: the demo seed, test set-up, and the CLI on a database it
 * reaches directly (whoever can reach the database is trusted already). It is never built from a
 * request, and the policy does not apply to it; its name is recorded on every change like anyone's.
 */
export interface SystemActor {
  kind: "system";
  name: string;
}

export type Writer = Actor | SystemActor;

export const systemActor = (name: string): SystemActor => ({ kind: "system", name });

export interface UseCaseContext {
  actor: Writer;
  tx: Db;
}

/** The name a change event, createdBy and updatedBy record. */
export const writerName = (actor: Writer): string =>
  actor.kind === "system" ? actor.name : actorName(actor);

/** The account behind a change, when there is one. */
export const writerAccountId = (actor: Writer): string | undefined =>
  actor.kind === "account" ? actor.accountId : undefined;

/**
 * Runs `work` in one transaction with the actor beside it (retried whole on a deadlock). An account's
 * privileges are read again in that transaction, its row held (FOR SHARE) until the write commits: a
 * role change, a party change or a disabling either waits for the write or is seen by it, never half.
 */
export function runUseCase<T>(
  db: Db,
  actor: Writer,
  work: (context: UseCaseContext) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    if (actor.kind === "account") await confirmPrivileges(tx, actor);
    return work({ actor, tx });
  });
}

/** The CLI's hand-off actor (src/api/authentication.ts) has no account row: it is the local machine. */
const localAccountIds = new Set(["local-cli"]);

async function confirmPrivileges(tx: Db, actor: AccountActor): Promise<void> {
  if (localAccountIds.has(actor.accountId)) return;
  const [account] = await tx
    .select({ role: accounts.role, partyId: accounts.partyId, disabled: accounts.disabled })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId))
    .for("share");
  const current =
    account &&
    !account.disabled &&
    (account.partyId ?? undefined) === actor.partyId &&
    (actor.via === "token" ? mayTokenCarry(account.role, actor.role) : account.role === actor.role);
  if (!current)
    throw notSignedIn("Your account's role, party or access changed while this request ran: sign in again.");
}

/** The public may write nothing: refused before any work, with the 401 that says to sign in. */
export function requireSignedIn(actor: Writer): void {
  if (actor.kind === "anonymous") throw notSignedIn();
}

/**
 * Refuses unless the policy allows `action` on `target`: 401 for the public, 403 with the policy's
 * reason otherwise. System actors are not asked. Call it on the record as locked in the transaction.
 */
export function authorize(actor: Writer, action: PolicyAction, target: PolicyTarget): void {
  if (actor.kind === "system") return;
  if (actor.kind === "anonymous") throw notSignedIn();
  const decision = can(actor, action, target);
  if (!decision.allowed) throw forbidden(capitalise(decision.reason));
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
