import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { documents } from "./schema.js";

/**
 * What extraction found in a document (issue #11): mentions, dates, quotes and claims, each a
 * suggestion with its span in the original text, its confidence and the rule that produced it, until
 * a reviewer accepts, rejects or corrects it. A re-run replaces suggestions and never a decision: an
 * item is known again by its key (kind, span and what it says).
 */
const at = () => timestamp({ withTimezone: true, mode: "string" });

export const extractionItems = pgTable(
  "extraction_items",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => documents.id),
    kind: text().$type<"mention" | "date" | "quote" | "claim">().notNull(),
    itemKey: text().notNull(),
    spanStart: integer().notNull(),
    spanEnd: integer().notNull(),
    text: text().notNull(),
    confidence: doublePrecision().notNull(),
    rule: text().notNull(),
    /** What the rules suggested (kind-specific). */
    suggestion: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text()
      .$type<"suggested" | "accepted" | "rejected" | "corrected">()
      .notNull()
      .default("suggested"),
    /** The value that stands: the suggestion once accepted, the correction once corrected. */
    decided: jsonb().$type<Record<string, unknown>>(),
    decidedBy: text(),
    decidedAt: at(),
    /** Every decision, oldest first: who, when, what. */
    history: jsonb()
      .$type<{ by: string; at: string; action: string; value?: unknown }[]>()
      .notNull()
      .default([]),
    /** Columns the facets and the "says and does" views read, from the standing value. */
    recordId: text(),
    partyId: text(),
    claimType: text(),
    targetPartyId: text(),
    bearsOnIds: jsonb().$type<string[]>().notNull().default([]),
    extractedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.documentId, t.itemKey),
    index().on(t.documentId, t.kind),
    index().on(t.partyId, t.claimType, t.status),
    index().on(t.recordId, t.kind),
    index("extraction_items_bears_on").using("gin", t.bearsOnIds.op("jsonb_path_ops")),
    check("extraction_items_span", sql`${t.spanStart} >= 0 AND ${t.spanEnd} >= ${t.spanStart}`),
    check("extraction_items_decided", sql`(${t.status} = 'suggested') = (${t.decidedAt} IS NULL)`),
  ],
);
