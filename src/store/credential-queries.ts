import { and, desc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { ApiTokenView } from "../domain/accounts.js";
import type { Role } from "../domain/actor.js";
import { type AccountRow, toIso, toIsoOrNull } from "./account-queries.js";
import type { Db } from "./database.js";
import { accounts, apiTokens, sessions } from "./schema-accounts.js";

/**
 * Sessions and API tokens, looked up by the hash of their secret. Every "is it still valid?" is
 * answered by the database's clock, so processes with drifting clocks agree.
 */

export interface NewSessionRow {
  idHash: string;
  accountId: string;
  absoluteSeconds: number;
  userAgent: string;
  ip: string;
}

export async function insertSession(db: Db, session: NewSessionRow): Promise<{ expiresAt: string }> {
  const { absoluteSeconds, ...values } = session;
  const [row] = await db
    .insert(sessions)
    .values({ ...values, expiresAt: sql`now() + make_interval(secs => ${absoluteSeconds})` })
    .returning({ expiresAt: sessions.expiresAt });
  return { expiresAt: toIso((row as { expiresAt: string }).expiresAt) };
}

export interface SessionLookup {
  account: AccountRow;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  absoluteExpired: boolean;
  idleExpired: boolean;
  /** Seconds since the session was last marked as seen. */
  idleSeconds: number;
}

export async function findSession(
  db: Db,
  idHash: string,
  idleSeconds: number,
): Promise<SessionLookup | undefined> {
  const [row] = await db
    .select({
      account: accounts,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      absoluteExpired: sql<boolean>`${sessions.expiresAt} <= now()`,
      idleExpired: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${idleSeconds})`,
      idleSeconds: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.idHash, idHash))
    .limit(1);
  return row ? { ...row, idleSeconds: Number(row.idleSeconds) } : undefined;
}

export async function touchSession(db: Db, idHash: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(eq(sessions.idHash, idHash))
    .returning({ id: sessions.idHash });
  return rows.length > 0;
}

/** Sweeps sessions past either expiry, so the table holds only live ones (run at each login). */
export async function deleteExpiredSessions(db: Db, idleSeconds: number): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lte(sessions.expiresAt, sql`now()`),
        lte(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleSeconds})`),
      ),
    );
}

// ---- API tokens

type TokenRow = typeof apiTokens.$inferSelect;

export function toTokenView(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: toIso(row.createdAt),
    expiresAt: toIsoOrNull(row.expiresAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    revokedAt: toIsoOrNull(row.revokedAt),
  };
}

export interface NewTokenRow {
  id: string;
  accountId: string;
  name: string;
  role: Role;
  secretHash: string;
  expiresInDays?: number;
}

export async function insertToken(db: Db, token: NewTokenRow): Promise<ApiTokenView> {
  const { expiresInDays, ...values } = token;
  const [row] = await db
    .insert(apiTokens)
    .values({
      ...values,
      expiresAt: expiresInDays === undefined ? null : sql`now() + make_interval(days => ${expiresInDays})`,
    })
    .returning();
  return toTokenView(row as TokenRow);
}

export async function listTokensOf(db: Db, accountId: string): Promise<ApiTokenView[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(desc(apiTokens.createdAt), apiTokens.id);
  return rows.map(toTokenView);
}

export async function findToken(db: Db, id: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row;
}

export async function revokeToken(db: Db, id: string, revokedBy: string): Promise<ApiTokenView | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return row ? toTokenView(row) : undefined;
}

export interface TokenLookup {
  token: TokenRow;
  account: AccountRow;
  expired: boolean;
  /** Seconds since last use, or null when never used. */
  sinceLastUse: number | null;
}

export async function findTokenBySecret(db: Db, secretHash: string): Promise<TokenLookup | undefined> {
  const [row] = await db
    .select({
      token: apiTokens,
      account: accounts,
      expired: sql<boolean>`coalesce(${apiTokens.expiresAt} <= now(), false)`,
      sinceLastUse: sql<number | null>`extract(epoch from now() - ${apiTokens.lastUsedAt})::float8`,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(eq(apiTokens.secretHash, secretHash))
    .limit(1);
  if (!row) return undefined;
  return { ...row, sinceLastUse: row.sinceLastUse === null ? null : Number(row.sinceLastUse) };
}

export async function markTokenUsed(db: Db, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, id));
}
