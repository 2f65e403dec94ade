import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LoginBody, SessionView } from "../../domain/accounts.js";
import type { AccountActor } from "../../domain/actor.js";
import { AccessRefusedError } from "../../services/access-errors.js";
import { accountOfActor } from "../../services/accounts.js";
import { prepareDummyHash } from "../../services/credentials.js";
import { accountActor, login, logout, logoutEverywhere, sessionView } from "../../services/sessions.js";
import { toAccountView } from "../../store/account-queries.js";
import type { Db } from "../../store/database.js";
import type { AccountSettings } from "../account-settings.js";
import { clearSessionCookie, notSignedInBecause, sessionIdOf, setSessionCookie } from "../authentication.js";
import { ErrorBody, errorResponses } from "../errors.js";
import { LoginLimiter } from "../login-limit.js";

/** Error answers of routes that look at who is asking. */
export const accessErrorResponses = {
  ...errorResponses,
  401: ErrorBody,
  403: ErrorBody,
  429: ErrorBody,
} as const;

/** The signed-in actor, or the 401 that says why there is none. */
export function accountOf(request: FastifyRequest): AccountActor {
  if (request.actor.kind !== "account") throw notSignedInBecause(request);
  return request.actor;
}

const where = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: String(request.headers["user-agent"] ?? ""),
});

/** Sign in, who am I, sign out, sign out everywhere. */
export function registerSessionRoutes(app: FastifyInstance, db: Db, settings: AccountSettings) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const limiter = settings.loginLimit ? new LoginLimiter(settings.loginLimit) : undefined;
  const tags = ["session"];
  // Ready before the first login, whose timing must not differ from the next ones'.
  void prepareDummyHash();

  api.get(
    "/api/session",
    {
      schema: {
        tags,
        summary: "Who the caller is: the actor, its account, and for a browser session its CSRF token",
        response: { 200: SessionView },
      },
    },
    async (request) =>
      request.session
        ? sessionView(request.actor, request.session)
        : sessionView(request.actor, undefined, (await accountOfActor(db, request.actor)) ?? undefined),
  );

  api.post(
    "/api/session",
    {
      schema: {
        tags,
        summary: "Sign in with e-mail and password: sets the session cookie and answers who is signed in",
        description:
          "Rate-limited per client address and per account (429 with Retry-After). A wrong e-mail and a wrong password get the same answer.",
        body: LoginBody,
        response: { 200: SessionView, ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const verdict = limiter?.begin(request.ip, email) ?? { allowed: true };
      if (!verdict.allowed) {
        request.log.warn({ email, by: verdict.by }, "login refused: too many attempts");
        throw new AccessRefusedError(
          429,
          "too_many_login_attempts",
          `Too many login attempts ${verdict.by === "account" ? "for this account" : "from this address"}; try again in ${verdict.retryAfterSeconds} seconds.`,
          verdict.retryAfterSeconds,
        );
      }
      const outcome = await login(
        db,
        { email, password, ...where(request), replacing: sessionIdOf(request, settings) },
        settings.session,
      );
      if (!outcome.ok) {
        request.log.warn({ email, reason: outcome.reason, accountId: outcome.accountId }, "login failed");
        throw new AccessRefusedError(
          401,
          "invalid_credentials",
          "The e-mail address or the password is wrong.",
        );
      }
      limiter?.succeeded(email);
      request.log.info({ accountId: outcome.account.id }, "signed in");
      setSessionCookie(request, reply, outcome.sessionId, settings);
      return sessionView(accountActor(outcome.account, "session"), {
        id: outcome.sessionId,
        account: toAccountView(outcome.account),
        idleExpiresAt: new Date(Date.now() + settings.session.idleSeconds * 1000).toISOString(),
        absoluteExpiresAt: outcome.expiresAt,
      });
    },
  );

  api.delete(
    "/api/session",
    {
      schema: {
        tags,
        summary: "Sign out: ends this browser session (a write: send X-CSRF-Token)",
        response: { 204: z.null(), ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      if (request.session) {
        await logout(db, request.session.id);
        request.log.info({ accountId: request.session.account.id }, "signed out");
      }
      clearSessionCookie(request, reply, settings);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    "/api/sessions",
    {
      schema: {
        tags,
        summary: "Sign out everywhere: ends every browser session of the caller's account",
        description: "API tokens stay valid; revoke them one by one (DELETE /api/tokens/{id}).",
        response: { 200: z.object({ sessionsEnded: z.number().int() }), ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = accountOf(request);
      const sessionsEnded = await logoutEverywhere(db, actor.accountId);
      request.log.info({ accountId: actor.accountId, sessionsEnded }, "signed out everywhere");
      if (request.session) clearSessionCookie(request, reply, settings);
      return { sessionsEnded };
    },
  );
}
