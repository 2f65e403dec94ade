import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../domain/actor.js";
import { AllowedKindActions } from "../../domain/allowed-actions.js";
import { entityNames } from "../../domain/entities.js";
import { allowedActions, type KindAction, kindTarget, type PolicyKind } from "../../domain/policy.js";

const Permissions = z.object({
  allowedKindActions: AllowedKindActions,
});

const policyKinds: PolicyKind[] = [...entityNames, "replies"];

/** What the caller may do per kind of record, beside the per-record `allowedActions` of every record. */
export function kindPermissions(actor: Actor): AllowedKindActions {
  return Object.fromEntries(
    policyKinds.map((kind) => [kind, allowedActions(actor, kindTarget(kind)) as KindAction[]]),
  );
}

/**
 * GET /api/permissions: the kind-level actions (create, submit_claim, import) the caller may take, so
 * the web app shows a control only when the API would accept its use.
 */
export function registerPermissionRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/permissions",
    {
      schema: {
        tags: ["session"],
        summary: "What the caller may do per kind of record: create, submit_claim, import",
        response: { 200: Permissions },
      },
    },
    async (request) => ({ allowedKindActions: kindPermissions(request.actor) }),
  );
}
