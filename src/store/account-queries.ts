import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { AccountView, InvitationView } from "../domain/accounts.js";
import type { Role } from "../domain/actor.js";
import type { Db } from "./database.js";
import { ConflictError, translateDatabaseError } from "./errors.js";
import { accounts, apiTokens, invitations, sessions } from "./schema-accounts.js";

/** Accounts and invitations: rows in, views out. Sessions and tokens are in credential-queries.ts. */

export type AccountRow = typeof accounts.$inferSelect;

/** PostgreSQL writes "2026-11-22 12:23:55.053+00"; JavaScript wants "T" and "+00:00". */
export const toIso = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();
export const toIsoOrNull = (value: string | null) => (value === null ? null : toIso(value));

export function toAccountView(row: AccountRow): AccountView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    partyId: row.partyId,
    disabled: row.disabled,
    lastSignInAt: toIsoOrNull(row.lastSignInAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

const sameEmail = (email: string) => sql`lower(${accounts.email}) = lower(${email})`;

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(sameEmail(email)).limit(1);
  return row;
}

export async function findAccount(db: Db, id: string, lock = false): Promise<AccountRow | undefined> {
  const query = db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export async function listAccounts(db: Db): Promise<AccountView[]> {
  const rows = await db
    .select()
    .from(accounts)
    .orderBy(asc(sql`lower(${accounts.email})`));
  return rows.map(toAccountView);
}

export interface NewAccountRow {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  partyId: string | null;
  createdBy: string;
}

export async function insertAccount(db: Db, account: NewAccountRow): Promise<AccountRow> {
  try {
    const [row] = await db
      .insert(accounts)
      .values({ ...account, updatedBy: account.createdBy })
      .returning();
    return row as AccountRow;
  } catch (error) {
    if (isEmailTaken(error))
      throw new ConflictError(`An account with the e-mail address ${account.email} exists already.`, [
        { path: "email", message: "already has an account" },
      ]);
    throw translateDatabaseError(error);
  }
}

function isEmailTaken(error: unknown): boolean {
  for (
    let current = error as { constraint?: string; cause?: unknown } | undefined, depth = 0;
    current && depth < 4;
    depth++
  ) {
    if (current.constraint === "accounts_email_unique") return true;
    current = current.cause as typeof current;
  }
  return false;
}

export async function updateAccount(
  db: Db,
  id: string,
  change: Partial<Pick<AccountRow, "role" | "partyId" | "disabled" | "passwordHash">>,
  updatedBy: string,
): Promise<AccountRow | undefined> {
  try {
    const [row] = await db
      .update(accounts)
      .set({ ...change, updatedBy, updatedAt: sql`now()` })
      .where(eq(accounts.id, id))
      .returning();
    return row;
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/** Notes a successful login (not a change of the account: updatedAt stays). */
export async function markSignedIn(db: Db, id: string): Promise<void> {
  await db.update(accounts).set({ lastSignInAt: sql`now()` }).where(eq(accounts.id, id));
}

/**
 * The enabled administrators other than `exceptId`, locked: two administrators demoting each other at
 * once must not leave none, so the second waits for the first and then counts again.
 */
export async function otherActiveAdministrators(db: Db, exceptId: string): Promise<number> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.role, "administrator"), eq(accounts.disabled, false), ne(accounts.id, exceptId)))
    .for("update");
  return rows.length;
}

/** Ends every session of an account: after a privilege change or a new password, it signs in again. */
export async function deleteSessionsOf(db: Db, accountId: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(eq(sessions.accountId, accountId))
    .returning({ id: sessions.idHash });
  return rows.length;
}

/** Revokes the account's live tokens whose role the account may no longer hand out. */
export async function revokeTokensBeyond(
  db: Db,
  accountId: string,
  allowedRoles: Role[],
  revokedBy: string,
): Promise<number> {
  const allowed = sql.join(
    allowedRoles.map((role) => sql`${role}`),
    sql`, `,
  );
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(
      and(
        eq(apiTokens.accountId, accountId),
        isNull(apiTokens.revokedAt),
        allowedRoles.length > 0 ? sql`${apiTokens.role} NOT IN (${allowed})` : sql`true`,
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length;
}

// ---- invitations

type InvitationRow = typeof invitations.$inferSelect;

export function toInvitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    partyId: row.partyId,
    createdBy: row.createdBy,
    createdAt: toIso(row.createdAt),
    expiresAt: toIso(row.expiresAt),
    acceptedAt: toIsoOrNull(row.acceptedAt),
  };
}

export interface NewInvitationRow {
  id: string;
  email: string;
  role: Role;
  partyId: string | null;
  secretHash: string;
  createdBy: string;
  expiresInHours: number;
}

/** A new invitation replaces the open ones for the same address: only the latest link works. */
export async function insertInvitation(db: Db, invitation: NewInvitationRow): Promise<InvitationView> {
  const { expiresInHours, ...values } = invitation;
  try {
    await db
      .delete(invitations)
      .where(and(sql`lower(${invitations.email}) = lower(${values.email})`, isNull(invitations.acceptedAt)));
    const [row] = await db
      .insert(invitations)
      .values({ ...values, expiresAt: sql`now() + make_interval(hours => ${expiresInHours})` })
      .returning();
    return toInvitationView(row as InvitationRow);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

export async function listOpenInvitations(db: Db): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(asc(invitations.createdAt));
  return rows.map(toInvitationView);
}

export async function deleteInvitation(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(invitations)
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

export type InvitationLookup =
  | { state: "open"; invitation: InvitationRow }
  | { state: "unknown" | "used" | "expired"; invitation?: InvitationRow };

/**
 * The invitation behind a secret, locked for the accepting transaction: of two acceptances at once,
 * the second waits and then finds it used.
 */
export async function takeInvitation(db: Db, secretHash: string): Promise<InvitationLookup> {
  const [row] = await db
    .select({ invitation: invitations, expired: sql<boolean>`${invitations.expiresAt} <= now()` })
    .from(invitations)
    .where(eq(invitations.secretHash, secretHash))
    .for("update");
  if (!row) return { state: "unknown" };
  if (row.invitation.acceptedAt !== null) return { state: "used", invitation: row.invitation };
  if (row.expired) return { state: "expired", invitation: row.invitation };
  return { state: "open", invitation: row.invitation };
}

export async function markInvitationAccepted(db: Db, id: string, accountId: string): Promise<void> {
  await db.update(invitations).set({ acceptedAt: sql`now()`, accountId }).where(eq(invitations.id, id));
}
