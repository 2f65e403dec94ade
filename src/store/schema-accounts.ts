import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Role } from "../domain/actor.js";
import { parties } from "./schema.js";

/**
 * Accounts and what signs them in: sessions, API tokens, invitations. Every secret is stored only as
 * its SHA-256 (sessions, tokens, invitations: 256-bit random values, so a plain hash is enough) or
 * its argon2id hash (passwords). Re-exported from schema.ts, which drizzle-kit reads.
 */

const at = () => timestamp({ withTimezone: true, mode: "string" });
const roleList = sql.raw(`'administrator', 'mediator', 'monitor', 'party_representative'`);

export const accounts = pgTable(
  "accounts",
  {
    id: text().primaryKey(),
    /** As entered; unique without case (the index below), compared through lower(). */
    email: text().notNull(),
    /** argon2id, PHC string. */
    passwordHash: text().notNull(),
    role: text().$type<Role>().notNull(),
    partyId: text().references(() => parties.id),
    disabled: boolean().notNull().default(false),
    /** Set at each successful login: administrators see which accounts are no longer used. */
    lastSignInAt: at(),
    createdAt: at().notNull().defaultNow(),
    createdBy: text().notNull(),
    updatedAt: at().notNull().defaultNow(),
    updatedBy: text().notNull(),
  },
  (t) => [
    uniqueIndex("accounts_email_unique").on(sql`lower(${t.email})`),
    check("accounts_role_known", sql`${t.role} IN (${roleList})`),
    // A party representative acts for exactly one party; no other role is bound to one.
    check(
      "accounts_party_iff_representative",
      sql`(${t.role} = 'party_representative') = (${t.partyId} IS NOT NULL)`,
    ),
  ],
);

const accountId = () =>
  text()
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });

/** A signed-in browser. The cookie holds the random id; the row holds only its hash. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    accountId: accountId(),
    createdAt: at().notNull().defaultNow(),
    /** Moved forward as the session is used (at most once a minute); idle expiry counts from here. */
    lastSeenAt: at().notNull().defaultNow(),
    /** The absolute end, fixed at login: no amount of use extends it. */
    expiresAt: at().notNull(),
    userAgent: text().notNull().default(""),
    ip: text().notNull().default(""),
  },
  (t) => [index().on(t.accountId), index().on(t.expiresAt)],
);

/** A machine's credential: scoped to a role no higher than its account's, revocable, optionally expiring. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text().primaryKey(),
    accountId: accountId(),
    name: text().notNull(),
    role: text().$type<Role>().notNull(),
    secretHash: text().notNull().unique(),
    createdAt: at().notNull().defaultNow(),
    expiresAt: at(),
    lastUsedAt: at(),
    revokedAt: at(),
    revokedBy: text(),
  },
  (t) => [index().on(t.accountId), check("api_tokens_role_known", sql`${t.role} IN (${roleList})`)],
);

/** An administrator's single-use offer of an account: accepted once, before it expires. */
export const invitations = pgTable(
  "invitations",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    role: text().$type<Role>().notNull(),
    partyId: text().references(() => parties.id),
    secretHash: text().notNull().unique(),
    createdAt: at().notNull().defaultNow(),
    createdBy: text().notNull(),
    expiresAt: at().notNull(),
    acceptedAt: at(),
    accountId: text().references(() => accounts.id, { onDelete: "set null" }),
  },
  (t) => [
    index("invitations_email").on(sql`lower(${t.email})`),
    check("invitations_role_known", sql`${t.role} IN (${roleList})`),
    check(
      "invitations_party_iff_representative",
      sql`(${t.role} = 'party_representative') = (${t.partyId} IS NOT NULL)`,
    ),
  ],
);
