import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { createWebhook, listWebhooks, removeWebhook, webhookDeliveryLog } from "../../services/webhooks.js";
import type { Db } from "../../store/database.js";
import { deliveryStates, notificationEvents } from "../../store/schema-notifications.js";
import { errorResponses } from "../errors.js";

const tags = ["webhooks"];

const Webhook = z.object({
  id: z.string(),
  partyId: z.string(),
  url: z.string(),
  description: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable().describe("the last failed attempt's error or HTTP status"),
  lastErrorAt: z.string().nullable(),
  failedDeliveries: z.number().int().describe("deliveries that ran out of attempts"),
  pendingDeliveries: z.number().int().describe("deliveries waiting for their first or next attempt"),
});
const CreatedWebhook = Webhook.extend({
  secret: z.string().describe("the signing secret: shown this once, keep it (docs/WEBHOOKS.md)"),
});
const WebhookInput = z.object({
  partyId: Id.optional().describe("whose notifications it receives; a representative's own party by default"),
  url: z.string().min(1).max(2000).describe("http:// or https://, not a private address"),
  description: z.string().max(500).optional(),
});

const Delivery = z.object({
  id: z.string().describe("sent as X-Peacetrack-Delivery"),
  notificationId: z.string(),
  event: z.enum(notificationEvents),
  record: z.object({ kind: z.string(), id: z.string(), title: z.string() }),
  state: z.enum(deliveryStates),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable().describe("when pending: the next attempt"),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  attemptLog: z.array(
    z.object({
      at: z.string(),
      status: z.number().int().optional(),
      error: z.string().optional(),
      durationMs: z.number(),
    }),
  ),
});

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
