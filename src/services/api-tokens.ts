import { type ApiTokenView, mayTokenCarry, NewApiToken, tokenRolesFor } from "../domain/accounts.js";
import type { AccountActor, Actor } from "../domain/actor.js";
import {
  findToken,
  findTokenBySecret,
  insertToken,
  listTokensOf,
  markTokenUsed,
  revokeToken as revokeTokenRow,
} from "../store/credential-queries.js";
import type { Db } from "../store/database.js";
import { NotFoundError, ValidationError } from "../store/errors.js";
import { AccessRefusedError, forbidden, notSignedIn } from "./access-errors.js";
import { newId, newSecret, sha256 } from "./credentials.js";
import { zodIssues } from "./records.js";
import { accountActor } from "./sessions.js";

/**
 * API tokens for machines: `ptk_` and 256 random bits, shown once and stored as SHA-256; each carries a
 * role no higher than its account's, may expire, can be revoked, and records when it was last used.
 */

/** Recording every use would write on every request: once a minute says "in use" well enough. */
const markUseEverySeconds = 60;

export function requireAccount(actor: Actor): AccountActor {
  if (actor.kind !== "account") throw notSignedIn();
  return actor;
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  body: unknown,
): Promise<{ token: ApiTokenView; secret: string }> {
  const account = requireAccount(actor);
  // A leaked token must not be able to mint fresh, longer-lived ones.
  if (account.via !== "session")
    throw forbidden("API tokens are created from a signed-in session, not with another token.");
  const parsed = NewApiToken.safeParse(body);
  if (!parsed.success) throw new ValidationError("The token request is not valid.", zodIssues(parsed.error));
  const role = parsed.data.role ?? account.role;
  if (!mayTokenCarry(account.role, role))
    throw forbidden(
      `A token of a ${account.role} may carry only the role${tokenRolesFor(account.role).length > 1 ? "s" : ""} ${tokenRolesFor(account.role).join(", ")}, not ${role}.`,
    );
  const secret = newSecret("ptk_");
  const token = await insertToken(db, {
    id: newId(),
    accountId: account.accountId,
    name: parsed.data.name,
    role,
    secretHash: sha256(secret),
    ...(parsed.data.expiresInDays ? { expiresInDays: parsed.data.expiresInDays } : {}),
  });
  return { token, secret };
}

/** The caller's own tokens; an administrator may name another account. */
export async function listApiTokens(db: Db, actor: Actor, accountId?: string): Promise<ApiTokenView[]> {
  const account = requireAccount(actor);
  if (accountId && accountId !== account.accountId && account.role !== "administrator")
    throw forbidden("Only an administrator may list another account's tokens.");
  return listTokensOf(db, accountId ?? account.accountId);
}

/** Revokes one of the caller's tokens (an administrator: anyone's). Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<ApiTokenView> {
  const account = requireAccount(actor);
  const token = await findToken(db, id);
  // Another account's token is answered as missing: its existence is none of the caller's business.
  if (!token || (token.accountId !== account.accountId && account.role !== "administrator"))
    throw new NotFoundError("api token", id);
  const revoked = await revokeTokenRow(db, id, account.accountId);
  if (revoked) return revoked;
  return (await listTokensOf(db, token.accountId)).find((t) => t.id === id) as ApiTokenView;
}

export type TokenProblem = "unknown" | "revoked" | "expired" | "account_disabled" | "role_above_account";

export type ResolvedToken =
  | { ok: true; actor: AccountActor; tokenId: string }
  | { ok: false; problem: TokenProblem; tokenId?: string };

export async function resolveApiToken(db: Db, secret: string): Promise<ResolvedToken> {
  const found = await findTokenBySecret(db, sha256(secret));
  if (!found) return { ok: false, problem: "unknown" };
  const { token, account } = found;
  const problem: TokenProblem | undefined =
    token.revokedAt !== null
      ? "revoked"
      : found.expired
        ? "expired"
        : account.disabled
          ? "account_disabled"
          : // Role changes revoke such tokens; this catches any that slipped past.
            !mayTokenCarry(account.role, token.role)
            ? "role_above_account"
            : undefined;
  if (problem) return { ok: false, problem, tokenId: token.id };
  if (found.sinceLastUse === null || found.sinceLastUse >= markUseEverySeconds)
    await markTokenUsed(db, token.id);
  return {
    ok: true,
    tokenId: token.id,
    actor: { ...accountActor(account, "token"), name: `token:${token.name}`, role: token.role },
  };
}

const tokenProblemMessages: Record<TokenProblem, string> = {
  unknown: "The API token is not known.",
  revoked: "The API token has been revoked.",
  expired: "The API token has expired.",
  account_disabled: "The API token's account is disabled.",
  role_above_account: "The API token carries a role its account no longer has.",
};

export const tokenRefused = (problem: TokenProblem) =>
  new AccessRefusedError(401, `token_${problem}`, tokenProblemMessages[problem]);
