import { z } from "zod";
import { AccountActor, AnonymousActor, Role } from "./actor.js";
import { Id } from "./common.js";

/**
 * Accounts, sessions, API tokens and invitations as the API shows them, and the pure rules about them:
 * what makes a password acceptable, which roles a token may carry, how a role binds a party.
 * No secret ever appears in a view; a secret is shown once, in the answer that creates it.
 */

export const passwordRules = {
  minLength: 12,
  // argon2 hashes any length, but its cost grows with it: a bound keeps a login from being a CPU bomb.
  maxLength: 256,
  minDistinctCharacters: 5,
} as const;

// Long enough to pass the length rule, yet first in every cracking list.
const commonPasswords = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "password1234",
  "password12345",
  "passwordpassword",
  "password123456",
  "qwertyuiop123",
  "qwertyuiopasdf",
  "qwerty123456",
  "iloveyou1234",
  "administrator",
  "administrator1",
  "changeme1234",
  "letmein12345",
  "welcome12345",
  "peacetrack123",
  "peacetrack1234",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "zaq12wsxcde3",
  "abcdefghijkl",
]);

/** A run like "abcdefghijkl" or "987654321098": every step the same ±1. */
function isSequence(text: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (step !== 1 && step !== -9) up = false;
    if (step !== -1 && step !== 9) down = false;
  }
  return up || down;
}

/**
 * Why a password is refused, or nothing. Length and a block list, as NIST SP 800-63B advises, rather
 * than rules about character classes, which push people to "Password1!".
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < passwordRules.minLength)
    problems.push(`is shorter than ${passwordRules.minLength} characters`);
  if (length > passwordRules.maxLength) problems.push(`is longer than ${passwordRules.maxLength} characters`);
  const lower = password.toLowerCase();
  if (new Set(lower).size < passwordRules.minDistinctCharacters)
    problems.push(`uses fewer than ${passwordRules.minDistinctCharacters} different characters`);
  if (commonPasswords.has(lower) || isSequence(lower))
    problems.push("is a well-known or sequential password");
  const localPart = email ? normalizeEmail(email).split("@")[0] : undefined;
  if (localPart && localPart.length >= 4 && lower.includes(localPart))
    problems.push("contains the e-mail address");
  return problems;
}

/** E-mail addresses are compared without case (the store's unique index is on lower(email)). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const Email = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, "an e-mail address: name@domain");

export const Password = z.string().min(1).max(1024);

/** Ranks of the roles that may hand down to a lower one; a party's representative stands apart. */
const rank: Record<Role, number | undefined> = {
  administrator: 3,
  mediator: 2,
  monitor: 1,
  party_representative: undefined,
};

/** The roles an API token of an account with `accountRole` may carry: its own or a lower one. */
export function tokenRolesFor(accountRole: Role): Role[] {
  const own = rank[accountRole];
  if (own === undefined) return [accountRole];
  return Role.options.filter((role) => {
    const other = rank[role];
    return other !== undefined && other <= own;
  });
}

export const mayTokenCarry = (accountRole: Role, tokenRole: Role) =>
  tokenRolesFor(accountRole).includes(tokenRole);

/** A party representative acts for exactly one party; no other role is bound to one. */
export function roleAndPartyProblem(role: Role, partyId: string | null | undefined): string | undefined {
  if (role === "party_representative" && !partyId) return "a party representative needs the party (partyId)";
  if (role !== "party_representative" && partyId) return "only a party representative is bound to a party";
  return undefined;
}

const Timestamp = z.string();

export const AccountView = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  partyId: Id.nullable(),
  disabled: z.boolean(),
  /** The last successful login; null for an account that never signed in. */
  lastSignInAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AccountView = z.infer<typeof AccountView>;

export const ApiTokenView = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export const InvitationView = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  partyId: Id.nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  acceptedAt: Timestamp.nullable(),
});
export type InvitationView = z.infer<typeof InvitationView>;

/** Who the caller is. csrfToken: what a cookie session sends back in X-CSRF-Token on every write. */
export const SessionView = z.object({
  actor: z.discriminatedUnion("kind", [AccountActor, AnonymousActor]),
  account: AccountView.nullable(),
  csrfToken: z.string().nullable(),
  idleExpiresAt: Timestamp.nullable(),
  absoluteExpiresAt: Timestamp.nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

export const LoginBody = z.object({ email: Email, password: Password });

export const NewInvitation = z.object({
  email: Email,
  role: Role,
  partyId: Id.optional(),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});

export const AcceptInvitation = z.object({ password: Password });

export const NewApiToken = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\p{L}\p{N} ._:-]+$/u, "letters, digits, spaces and . _ : - only"),
  /** Default: the account's own role. */
  role: Role.optional(),
  /** Default: no expiry. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const AccountChange = z
  .object({ role: Role.optional(), partyId: Id.nullable().optional(), disabled: z.boolean().optional() })
  .refine((change) => Object.keys(change).length > 0, "name at least one of role, partyId, disabled");
