import { timingSafeEqual } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccountView } from "../domain/accounts.js";
import { type AccountActor, type Actor, anonymous } from "../domain/actor.js";
import { AccessRefusedError } from "../services/access-errors.js";
import { resolveApiToken, tokenRefused } from "../services/api-tokens.js";
import { csrfTokenMatches } from "../services/credentials.js";
import { resolveSession, type SessionProblem } from "../services/sessions.js";
import type { Db } from "../store/database.js";
import type { AccountSettings } from "./account-settings.js";

/**
 * Turns the credential a request carries into its actor (request.actor): a bearer token, else a session
 * cookie, else the anonymous public. A bearer token that does not work is refused at once (401 with the
 * reason): a machine must learn its token is revoked, not quietly act as the public. A session cookie
 * that does not work (expired, ended, forged) is dropped and the request goes on as anonymous, so a
 * browser with a stale cookie can still read; routes that need an account then answer 401 and name why.
 *
 * CSRF: a write (any method but GET, HEAD, OPTIONS) authenticated by the session cookie must carry the
 * session's CSRF token in X-CSRF-Token (GET /api/session hands it out). A cross-site page cannot read
 * it, so it cannot forge such a write. Bearer tokens need none: browsers never attach them by themselves.
 */

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    /** Why a session cookie the request carried was not accepted. */
    sessionProblem?: SessionProblem;
    /** The signed-in cookie session, when the actor came from one. */
    session?: { id: string; account: AccountView; idleExpiresAt: string; absoluteExpiresAt: string };
  }
}

export const csrfHeader = "x-csrf-token";
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes that sign in rather than act as someone: they carry their own credential in the body and are
 * JSON only, which a cross-site form cannot send; a stale cookie beside them must not block them.
 */
const csrfExempt = [/^POST \/api\/session\/?(\?|$)/, /^POST \/api\/invitations\/[^/]+\/accept\/?(\?|$)/];

/**
 * Writes the public may send: signing in (and out: a stale cookie must not stop anyone leaving) and
 * accepting an invitation. Every other write from the public is answered 401 before it is even parsed,
 * so no route can forget the rule; the use cases check the policy again, against the record, for 403s.
 */
const anonymousWrites = [
  /^(POST|DELETE) \/api\/session\/?(\?|$)/,
  /^POST \/api\/invitations\/[^/]+\/accept\/?(\?|$)/,
];

/**
 * The CLI's hand-off of an import to the server holding the embedded database (src/cli/server-handoff.ts):
 * the server writes a random secret into its lock file in the data folder (readable by its owner only);
 * a command that can read it is the same local user who could stop the server and open the folder
 * itself. It acts as this local administrator, on the routes of imports, documents and feeds only.
 */
export const handoffHeader = "x-peacetrack-handoff";
export const handoffActor: AccountActor = {
  kind: "account",
  accountId: "local-cli",
  name: "cli",
  role: "administrator",
  via: "token",
};
const handoffRoutes = /^(POST|GET) \/api\/(imports|documents|feeds)(\/|\?|$)/;

function secretsMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const sessionCookieName = (secure: boolean) =>
  secure ? "__Host-peacetrack_session" : "peacetrack_session";

export function cookieIsSecure(request: FastifyRequest, settings: AccountSettings): boolean {
  return settings.secureCookies === "always" || request.protocol === "https";
}

/** httpOnly: scripts never see it; SameSite=Lax: not sent on cross-site writes; no Max-Age: ends with the browser. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  settings: AccountSettings,
) {
  const secure = cookieIsSecure(request, settings);
  reply.setCookie(sessionCookieName(secure), sessionId, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, settings: AccountSettings) {
  const secure = cookieIsSecure(request, settings);
  reply.clearCookie(sessionCookieName(secure), { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export function sessionIdOf(request: FastifyRequest, settings: AccountSettings): string | undefined {
  const value = request.cookies[sessionCookieName(cookieIsSecure(request, settings))];
  // Our ids are "pts_" and 43 URL-safe characters; anything else is not worth a query.
  return value && /^pts_[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  if (!match)
    throw new AccessRefusedError(
      401,
      "unsupported_authorization",
      "Authorization must be 'Bearer <API token>'; other schemes are not accepted.",
    );
  return match[1];
}

export async function registerAuthentication(
  app: FastifyInstance,
  db: Db,
  settings: AccountSettings,
  /** The local hand-off secret this server announced in its data folder's lock, if any. */
  handoffSecret?: string,
) {
  await app.register(fastifyCookie);
  app.decorateRequest("actor", null as never);
  app.decorateRequest("sessionProblem", undefined);
  app.decorateRequest("session", undefined);

  app.addHook("onRequest", async (request, reply) => {
    request.actor = anonymous;
    // The web app's hashed files are the same for everyone: no query for them.
    if (request.url.startsWith("/assets/")) return;
    const handoff = request.headers[handoffHeader];
    if (handoff !== undefined) {
      const accepted =
        handoffSecret !== undefined &&
        typeof handoff === "string" &&
        secretsMatch(handoff, handoffSecret) &&
        handoffRoutes.test(`${request.method} ${request.url}`);
      if (!accepted) {
        request.log.warn("import hand-off refused");
        throw new AccessRefusedError(
          401,
          "handoff_refused",
          "The hand-off secret is not this server's, or was sent to a route other than the imports.",
        );
      }
      request.actor = handoffActor;
      return;
    }
    const bearer = bearerOf(request);
    if (bearer !== undefined) {
      const resolved = await resolveApiToken(db, bearer);
      if (!resolved.ok) {
        request.log.warn({ tokenId: resolved.tokenId, problem: resolved.problem }, "API token refused");
        throw tokenRefused(resolved.problem);
      }
      request.actor = resolved.actor;
      return;
    }
    const sessionId = sessionIdOf(request, settings);
    const presented = request.cookies[sessionCookieName(cookieIsSecure(request, settings))];
    if (sessionId) {
      const resolved = await resolveSession(db, sessionId, settings.session);
      if (resolved.ok) {
        request.actor = resolved.actor;
        request.session = {
          id: sessionId,
          account: resolved.account,
          idleExpiresAt: resolved.idleExpiresAt,
          absoluteExpiresAt: resolved.absoluteExpiresAt,
        };
      } else {
        request.sessionProblem = resolved.problem;
        request.log.warn({ accountId: resolved.accountId, problem: resolved.problem }, "session refused");
        clearSessionCookie(request, reply, settings);
      }
    } else if (presented !== undefined) {
      request.sessionProblem = "unknown";
      request.log.warn({ problem: "malformed" }, "session refused");
      clearSessionCookie(request, reply, settings);
    }
    if (request.actor.kind === "anonymous" && !safeMethods.has(request.method)) {
      if (anonymousWrites.some((pattern) => pattern.test(`${request.method} ${request.url}`))) return;
      throw notSignedInBecause(request);
    }
    if (request.actor.kind === "account" && !safeMethods.has(request.method)) {
      if (csrfExempt.some((pattern) => pattern.test(`${request.method} ${request.url}`))) return;
      const given = request.headers[csrfHeader];
      if (!csrfTokenMatches(sessionId as string, typeof given === "string" ? given : undefined)) {
        const code = given === undefined ? "csrf_token_missing" : "csrf_token_invalid";
        request.log.warn(
          { accountId: request.actor.accountId, code },
          "write without a valid CSRF token refused",
        );
        throw new AccessRefusedError(
          403,
          code,
          `A write in a signed-in browser session must carry the session's CSRF token in the ${csrfHeader} header (from GET /api/session).`,
        );
      }
    }
  });
}

const sessionProblemMessages: Record<SessionProblem, string> = {
  unknown: "The session is not known (signed out, ended elsewhere, or never issued): sign in again.",
  idle_expired: "The session expired after a time without use: sign in again.",
  expired: "The session reached its maximum length: sign in again.",
  account_disabled: "The account is disabled.",
};

/** The 401 for a route that needs an account, naming why the request has none. */
export function notSignedInBecause(request: FastifyRequest): AccessRefusedError {
  if (request.sessionProblem)
    return new AccessRefusedError(
      401,
      `session_${request.sessionProblem}`,
      sessionProblemMessages[request.sessionProblem],
    );
  return new AccessRefusedError(
    401,
    "not_signed_in",
    "Sign in first (POST /api/session), or send an API token in Authorization: Bearer.",
  );
}

/** A request's address as logged: an invitation's secret in the path is replaced, never written to a log. */
export const urlWithoutSecrets = (url: string) =>
  url.replace(/^(\/api\/invitations\/)[^/?]+(\/accept)/, "$1[secret]$2");
