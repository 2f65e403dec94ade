import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { CreatedWebhook, Delivery, Webhook, WebhookInput } from "../../domain/notifications.js";
import { createWebhook, listWebhooks, removeWebhook, webhookDeliveryLog } from "../../services/webhooks.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const tags = ["webhooks"];

/**
 * A party's webhooks: notifications POSTed as signed JSON (docs/WEBHOOKS.md). An administrator
 * manages any party's; a representative their own party's.
 */
export function registerWebhookRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/webhooks",
    {
      schema: {
        tags,
        summary: "The webhooks the caller manages, with the state of their deliveries",
        querystring: z.object({ partyId: Id.optional() }),
        response: { 200: z.object({ items: z.array(Webhook) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listWebhooks(db, request.actor, request.query.partyId) }),
  );
  api.post(
    "/api/webhooks",
    {
      schema: {
        tags,
        summary: "Register a webhook for a party; the answer holds its signing secret, once",
        body: WebhookInput,
        response: { 201: CreatedWebhook, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(db, request.actor, request.body)),
  );
  api.get(
    "/api/webhooks/:id/deliveries",
    {
      schema: {
        tags,
        summary: "A webhook's latest deliveries (50), newest first, with each attempt's status or error",
        params: z.object({ id: Id }),
        response: { 200: z.object({ items: z.array(Delivery) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await webhookDeliveryLog(db, request.actor, request.params.id) }),
  );
  api.delete(
    "/api/webhooks/:id",
    {
      schema: {
        tags,
        summary: "Remove a webhook: nothing more is sent to it; waiting deliveries are cancelled",
        params: z.object({ id: Id }),
        response: { 204: z.null().describe("removed"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeWebhook(db, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
