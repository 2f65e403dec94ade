import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../domain/actor.js";
import { AllowedActions } from "../../domain/allowed-actions.js";
import { Id, IsoDate } from "../../domain/common.js";
import {
  createSchema,
  type EntityName,
  entityNames,
  patchSchema,
  RecordEnvelope,
  summaryExtras,
  summaryOmits,
} from "../../domain/entities.js";
import { isReplyableKind } from "../../domain/replies.js";
import { ReviewRequest } from "../../domain/review-workflow.js";
import { readRecordWithActions, readSummaries, withActions } from "../../services/record-reads.js";
import { createRecord, deleteRecord, updateRecord } from "../../services/records.js";
import { readRepliesTo } from "../../services/replies.js";
import { reviewRecord } from "../../services/review.js";
import type { Db } from "../../store/database.js";
import { entityStore } from "../../store/entity-config.js";
import { errorResponses } from "../errors.js";
import type { RequestActor } from "../server.js";
import { ReplyResponse } from "./replies.js";

export const pathOf = (name: EntityName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function recordSchema(name: EntityName) {
  return createSchema(name)
    .omit({ id: true, reviewState: true })
    .extend(RecordEnvelope.shape)
    .extend({ allowedActions: AllowedActions.optional() });
}

/**
 * A record as the detail routes answer it: always with the caller's allowed actions, and for the kinds a
 * party may answer, the replies the caller may read, so that a reply travels with what it answers.
 */
export function readRecordSchema(name: EntityName) {
  const schema = recordSchema(name).extend({ allowedActions: AllowedActions });
  return isReplyableKind(name)
    ? schema.extend({ replies: z.array(ReplyResponse).describe("the parties' replies to this record") })
    : schema;
}

async function readDetail(db: Db, actor: Actor, name: EntityName, id: string) {
  const record = await readRecordWithActions(db, actor, name, id);
  return isReplyableKind(name) ? { ...record, replies: await readRepliesTo(db, actor, name, id) } : record;
}

/** What a list answers per item: the record, less its long fields, plus their excerpts. */
export function summarySchema(name: EntityName) {
  const omitted = Object.fromEntries((summaryOmits[name] ?? []).map((field) => [field, true] as const));
  return recordSchema(name)
    .omit(omitted as never)
    .extend(summaryExtras[name] ?? {})
    .extend({ allowedActions: AllowedActions });
}

function listQuerySchema(name: EntityName) {
  const filters = Object.fromEntries(
    Object.keys(entityStore[name].filters).map((key) => [key, z.string().optional()]),
  );
  const range = entityStore[name].dateRange
    ? {
        from: IsoDate.optional().describe("earliest date, inclusive"),
        to: IsoDate.optional().describe("latest date, inclusive"),
      }
    : {};
  return z.object({
    ...filters,
    ...range,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
  });
}

const IdParams = z.object({ id: Id });

/** REST routes for every kind of record: list, get, create, update, delete (tombstone). */
export function registerRecordRoutes(
  app: FastifyInstance,
  db: Db,
  actorOf: RequestActor,
  skipGet: EntityName[] = [],
  /** Kinds whose list has its own route (incidents: routes/incidents.ts); their other routes stay here. */
  skipList: EntityName[] = [],
  /** Kinds created through their own route (documents: taken in by routes/documents.ts). */
  skipCreate: EntityName[] = [],
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const name of entityNames) {
    const path = `/api/${pathOf(name)}`;
    const tags = [pathOf(name)];
    const record = recordSchema(name);
    const query = listQuerySchema(name);

    if (!skipList.includes(name))
      api.get(
        path,
        {
          schema: {
            tags,
            summary: `List ${name} (summaries; the full record is on the detail route)`,
            querystring: query,
            response: {
              200: z.object({ items: z.array(summarySchema(name)), nextCursor: z.string().nullable() }),
              ...errorResponses,
            },
          },
        },
        async (request) => {
          const { limit, cursor, from, to, ...filters } = request.query as Record<
            string,
            string | undefined
          > & { limit: number };
          return readSummaries(db, request.actor, name, { limit, cursor, from, to, filters });
        },
      );
    if (!skipGet.includes(name))
      api.get(
        `${path}/:id`,
        {
          schema: {
            tags,
            summary: `Get one of ${name}`,
            description:
              "A record the caller may not read (a draft, for the public) answers 404, as if absent.",
            params: IdParams,
            response: { 200: readRecordSchema(name), ...errorResponses },
          },
        },
        async (request) => readDetail(db, request.actor, name, request.params.id),
      );
    if (!skipCreate.includes(name))
      api.post(
        path,
        {
          schema: {
            tags,
            summary: `Create one of ${name}`,
            body: createSchema(name),
            response: { 201: record, ...errorResponses },
          },
        },
        async (request, reply) =>
          reply
            .code(201)
            .send(
              withActions(request.actor, name, await createRecord(db, name, request.body, actorOf(request))),
            ),
      );
    api.patch(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Change one of ${name}`,
          params: IdParams,
          body: patchSchema(name),
          response: { 200: record, ...errorResponses },
        },
      },
      async (request) =>
        withActions(
          request.actor,
          name,
          await updateRecord(db, name, request.params.id, request.body, actorOf(request)),
        ),
    );
    api.delete(
      `${path}/:id`,
      {
        schema: {
          tags,
          summary: `Remove one of ${name} (kept as a tombstone)`,
          params: IdParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await deleteRecord(db, name, request.params.id, actorOf(request));
        return reply.code(204).send(null);
      },
    );
    api.post(
      `${path}/:id/review`,
      {
        schema: {
          tags,
          summary: `Move one of ${name} through review (submit, return, publish, dispute, retract)`,
          description:
            "The move is checked against the record as locked; 401 for the public, 403 with the reason when the policy refuses (nobody publishes what they created or submitted), 409 when the record is not where the move starts, 400 when a reason is required.",
          params: IdParams,
          body: ReviewRequest,
          response: { 200: record, ...errorResponses },
        },
      },
      async (request) => {
        // The answer carries what the caller may do next (e.g. publish, once someone else submitted it).
        const actor = request.actor;
        return withActions(actor, name, await reviewRecord(db, name, request.params.id, request.body, actor));
      },
    );
  }
}
