import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AcceptInvitation,
  AccountChange,
  AccountView,
  ApiTokenView,
  InvitationView,
  NewApiToken,
  NewInvitation,
} from "../../domain/accounts.js";
import { Id } from "../../domain/common.js";
import { AccessRefusedError } from "../../services/access-errors.js";
import {
  acceptInvitation,
  changeAccount,
  invite,
  listAccounts,
  listInvitations,
  withdrawInvitation,
} from "../../services/accounts.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../../services/api-tokens.js";
import { startSession } from "../../services/sessions.js";
import type { Db } from "../../store/database.js";
import type { AccountSettings } from "../account-settings.js";
import { setSessionCookie } from "../authentication.js";
import { ErrorBody } from "../errors.js";
import { LoginLimiter } from "../login-limit.js";
import { accessErrorResponses, accountOf } from "./session.js";

const IdParams = z.object({ id: Id });
/** Invitation secrets are "pti_" and 43 URL-safe characters; the bound only keeps junk short. */
const InvitationSecret = z.object({ token: z.string().min(1).max(200) });

/** Accounts (administrators), invitations (administrators invite, invitees accept), API tokens (any account). */
export function registerAccountRoutes(app: FastifyInstance, db: Db, settings: AccountSettings) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Accepting needs no account, so it shares the login's per-address limit on guessing.
  const acceptLimiter = settings.loginLimit ? new LoginLimiter(settings.loginLimit) : undefined;

  api.get(
    "/api/accounts",
    {
      schema: {
        tags: ["accounts"],
        summary: "List accounts (administrators)",
        response: { 200: z.object({ items: z.array(AccountView) }), ...accessErrorResponses },
      },
    },
    async (request) => ({ items: await listAccounts(db, accountOf(request)) }),
  );

  api.patch(
    "/api/accounts/:id",
    {
      schema: {
        tags: ["accounts"],
        summary: "Change an account's role, party or disabled flag (administrators)",
        description:
          "A change of privilege ends the account's sessions and revokes the tokens its new role does not allow. The last enabled administrator cannot be demoted or disabled (409).",
        params: IdParams,
        body: AccountChange,
        response: { 200: AccountView, ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = accountOf(request);
      const outcome = await changeAccount(db, actor, request.params.id, request.body);
      if (outcome.privilegeChanged)
        request.log.info(
          {
            accountId: outcome.account.id,
            role: outcome.account.role,
            partyId: outcome.account.partyId,
            disabled: outcome.account.disabled,
            sessionsEnded: outcome.sessionsEnded,
            tokensRevoked: outcome.tokensRevoked,
          },
          "account privileges changed",
        );
      // An administrator who changed their own account keeps working, under a fresh session id.
      if (
        outcome.privilegeChanged &&
        request.session &&
        outcome.account.id === actor.accountId &&
        !outcome.account.disabled
      ) {
        const { sessionId } = await startSession(
          db,
          actor.accountId,
          { ip: request.ip, userAgent: String(request.headers["user-agent"] ?? "") },
          settings.session,
        );
        setSessionCookie(request, reply, sessionId, settings);
      }
      return outcome.account;
    },
  );

  api.post(
    "/api/invitations",
    {
      schema: {
        tags: ["accounts"],
        summary: "Invite someone to an account with a role (administrators)",
        description:
          "Answers the invitation and its secret token, shown only here: send the invitee the accept link. A new invitation replaces open ones for the same address.",
        body: NewInvitation,
        response: {
          201: z.object({ invitation: InvitationView, token: z.string(), acceptPath: z.string() }),
          ...accessErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { invitation, secret } = await invite(db, accountOf(request), request.body);
      request.log.info({ invitationId: invitation.id, role: invitation.role }, "invitation created");
      // The secret travels in the fragment, which browsers never send to the server or in a Referer.
      return reply
        .code(201)
        .send({ invitation, token: secret, acceptPath: `/accept-invitation#${encodeURIComponent(secret)}` });
    },
  );

  api.get(
    "/api/invitations",
    {
      schema: {
        tags: ["accounts"],
        summary: "List open invitations (administrators)",
        response: { 200: z.object({ items: z.array(InvitationView) }), ...accessErrorResponses },
      },
    },
    async (request) => ({ items: await listInvitations(db, accountOf(request)) }),
  );

  api.delete(
    "/api/invitations/:id",
    {
      schema: {
        tags: ["accounts"],
        summary: "Withdraw an open invitation (administrators)",
        params: IdParams,
        response: { 204: z.null(), ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      await withdrawInvitation(db, accountOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/api/invitations/:token/accept",
    {
      schema: {
        tags: ["accounts"],
        summary: "Accept an invitation: set the password of the new account",
        description:
          "Works once, before the invitation expires (410 afterwards). Then sign in (POST /api/session).",
        params: InvitationSecret,
        body: AcceptInvitation,
        response: { 201: AccountView, ...accessErrorResponses, 410: ErrorBody },
      },
    },
    async (request, reply) => {
      const verdict = acceptLimiter?.begin(request.ip) ?? { allowed: true };
      if (!verdict.allowed)
        throw new AccessRefusedError(
          429,
          "too_many_attempts",
          `Too many attempts from this address; try again in ${verdict.retryAfterSeconds} seconds.`,
          verdict.retryAfterSeconds,
        );
      try {
        const account = await acceptInvitation(db, request.params.token, request.body);
        request.log.info({ accountId: account.id, role: account.role }, "invitation accepted");
        return reply.code(201).send(account);
      } catch (error) {
        if (error instanceof AccessRefusedError) request.log.warn({ code: error.code }, "invitation refused");
        throw error;
      }
    },
  );

  api.get(
    "/api/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "List the caller's API tokens (an administrator may name another account)",
        querystring: z.object({ accountId: Id.optional() }),
        response: { 200: z.object({ items: z.array(ApiTokenView) }), ...accessErrorResponses },
      },
    },
    async (request) => ({ items: await listApiTokens(db, accountOf(request), request.query.accountId) }),
  );

  api.post(
    "/api/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Create an API token for machines (from a signed-in session)",
        description:
          "Answers the token's secret, shown only here; use it as Authorization: Bearer <secret>. Its role is the account's own or a lower one.",
        body: NewApiToken,
        response: { 201: z.object({ token: ApiTokenView, secret: z.string() }), ...accessErrorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(db, accountOf(request), request.body);
      request.log.info({ tokenId: created.token.id, role: created.token.role }, "API token created");
      return reply.code(201).send(created);
    },
  );

  api.delete(
    "/api/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        summary: "Revoke an API token (the caller's own; an administrator: anyone's)",
        params: IdParams,
        response: { 200: ApiTokenView, ...accessErrorResponses },
      },
    },
    async (request) => {
      const token = await revokeApiToken(db, accountOf(request), request.params.id);
      request.log.info({ tokenId: token.id }, "API token revoked");
      return token;
    },
  );
}
