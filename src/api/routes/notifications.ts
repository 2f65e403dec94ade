import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { Notification, NotificationPage, UnreadCount } from "../../domain/notifications.js";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../services/notifications.js";
import type { Db } from "../../store/database.js";
import { errorResponses } from "../errors.js";

const tags = ["notifications"];

const trueOrFalse = z
  .enum(["true", "false"])
  .optional()
  .transform((value) => value === "true");
const PartyQuery = z.object({
  partyId: Id.optional().describe("staff: one party's only; a representative: their own party (the default)"),
});

/**
 * What was published about a party (issue #9, item 5): a representative reads their party's, staff
 * every party's; read marks are per account. The public: 401.
 */
export function registerNotificationRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/notifications",
    {
      schema: {
        tags,
        summary: "Notifications of what was published, disputed, retracted or answered about a party",
        description: "Newest first, with the caller's unread count. 401 for the public.",
        querystring: PartyQuery.extend({
          unread: trueOrFalse.describe("only those the caller has not read"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: NotificationPage, ...errorResponses },
      },
    },
    async (request) => listNotifications(db, request.actor, request.query),
  );
  api.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one notification read (for the caller's account)",
        params: z.object({ id: Id }),
        body: z.object({}).strict().nullish(),
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (request) => markNotificationRead(db, request.actor, request.params.id),
  );
  api.post(
    "/api/notifications/read-all",
    {
      schema: {
        tags,
        summary: "Mark every notification the caller sees (of one party, when given) read",
        // A JSON body or none: anything else (text/plain included) is refused like on every write.
        body: PartyQuery.strict().nullish(),
        response: { 200: UnreadCount, ...errorResponses },
      },
    },
    async (request) => markAllNotificationsRead(db, request.actor, request.body?.partyId),
  );
}
