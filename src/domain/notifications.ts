import { z } from "zod";
import { Id } from "./common.js";

/**
 * Telling a party what was published about it (issue #9, item 5): notifications in the app and
 * deliveries to its webhooks. The API's response schemas and the web app's types both come from here.
 */
export const notificationEvents = ["published", "disputed", "retracted", "reply_published"] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export const deliveryStates = ["pending", "delivering", "delivered", "failed", "cancelled"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const Notification = z.object({
  id: z.string(),
  partyId: z.string(),
  event: z.enum(notificationEvents),
  record: z.object({ kind: z.string(), id: z.string(), title: z.string() }),
  replyId: z.string().optional().describe("for reply_published: the reply"),
  summary: z.string(),
  actorName: z.string().describe("who made the move, as the history names them"),
  createdAt: z.string(),
  read: z.boolean().describe("whether the caller's account has marked it read"),
});
export const UnreadCount = z.object({ unreadCount: z.number().int() });
export const NotificationPage = z.object({
  items: z.array(Notification),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;
export type NotificationPage = z.infer<typeof NotificationPage>;

export const Webhook = z.object({
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
export const CreatedWebhook = Webhook.extend({
  secret: z.string().describe("the signing secret: shown this once, keep it (docs/WEBHOOKS.md)"),
});
export const WebhookInput = z.object({
  partyId: Id.optional().describe("whose notifications it receives; a representative's own party by default"),
  url: z.string().min(1).max(2000).describe("http:// or https://, not a private address"),
  description: z.string().max(500).optional(),
});

export const Delivery = z.object({
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

export type Webhook = z.infer<typeof Webhook>;
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;
export type Delivery = z.infer<typeof Delivery>;
