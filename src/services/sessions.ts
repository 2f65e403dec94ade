import type { AccountView, SessionView } from "../domain/accounts.js";
import type { AccountActor, Actor } from "../domain/actor.js";
import {
  type AccountRow,
  deleteSessionsOf,
  findAccountByEmail,
  markSignedIn,
  toAccountView,
  toIso,
} from "../store/account-queries.js";
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from "../store/credential-queries.js";
import type { Db } from "../store/database.js";
import { inTransaction } from "../store/repository.js";
import { csrfTokenFor, newSecret, sha256, verifyNobody, verifyPassword } from "./credentials.js";

/**
 * Browser sessions: a random id in a cookie, its SHA-256 in the database. A session ends when it has
 * been idle too long, at its absolute end (fixed at login), at logout, or when its account's privileges
 * change; each is checked against the database's clock on every request.
 */

export interface SessionSettings {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** An hour without a request ends a session; no session lives longer than a working day. */
export const defaultSessionSettings: SessionSettings = {
  idleSeconds: 60 * 60,
  absoluteSeconds: 12 * 60 * 60,
};

/** Marking a session as seen is a write: once a minute is precise enough for an idle limit of minutes. */
const touchEverySeconds = 60;

/**
 * The name records and the change history carry for an account: its role when it acted and the start
 * of its id. Never the e-mail address, which every public record and feed would otherwise publish.
 */
export const accountHandle = (account: Pick<AccountRow, "id" | "role">) =>
  `${account.role}:${account.id.slice(0, 8)}`;

export function accountActor(account: AccountRow, via: AccountActor["via"]): AccountActor {
  return {
    kind: "account",
    accountId: account.id,
    name: accountHandle(account),
    role: account.role,
    ...(account.partyId ? { partyId: account.partyId } : {}),
    via,
  };
}

export interface LoginRequest {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
  /** The session id the browser already holds, ended here: a login always starts a new session. */
  replacing?: string;
}

export type LoginOutcome =
  | { ok: true; sessionId: string; account: AccountRow; expiresAt: string }
  | { ok: false; reason: "unknown_email" | "wrong_password" | "account_disabled"; accountId?: string };

export async function login(db: Db, request: LoginRequest, settings: SessionSettings): Promise<LoginOutcome> {
  const account = await findAccountByEmail(db, request.email);
  if (!account) {
    await verifyNobody(request.password);
    return { ok: false, reason: "unknown_email" };
  }
  const passwordMatches = await verifyPassword(account.passwordHash, request.password);
  if (!passwordMatches) return { ok: false, reason: "wrong_password", accountId: account.id };
  // Checked after the password, so a disabled account answers exactly like a wrong password.
  if (account.disabled) return { ok: false, reason: "account_disabled", accountId: account.id };
  const { sessionId, expiresAt } = await startSession(db, account.id, request, settings);
  await markSignedIn(db, account.id);
  return { ok: true, sessionId, account, expiresAt };
}

/**
 * A new session for an account: at login, and when an account's privileges change under its own open
 * session (the old id is ended, a new one issued). `replacing` is the id the browser held until now.
 */
export async function startSession(
  db: Db,
  accountId: string,
  where: { ip: string; userAgent: string; replacing?: string },
  settings: SessionSettings,
): Promise<{ sessionId: string; expiresAt: string }> {
  const sessionId = newSecret("pts_");
  const { expiresAt } = await inTransaction(db, async (tx) => {
    await deleteExpiredSessions(tx, settings.idleSeconds);
    if (where.replacing) await deleteSession(tx, sha256(where.replacing));
    return insertSession(tx, {
      idHash: sha256(sessionId),
      accountId,
      absoluteSeconds: settings.absoluteSeconds,
      userAgent: where.userAgent.slice(0, 300),
      ip: where.ip.slice(0, 100),
    });
  });
  return { sessionId, expiresAt };
}

export type SessionProblem = "unknown" | "idle_expired" | "expired" | "account_disabled";

export type ResolvedSession =
  | {
      ok: true;
      actor: AccountActor;
      account: AccountView;
      idleExpiresAt: string;
      absoluteExpiresAt: string;
    }
  | { ok: false; problem: SessionProblem; accountId?: string };

export async function resolveSession(
  db: Db,
  sessionId: string,
  settings: SessionSettings,
): Promise<ResolvedSession> {
  const idHash = sha256(sessionId);
  const found = await findSession(db, idHash, settings.idleSeconds);
  if (!found) return { ok: false, problem: "unknown" };
  const problem: SessionProblem | undefined = found.absoluteExpired
    ? "expired"
    : found.idleExpired
      ? "idle_expired"
      : found.account.disabled
        ? "account_disabled"
        : undefined;
  if (problem) {
    await deleteSession(db, idHash);
    return { ok: false, problem, accountId: found.account.id };
  }
  let idleSeconds = found.idleSeconds;
  if (idleSeconds >= touchEverySeconds) {
    await touchSession(db, idHash);
    idleSeconds = 0;
  }
  const now = Date.now();
  return {
    ok: true,
    actor: accountActor(found.account, "session"),
    account: toAccountView(found.account),
    idleExpiresAt: new Date(now + (settings.idleSeconds - idleSeconds) * 1000).toISOString(),
    absoluteExpiresAt: toIso(found.expiresAt),
  };
}

export const logout = (db: Db, sessionId: string) => deleteSession(db, sha256(sessionId));

export const logoutEverywhere = (db: Db, accountId: string) => deleteSessionsOf(db, accountId);

/** What GET /api/session answers: who the caller is, and for a cookie session its CSRF token and ends. */
export function sessionView(
  actor: Actor,
  session?: { id: string; account: AccountView; idleExpiresAt: string; absoluteExpiresAt: string },
  account?: AccountView,
): SessionView {
  return {
    actor,
    account: session?.account ?? account ?? null,
    csrfToken: session ? csrfTokenFor(session.id) : null,
    idleExpiresAt: session?.idleExpiresAt ?? null,
    absoluteExpiresAt: session?.absoluteExpiresAt ?? null,
  };
}
