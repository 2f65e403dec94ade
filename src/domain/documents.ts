import { z } from "zod";
import { Id, IsoDate, WebUrl } from "./common.js";
import { documentKinds, receivedVias } from "./events.js";
import { ExtractionItemView } from "./extraction.js";

/**
 * The source library's operations (issue #10): taking a source in, a document with what is known
 * about it (sightings, its near-duplicate cluster, the records citing it), evidence links to passages,
 * and feeds. The web app takes its types from here.
 */

/** What a person says about a source they bring; each field given wins over the source's own metadata. */
export const IntakeMetadataRequest = z.object({
  processId: Id,
  kind: z.enum(documentKinds).optional(),
  title: z.string().min(1).max(1000).optional(),
  publisher: z.string().max(300).optional(),
  author: z.string().max(300).optional(),
  authorPartyId: Id.optional(),
  publishedOn: IsoDate.optional().describe("leave out to read it from the source's metadata or text"),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional()
    .describe("leave out to have it detected (en, hy, az, ru, …)"),
  sourceNote: z.string().max(2000).optional(),
});

/** Pasted text with its metadata, or a page's address to fetch (then `text` is left out). */
export const DocumentIntakeRequest = IntakeMetadataRequest.extend({
  text: z.string().min(1).max(2_000_000).optional(),
  url: WebUrl.optional(),
}).refine((body) => body.text !== undefined || body.url !== undefined, {
  message: "send the text, or the url of a page to fetch",
  path: ["text"],
});
export type DocumentIntakeRequest = z.infer<typeof DocumentIntakeRequest>;

export const FileIntakeQuery = IntakeMetadataRequest.extend({
  fileName: z.string().max(300).optional(),
});

export const NearDuplicateView = z.object({
  documentId: Id,
  score: z.number(),
  jaccard: z.number(),
  containment: z.number(),
});

export const IntakeResult = z.object({
  outcome: z.enum(["created", "sighting", "failed"]),
  intakeId: z.string(),
  documentId: Id.optional(),
  title: z.string().optional(),
  duplicateClusterId: z.string().nullable().optional(),
  nearDuplicates: z.array(NearDuplicateView).optional(),
  location: z.string().optional(),
  errorCode: z.string().optional(),
  message: z.string().optional(),
});
export type IntakeResult = z.infer<typeof IntakeResult>;

/** One time a source was received: the first intake made the document, later ones are sightings. */
export const Sighting = z.object({
  at: z.string(),
  via: z.enum(receivedVias),
  location: z.string(),
  actor: z.string(),
  outcome: z.enum(["created", "sighting"]),
  feedId: z.string().nullable(),
});

export const ClusterMember = z.object({
  id: Id,
  title: z.string(),
  publisher: z.string(),
  publishedOn: IsoDate.nullable(),
  receivedAt: z.string(),
  isClusterOriginal: z.boolean(),
  /** Similarity with the document being shown; null when they met through another member. */
  score: z.number().nullable(),
  containment: z.number().nullable(),
});

export const evidenceKinds = [
  "incidents",
  "commitments",
  "assessments",
  "meetings",
  "accessObservations",
  "persons",
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export const EvidenceLinkRequest = z
  .object({
    documentId: Id,
    recordKind: z.enum(evidenceKinds),
    recordId: Id,
    /** Character offsets into the document's original text; both left out to cite the whole document. */
    passageStart: z.number().int().min(0).optional(),
    passageEnd: z.number().int().min(1).optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => (body.passageStart === undefined) === (body.passageEnd === undefined), {
    message: "give both passageStart and passageEnd, or neither",
    path: ["passageEnd"],
  })
  .refine((body) => body.passageStart === undefined || (body.passageEnd ?? 0) > body.passageStart, {
    message: "the passage ends after it starts",
    path: ["passageEnd"],
  });
export type EvidenceLinkRequest = z.infer<typeof EvidenceLinkRequest>;

export const EvidenceLinkView = z.object({
  id: z.string(),
  documentId: Id,
  documentTitle: z.string(),
  documentPublisher: z.string(),
  documentPublishedOn: IsoDate.nullable(),
  recordKind: z.enum(evidenceKinds),
  recordId: Id,
  /** The cited record's title (or party and date, place and date); null when the caller may not read it. */
  recordTitle: z.string().nullable(),
  passageStart: z.number().int().nullable(),
  passageEnd: z.number().int().nullable(),
  /** The passage in the original text; empty when the whole document is cited. */
  quote: z.string(),
  /** The same passage's offsets in the cleaned text, for highlighting it there. */
  cleanedStart: z.number().int().nullable(),
  cleanedEnd: z.number().int().nullable(),
  note: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  mayRemove: z.boolean(),
});
export type EvidenceLinkView = z.infer<typeof EvidenceLinkView>;

export const OriginalView = z.object({
  byteLength: z.number().int(),
  contentType: z.string().nullable(),
  encoding: z.string().nullable(),
  /** Where the exact bytes received can be downloaded. */
  href: z.string(),
});

/** What GET /api/documents/{id} adds to the record. */
export const DocumentContext = z.object({
  mentions: z.array(ExtractionItemView),
  dates: z.array(ExtractionItemView).describe("dates in the text, resolved against the published date"),
  quotes: z.array(ExtractionItemView).describe("quotes with their speaker (name and id), or none"),
  claims: z.array(ExtractionItemView),
  mayReviewExtraction: z.boolean(),
  original: OriginalView.nullable(),
  sightings: z.array(Sighting),
  cluster: z.object({ id: z.string(), members: z.array(ClusterMember) }).nullable(),
  evidence: z.array(EvidenceLinkView),
});

export const FeedView = z.object({
  id: z.string(),
  processId: Id,
  url: z.string(),
  title: z.string(),
  kind: z.string().nullable(),
  documentKind: z.string(),
  publisher: z.string(),
  publishAs: z.enum(["draft", "published"]),
  fetchArticles: z.boolean(),
  pollIntervalMinutes: z.number().int(),
  active: z.boolean(),
  lastPolledAt: z.string().nullable(),
  nextPollAt: z.string(),
  lastStatus: z.enum(["ok", "not_modified", "error"]).nullable(),
  lastError: z.string().nullable(),
  lastNewItems: z.number().int(),
  itemsTotal: z.number().int(),
  consecutiveFailures: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type FeedView = z.infer<typeof FeedView>;

export const NewFeedRequest = z.object({
  processId: Id,
  url: WebUrl,
  title: z.string().max(300).optional(),
  publisher: z.string().max(300).optional(),
  documentKind: z.enum(["news_article", "official_statement", "report", "interview"]).optional(),
  publishAs: z.enum(["draft", "published"]).optional(),
  fetchArticles: z.boolean().optional(),
  pollIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .optional(),
});

export const PollResultView = z.object({
  feedId: z.string(),
  status: z.enum(["ok", "not_modified", "error"]),
  newItems: z.number().int(),
  outcomes: z.array(IntakeResult),
  error: z.string().optional(),
});

export const IntakeListItem = z.object({
  id: z.string(),
  processId: Id,
  at: z.string(),
  actor: z.string(),
  via: z.enum(receivedVias),
  location: z.string(),
  feedId: z.string().nullable(),
  outcome: z.enum(["created", "sighting", "failed"]),
  documentId: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
});
export type IntakeListItem = z.infer<typeof IntakeListItem>;
