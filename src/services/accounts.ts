import type { z } from "zod";
import {
  AcceptInvitation,
  AccountChange,
  type AccountView,
  type InvitationView,
  NewInvitation,
  roleAndPartyProblem,
  tokenRolesFor,
} from "../domain/accounts.js";
import type { AccountActor, Actor, Role } from "../domain/actor.js";
import {
  deleteInvitation,
  deleteSessionsOf,
  findAccount,
  findAccountByEmail,
  insertAccount,
  insertInvitation,
  listAccounts as listAccountRows,
  listOpenInvitations,
  markInvitationAccepted,
  otherActiveAdministrators,
  revokeTokensBeyond,
  takeInvitation,
  toAccountView,
  updateAccount,
} from "../store/account-queries.js";
import type { Db } from "../store/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../store/errors.js";
import { inTransaction } from "../store/repository.js";
import { AccessRefusedError, forbidden } from "./access-errors.js";
import { requireAccount } from "./api-tokens.js";
import { assertAcceptablePassword, hashPassword, newId, newSecret, sha256 } from "./credentials.js";
import { zodIssues } from "./records.js";

/**
 * Accounts: created by `peacetrack admin create` (the first administrator) or by accepting an
 * administrator's invitation; there is no open sign-up. Only an administrator changes roles, and a
 * change of privilege ends the account's sessions and revokes the tokens it no longer allows.
 */

export function requireAdministrator(actor: Actor, what: string): AccountActor {
  const account = requireAccount(actor);
  if (account.role !== "administrator")
    throw forbidden(`Only an administrator may ${what}; you are signed in as a ${account.role}.`);
  return account;
}

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid.`, zodIssues(parsed.error));
  return parsed.data;
}

function assertRoleAndParty(role: Role, partyId: string | null | undefined) {
  const problem = roleAndPartyProblem(role, partyId);
  if (problem) throw new ValidationError(`Not saved: ${problem}.`, [{ path: "partyId", message: problem }]);
}

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  partyId?: string | null;
  createdBy: string;
}

/** Creates an account with a password (the command line's `admin create`); weak passwords are refused. */
export async function createAccount(db: Db, account: NewAccount): Promise<AccountView> {
  const email = account.email.trim();
  assertRoleAndParty(account.role, account.partyId);
  assertAcceptablePassword(account.password, email);
  if (await findAccountByEmail(db, email))
    throw new ConflictError(`An account with the e-mail address ${email} exists already.`, [
      { path: "email", message: "already has an account" },
    ]);
  const row = await insertAccount(db, {
    id: newId(),
    email,
    passwordHash: await hashPassword(account.password),
    role: account.role,
    partyId: account.partyId ?? null,
    createdBy: account.createdBy,
  });
  return toAccountView(row);
}

/** Sets a new password (the command line's way back in); every session of the account ends. */
export async function setPassword(db: Db, email: string, password: string, by: string): Promise<AccountView> {
  const account = await findAccountByEmail(db, email);
  if (!account) throw new NotFoundError("account", email);
  assertAcceptablePassword(password, account.email);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const updated = await updateAccount(tx, account.id, { passwordHash }, by);
    await deleteSessionsOf(tx, account.id);
    return toAccountView(updated ?? account);
  });
}

export async function listAccounts(db: Db, actor: Actor): Promise<AccountView[]> {
  requireAdministrator(actor, "list accounts");
  return listAccountRows(db);
}

export interface AccountChangeOutcome {
  account: AccountView;
  privilegeChanged: boolean;
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * An administrator changes an account's role, party or disabled flag. A change of privilege ends the
 * account's sessions (it signs in again, under the new role) and revokes tokens the new role does not
 * allow (all of them when the account is disabled or its party changes). The last enabled
 * administrator cannot be demoted or disabled: nobody could administer the instance afterwards.
 */
export async function changeAccount(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
): Promise<AccountChangeOutcome> {
  const admin = requireAdministrator(actor, "change an account's role, party or access");
  const change = parse(AccountChange, body, "account change");
  return inTransaction(db, async (tx) => {
    const current = await findAccount(tx, id, true);
    if (!current) throw new NotFoundError("account", id);
    const role = change.role ?? current.role;
    const partyId =
      change.partyId !== undefined
        ? change.partyId
        : role === "party_representative"
          ? current.partyId
          : null;
    const disabled = change.disabled ?? current.disabled;
    assertRoleAndParty(role, partyId);
    const privilegeChanged =
      role !== current.role || partyId !== current.partyId || disabled !== current.disabled;
    if (!privilegeChanged)
      return { account: toAccountView(current), privilegeChanged, sessionsEnded: 0, tokensRevoked: 0 };
    const wasActiveAdministrator = current.role === "administrator" && !current.disabled;
    const staysActiveAdministrator = role === "administrator" && !disabled;
    if (
      wasActiveAdministrator &&
      !staysActiveAdministrator &&
      (await otherActiveAdministrators(tx, id)) === 0
    )
      throw new ConflictError(
        "This is the last enabled administrator: make another account an administrator first.",
        [{ path: change.role ? "role" : "disabled", message: "would leave no administrator" }],
      );
    const updated = await updateAccount(tx, id, { role, partyId, disabled }, admin.accountId);
    const sessionsEnded = await deleteSessionsOf(tx, id);
    const allowed = disabled || partyId !== current.partyId ? [] : tokenRolesFor(role);
    const tokensRevoked = await revokeTokensBeyond(tx, id, allowed, admin.accountId);
    return { account: toAccountView(updated ?? current), privilegeChanged, sessionsEnded, tokensRevoked };
  });
}

// ---- invitations

export async function invite(
  db: Db,
  actor: Actor,
  body: unknown,
): Promise<{ invitation: InvitationView; secret: string }> {
  const admin = requireAdministrator(actor, "invite accounts");
  const request = parse(NewInvitation, body, "invitation");
  assertRoleAndParty(request.role, request.partyId);
  if (await findAccountByEmail(db, request.email))
    throw new ConflictError(`An account with the e-mail address ${request.email} exists already.`, [
      { path: "email", message: "already has an account" },
    ]);
  const secret = newSecret("pti_");
  const invitation = await inTransaction(db, (tx) =>
    insertInvitation(tx, {
      id: newId(),
      email: request.email,
      role: request.role,
      partyId: request.partyId ?? null,
      secretHash: sha256(secret),
      createdBy: admin.accountId,
      expiresInHours: request.expiresInHours,
    }),
  );
  return { invitation, secret };
}

export async function listInvitations(db: Db, actor: Actor): Promise<InvitationView[]> {
  requireAdministrator(actor, "list invitations");
  return listOpenInvitations(db);
}

export async function withdrawInvitation(db: Db, actor: Actor, id: string): Promise<void> {
  requireAdministrator(actor, "withdraw invitations");
  if (!(await deleteInvitation(db, id))) throw new NotFoundError("open invitation", id);
}

const invitationRefusals = {
  unknown: new AccessRefusedError(404, "invitation_unknown", "No invitation matches this link."),
  used: new AccessRefusedError(410, "invitation_used", "This invitation has been used already."),
  expired: new AccessRefusedError(
    410,
    "invitation_expired",
    "This invitation has expired; ask an administrator for a new one.",
  ),
};

/** The invitee sets a password; the account is created with the invitation's role. Works once. */
export async function acceptInvitation(db: Db, secret: string, body: unknown): Promise<AccountView> {
  const { password } = parse(AcceptInvitation, body, "password");
  return inTransaction(db, async (tx) => {
    const found = await takeInvitation(tx, sha256(secret));
    if (found.state !== "open") throw invitationRefusals[found.state];
    const { invitation } = found;
    assertAcceptablePassword(password, invitation.email);
    const account = await insertAccount(tx, {
      id: newId(),
      email: invitation.email,
      passwordHash: await hashPassword(password),
      role: invitation.role,
      partyId: invitation.partyId,
      createdBy: `invitation:${invitation.createdBy}`,
    });
    await markInvitationAccepted(tx, invitation.id, account.id);
    return toAccountView(account);
  });
}

/** The account behind an actor (for "who am I" with a token), or null for the public. */
export async function accountOfActor(db: Db, actor: Actor): Promise<AccountView | null> {
  if (actor.kind !== "account") return null;
  const row = await findAccount(db, actor.accountId);
  return row ? toAccountView(row) : null;
}
