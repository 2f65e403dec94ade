import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { documents, processes } from "./schema.js";

/**
 * The source library (issue #10): what was received and when, the near-duplicate index, evidence
 * passages, and the feeds polled. Re-exported from schema.ts, which drizzle-kit reads.
 */
const at = () => timestamp({ withTimezone: true, mode: "string" });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const documentId = () =>
  text()
    .notNull()
    .references(() => documents.id);

/** The exact bytes a document was made from (a page's HTML, a PDF, a feed item's XML fragment). */
export const documentOriginals = pgTable("document_originals", {
  documentId: documentId().primaryKey(),
  bytes: bytea().notNull(),
  byteLength: integer().notNull(),
});

/**
 * Every attempt to take something in: a new document, a sighting of one already held (the same
 * bytes seen again, where and when), or a failure with its reason. A document's sightings are its
 * intakes; a batch records each item, so one bad item never hides the others.
 */
export const documentIntakes = pgTable(
  "document_intakes",
  {
    id: text().primaryKey(),
    processId: text()
      .notNull()
      .references(() => processes.id),
    at: at().notNull().defaultNow(),
    actor: text().notNull(),
    via: text().notNull(),
    /** The URL, the file name or the feed item's link: where it was seen. */
    location: text().notNull().default(""),
    feedId: text(),
    outcome: text().$type<"created" | "sighting" | "failed">().notNull(),
    documentId: text().references(() => documents.id),
    errorCode: text(),
    errorMessage: text(),
  },
  (t) => [
    index().on(t.documentId, t.at),
    index().on(t.processId, t.at),
    check(
      "document_intakes_outcome",
      sql`(${t.outcome} = 'failed') = (${t.documentId} IS NULL AND ${t.errorCode} IS NOT NULL)`,
    ),
  ],
);

/** A document's MinHash signature, and its band keys for finding candidates (ingest/sources/near-duplicates.ts). */
export const documentFingerprints = pgTable("document_fingerprints", {
  documentId: documentId().primaryKey(),
  signature: jsonb().$type<number[]>().notNull(),
  shingleCount: integer().notNull(),
});

export const documentBandKeys = pgTable(
  "document_band_keys",
  {
    bandKey: text().notNull(),
    documentId: documentId(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.documentId] }), index().on(t.documentId)],
);

/** Near-duplicate pairs found, each stored both ways so a document's cluster reads with one index. */
export const documentSimilarities = pgTable(
  "document_similarities",
  {
    documentId: documentId(),
    otherDocumentId: text()
      .notNull()
      .references(() => documents.id),
    score: doublePrecision().notNull(),
    jaccard: doublePrecision().notNull(),
    containment: doublePrecision().notNull(),
    foundAt: at().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.otherDocumentId] }),
    check("document_similarities_not_self", sql`${t.documentId} <> ${t.otherDocumentId}`),
  ],
);

/**
 * A document, or a passage of it, cited as evidence for a record. Offsets are into the original text
 * (`documents.text`), which never changes, so a link survives any re-cleaning.
 */
export const evidenceLinks = pgTable(
  "evidence_links",
  {
    id: text().primaryKey(),
    documentId: documentId(),
    recordKind: text().notNull(),
    recordId: text().notNull(),
    passageStart: integer(),
    passageEnd: integer(),
    /** The passage's text as it stood when linked, to show and to check against the original. */
    quote: text().notNull().default(""),
    note: text().notNull().default(""),
    createdAt: at().notNull().defaultNow(),
    createdBy: text().notNull(),
    deletedAt: at(),
    deletedBy: text(),
  },
  (t) => [
    index().on(t.recordKind, t.recordId),
    index().on(t.documentId),
    check(
      "evidence_links_passage",
      sql`(${t.passageStart} IS NULL AND ${t.passageEnd} IS NULL) OR (${t.passageStart} >= 0 AND ${t.passageEnd} > ${t.passageStart})`,
    ),
  ],
);

/** A feed polled on a schedule, with its state for everyone to see. */
export const feeds = pgTable(
  "feeds",
  {
    id: text().primaryKey(),
    processId: text()
      .notNull()
      .references(() => processes.id),
    url: text().notNull(),
    title: text().notNull().default(""),
    kind: text(),
    documentKind: text().notNull().default("news_article"),
    publisher: text().notNull().default(""),
    /** Items become drafts for review (the default) or are published as received. */
    publishAs: text().$type<"draft" | "published">().notNull().default("draft"),
    /** Fetch each item's page for the full article when the feed carries only a summary. */
    fetchArticles: boolean().notNull().default(true),
    pollIntervalMinutes: integer().notNull().default(60),
    active: boolean().notNull().default(true),
    etag: text(),
    lastModified: text(),
    lastPolledAt: at(),
    nextPollAt: at().notNull().defaultNow(),
    lastStatus: text().$type<"ok" | "not_modified" | "error">(),
    lastError: text(),
    lastNewItems: integer().notNull().default(0),
    itemsTotal: integer().notNull().default(0),
    consecutiveFailures: integer().notNull().default(0),
    /** Set while a poll runs, so two pollers never take the same feed. */
    pollingSince: at(),
    createdAt: at().notNull().defaultNow(),
    createdBy: text().notNull(),
  },
  (t) => [uniqueIndex().on(t.processId, t.url), index().on(t.active, t.nextPollAt)],
);

/** The items of a feed already taken in, by guid or link, so a poll takes only new ones. */
export const feedItems = pgTable(
  "feed_items",
  {
    feedId: text()
      .notNull()
      .references(() => feeds.id),
    itemKey: text().notNull(),
    documentId: text().references(() => documents.id),
    firstSeenAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.itemKey] })],
);
