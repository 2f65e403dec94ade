import type { ExtractedText } from "../ingest/sources/contracts.js";
import type { NewRecord } from "../store/repository.js";
import type { ReceivedSource } from "./document-intake.js";

/** What the person taking a source in says about it; each given field wins over what the source says. */
export interface IntakeMetadata {
  processId: string;
  kind?: NewRecord<"documents">["kind"];
  title?: string;
  publisher?: string;
  author?: string;
  authorPartyId?: string;
  url?: string;
  publishedOn?: string;
  language?: string;
  sourceNote?: string;
  /** A feed item's own date, used when the page itself carries none. */
  feedPublishedAt?: string;
  /** For the platform's own hand only (seed, CLI on its own database); accounts' documents start as drafts. */
  reviewState?: "draft" | "published";
}

/** The record: what the person said first, then what the source's own metadata says, then the text. */
export function documentRecord(
  source: ReceivedSource,
  extracted: ExtractedText,
  metadata: IntakeMetadata,
): NewRecord<"documents"> {
  const declared = metadata.language ?? extracted.declaredLanguage;
  return {
    processId: metadata.processId,
    kind: metadata.kind ?? (source.via === "feed" ? "news_article" : "official_statement"),
    title: (metadata.title ?? extracted.title ?? firstLine(extracted.text)).slice(0, 1000),
    publisher: (metadata.publisher ?? extracted.publisher ?? "").slice(0, 300),
    author: (metadata.author ?? extracted.author ?? "").slice(0, 300),
    authorPartyId: metadata.authorPartyId,
    url: metadata.url ?? source.url ?? extracted.canonicalUrl,
    language: declared,
    languageSource: metadata.language ? "entered" : declared ? "metadata" : undefined,
    ...publishedDate(metadata, extracted),
    text: extracted.text,
    receivedVia: source.via,
    contentType: source.contentType?.slice(0, 200),
    fileName: source.fileName?.slice(0, 300),
    encoding: extracted.encoding,
    sourceNote: metadata.sourceNote ?? "",
    reviewState: metadata.reviewState,
  } as NewRecord<"documents">;
}

/** The person's date, else the page's or file's metadata, else the feed item's; else the text decides. */
function publishedDate(metadata: IntakeMetadata, extracted: ExtractedText) {
  if (metadata.publishedOn)
    return { publishedOn: metadata.publishedOn, publishedDateSource: "entered" as const };
  const fromMetadata = isoDay(extracted.publishedAt);
  if (fromMetadata) return { publishedOn: fromMetadata, publishedDateSource: "metadata" as const };
  const fromFeed = isoDay(metadata.feedPublishedAt);
  if (fromFeed) return { publishedOn: fromFeed, publishedDateSource: "feed" as const };
  return { publishedOn: null, publishedDateSource: null };
}

const isoDay = (value: string | undefined) =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

const firstLine = (text: string) =>
  text.trim().split("\n", 1)[0]?.slice(0, 200).trim() || "Untitled document";
