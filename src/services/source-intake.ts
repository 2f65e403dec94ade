import { IntakeError } from "../ingest/sources/intake-error.js";
import { readPage, readPastedText, readUploadedFile } from "../ingest/sources/read-source.js";
import type { Db } from "../store/database.js";
import type { Writer } from "./context.js";
import { type IntakeMetadata, type IntakeOutcome, readThenTakeIn } from "./document-intake.js";

/**
 * The ways a person brings sources in (feeds are polled: services/feeds.ts). Each answers outcomes —
 * created, a sighting of a document already held, or failed with its reason, recorded — so that a
 * batch (the CLI's list of files and URLs) goes on past one bad item and is stored in one transaction.
 */

export type FileToTake = { bytes: Uint8Array; fileName?: string; contentType?: string };

export async function ingestPastedText(db: Db, actor: Writer, text: string, metadata: IntakeMetadata) {
  const [outcome] = await readThenTakeIn(db, actor, [
    {
      source: { via: "paste", location: metadata.url ?? "pasted text", url: metadata.url },
      metadata,
      read: async () => readPastedText(text),
    },
  ]);
  return outcome as IntakeOutcome;
}

/** Many pasted texts at once (a bulk import of statements, the benchmark): one transaction. */
export function ingestPastedTexts(
  db: Db,
  actor: Writer,
  texts: { text: string; metadata: IntakeMetadata }[],
) {
  return readThenTakeIn(
    db,
    actor,
    texts.map(({ text, metadata }) => ({
      source: { via: "paste" as const, location: metadata.url ?? "pasted text", url: metadata.url },
      metadata,
      read: async () => readPastedText(text),
    })),
  );
}

export function ingestFiles(db: Db, actor: Writer, files: FileToTake[], metadata: IntakeMetadata) {
  return readThenTakeIn(
    db,
    actor,
    files.map(({ bytes, ...file }) => ({
      source: { via: "file" as const, location: file.fileName ?? "uploaded file", ...file },
      metadata,
      read: () => readUploadedFile(bytes, file),
    })),
  );
}

export async function ingestFile(
  db: Db,
  actor: Writer,
  bytes: Uint8Array,
  file: { fileName?: string; contentType?: string },
  metadata: IntakeMetadata,
): Promise<IntakeOutcome> {
  const [outcome] = await ingestFiles(db, actor, [{ bytes, ...file }], metadata);
  return outcome as IntakeOutcome;
}

export function ingestUrls(db: Db, actor: Writer, urls: string[], metadata: IntakeMetadata) {
  return readThenTakeIn(
    db,
    actor,
    urls.map((url) => ({
      source: { via: "url" as const, location: url, url },
      metadata,
      read: async () => {
        if (!/^https?:\/\//i.test(url))
          throw new IntakeError("invalid_url", `${url} is not an http(s) address`);
        return readPage(url);
      },
    })),
  );
}

export async function ingestUrl(db: Db, actor: Writer, url: string, metadata: IntakeMetadata) {
  const [outcome] = await ingestUrls(db, actor, [url], metadata);
  return outcome as IntakeOutcome;
}

export type SourceToTake = ({ kind: "file" } & FileToTake) | { kind: "url"; url: string };

/** Files and addresses together, in the order given (the CLI's arguments): one transaction. */
export function ingestSources(db: Db, actor: Writer, sources: SourceToTake[], metadata: IntakeMetadata) {
  return readThenTakeIn(
    db,
    actor,
    sources.map((source) => {
      if (source.kind === "url")
        return {
          source: { via: "url" as const, location: source.url, url: source.url },
          metadata,
          read: () => readPage(source.url),
        };
      const { bytes, kind: _, ...file } = source;
      return {
        source: { via: "file" as const, location: file.fileName ?? "uploaded file", ...file },
        metadata,
        read: () => readUploadedFile(bytes, file),
      };
    }),
  );
}
