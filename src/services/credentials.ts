import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { passwordProblems } from "../domain/accounts.js";
import { ValidationError } from "../store/errors.js";

/**
 * The secrets behind accounts: argon2id for passwords (slow on purpose), SHA-256 for random secrets
 * (sessions, tokens, invitations carry 256 bits, so a fast hash loses nothing and a database dump
 * reveals none of them).
 */

// @node-rs/argon2 declares its algorithms as a const enum, which isolated modules cannot read: 2 is Argon2id.
const argon2id = 2 as Algorithm;
/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (the library's defaults, pinned here). */
const argon2Options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, argon2Options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead, so even the first unknown e-mail costs exactly one check. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString("base64url"));
  return dummyHash;
}

/**
 * Spends the time a real check costs when there is no account to check, so the answer's timing does
 * not tell a known e-mail address from an unknown one.
 */
export async function verifyNobody(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password);
  return false;
}

/** Refuses a password the domain's rules call weak, naming why. */
export function assertAcceptablePassword(password: string, email?: string) {
  const problems = passwordProblems(password, email);
  if (problems.length > 0)
    throw new ValidationError(`The password ${problems.join(", ")}.`, [
      ...problems.map((problem) => ({ path: "password", message: problem })),
    ]);
}

/** 256 random bits, URL-safe, with a prefix that tells what it is (and lets secret scanners find it). */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(32).toString("base64url")}`;

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export const newId = () => randomUUID();

/**
 * The CSRF token of a session, derived from its secret id: unguessable without the cookie, the same on
 * every request of the session, replaced with it on rotation, and never stored.
 */
export const csrfTokenFor = (sessionId: string) =>
  createHmac("sha256", sessionId).update("peacetrack csrf v1").digest("base64url");

export function csrfTokenMatches(sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
