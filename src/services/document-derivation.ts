import { createHash } from "node:crypto";
import type { EntityData } from "../domain/entities.js";
import { cleanText } from "../ingest/sources/cleaning.js";
import { detectLanguage, normaliseLanguageTag } from "../ingest/sources/language.js";
import { findPublishedDate } from "../ingest/sources/text-dates.js";
import type { FieldIssue } from "../store/errors.js";
import type { NewRecord, StoredRecord } from "../store/repository.js";

type DocumentRecord = NewRecord<"documents">;

export const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * What the server works out from a document's text, on every create and change, whatever a client
 * sent for these fields: the cleaned text and its edits, the language when nobody gave it, and the
 * published date when neither the person nor the source's metadata gave one, read from the text
 * itself or left unknown (never today's date, never a guess).
 */
export function deriveDocumentFields(record: DocumentRecord): DocumentRecord {
  const { cleaned, edits } = cleanText(record.text);
  const entered = normaliseLanguageTag(record.language);
  const language = entered
    ? { language: entered, languageSource: record.languageSource ?? "entered" }
    : { language: detectLanguage(cleaned).language, languageSource: "detected" as const };
  return { ...record, cleanedText: cleaned, cleaningEdits: edits, ...language, ...publishedDate(record) };
}

function publishedDate(record: DocumentRecord): Pick<DocumentRecord, "publishedOn" | "publishedDateSource"> {
  if (record.publishedOn)
    return { publishedOn: record.publishedOn, publishedDateSource: record.publishedDateSource ?? "entered" };
  const found = findPublishedDate(record.text);
  return found
    ? { publishedOn: found.date, publishedDateSource: found.source }
    : { publishedOn: null, publishedDateSource: null };
}

/**
 * The SHA-256 is of the bytes received (for pasted text, its UTF-8). A hash sent by the client is
 * accepted only when it is that hash; a document's text, once received, never changes: a corrected
 * text is taken in as a new document, so that every citation keeps pointing at what was received.
 */
export function documentHashIssues(
  record: DocumentRecord,
  received: Uint8Array | undefined,
  previous: StoredRecord<"documents"> | undefined,
): { sha256: string; issues: FieldIssue[] } {
  if (previous) {
    const issues =
      record.text === previous.text
        ? []
        : [
            {
              path: "text",
              message:
                "a document's text is kept as it was received; take the corrected text in as a new document",
            },
          ];
    return { sha256: previous.sha256 as string, issues };
  }
  const computed = sha256Hex(received ?? record.text);
  const given = record.sha256;
  if (given === undefined || given === computed) return { sha256: computed, issues: [] };
  return {
    sha256: computed,
    issues: [
      {
        path: "sha256",
        message: `is not the SHA-256 of what was received (${computed}); leave it out and the server computes it`,
      },
    ],
  };
}

export type DerivedDocument = EntityData<"documents">;
