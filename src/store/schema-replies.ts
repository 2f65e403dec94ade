import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { SourceRef } from "../domain/common.js";
import type { ReplyState } from "../domain/replies.js";
import type { ReviewMove } from "../domain/review-transitions.js";
import { parties } from "./schema.js";
import { accounts } from "./schema-accounts.js";

/**
 * The right of reply (issue #9, item 5): a party's answer to a record that concerns it. Its party and
 * author are set from the signed-in representative, never from a request body. Re-exported from
 * schema.ts, which drizzle-kit reads; changes are recorded in record_events as entity "replies".
 */
const at = () => timestamp({ withTimezone: true, mode: "string" });

export const replies = pgTable(
  "replies",
  {
    id: text().primaryKey(),
    /** The answered record: one of replyableKinds, and its id (not a foreign key: it spans tables). */
    recordKind: text().notNull(),
    recordId: text().notNull(),
    /** Set when the reply answers one alleged breach of an incident rather than the whole incident. */
    allegedBreachProvisionId: text(),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    text: text().notNull(),
    language: text().notNull().default("en"),
    sources: jsonb().$type<SourceRef[]>().notNull().default([]),
    authorAccountId: text()
      .notNull()
      .references(() => accounts.id),
    /** The name the history shows for the author (actorName), never an e-mail address. */
    authorName: text().notNull(),
    reviewState: text().$type<ReplyState>().notNull().default("published"),
    reviewHistory: jsonb().$type<ReviewMove[]>().notNull().default([]),
    publishedAt: at(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index().on(t.recordKind, t.recordId),
    index().on(t.partyId),
    check("replies_record_kind", sql`${t.recordKind} IN ('incidents', 'assessments', 'interpretations')`),
    check("replies_review_state", sql`${t.reviewState} IN ('draft', 'published', 'retracted')`),
  ],
);
