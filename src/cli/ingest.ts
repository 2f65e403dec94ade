import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { maxSourceBytes } from "../ingest/sources/read-source.js";
import { systemActor } from "../services/context.js";
import type { IntakeMetadata, IntakeOutcome } from "../services/document-intake.js";
import { ingestSources, type SourceToTake } from "../services/source-intake.js";
import { openMigrated, say } from "./database.js";
import { theOnlyProcess, theOnlyProcessOnServer } from "./import.js";
import { handoffSecretOf, serverHoldingTheFolder } from "./server-handoff.js";

interface IngestOptions {
  process?: string;
  kind?: IntakeMetadata["kind"];
  title?: string;
  publisher?: string;
  language?: string;
  publishedOn?: string;
  publish?: boolean;
  json?: boolean;
}

export function registerIngestCommand(program: Command) {
  program
    .command("ingest")
    .description(
      "Take sources in: files (text, HTML, Markdown, PDF) and page addresses. Each is kept as received, cleaned, dated, clustered with its near-duplicates; one that fails is reported and the rest go on.",
    )
    .argument("<sources...>", "files and http(s) addresses")
    .option("--process <id>", "process to add them to (default: the only one)")
    .option(
      "--kind <kind>",
      "official_statement, news_article, interview, court_order, report, agreement_text",
    )
    .option("--title <title>", "title (default: the source's own)")
    .option("--publisher <name>", "publisher (default: the source's own)")
    .option("--language <code>", "language (default: the source's, or detected)")
    .option("--published-on <date>", "published date YYYY-MM-DD (default: the source's metadata or text)")
    .option("--publish", "publish at once instead of leaving drafts for review (direct database only)")
    .option("--json", "also write each outcome as a JSON line on standard output")
    .action(ingestCommand);
}

export async function ingestCommand(sources: string[], options: IngestOptions) {
  let database: Awaited<ReturnType<typeof openMigrated>>;
  try {
    database = await openMigrated();
  } catch (error) {
    const serverUrl = serverHoldingTheFolder(error);
    if (!serverUrl) throw error;
    return ingestBesideServer(serverUrl, handoffSecretOf(error), sources, options);
  }
  try {
    const processId = options.process ?? (await theOnlyProcess(database.db));
    const metadata = metadataOf(options, processId);
    const actor = systemActor("cli");
    // A hundred at a time: each batch is read, then stored in one transaction.
    for (let start = 0; start < sources.length; start += 100) {
      const chunk = sources.slice(start, start + 100);
      const readable: { source: string; take: SourceToTake }[] = [];
      for (const source of chunk) {
        if (isUrl(source)) readable.push({ source, take: { kind: "url", url: source } });
        else {
          const local = readLocalFile(source);
          if ("bytes" in local)
            readable.push({
              source,
              take: {
                kind: "file",
                bytes: local.bytes,
                fileName: basename(source),
                contentType: typeOf(source),
              },
            });
          else report(source, local, options.json);
        }
      }
      const outcomes = await ingestSources(
        database.db,
        actor,
        readable.map((entry) => entry.take),
        metadata,
      );
      for (const [index, entry] of readable.entries())
        report(entry.source, outcomes[index] as IntakeOutcome, options.json);
    }
  } finally {
    await database.close();
  }
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

function metadataOf(options: IngestOptions, processId: string): IntakeMetadata {
  return {
    processId,
    kind: options.kind,
    title: options.title,
    publisher: options.publisher,
    language: options.language,
    publishedOn: options.publishedOn,
    reviewState: options.publish ? "published" : "draft",
  };
}

/** A file that cannot be read is reported like any failed intake, and the batch goes on. */
function readLocalFile(path: string): { bytes: Uint8Array } | IntakeOutcome {
  try {
    const size = statSync(path).size;
    if (size > maxSourceBytes)
      return failedLocally(path, "too_large", `the file is ${size} bytes, over ${maxSourceBytes} (50 MB)`);
    return { bytes: new Uint8Array(readFileSync(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES")
      return failedLocally(path, "unreadable", `cannot read ${path} (${code})`);
    throw error;
  }
}

const failedLocally = (location: string, errorCode: string, message: string): IntakeOutcome => ({
  outcome: "failed",
  intakeId: "",
  location,
  errorCode,
  message,
});

const mediaTypes: Record<string, string> = {
  ".pdf": "application/pdf",
  ".html": "text/html",
  ".htm": "text/html",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".txt": "text/plain",
};
const typeOf = (path: string) => mediaTypes[extname(path).toLowerCase()] ?? "application/octet-stream";

function report(source: string, outcome: IntakeOutcome, json: boolean | undefined) {
  if (outcome.outcome === "failed") {
    say(`✗ ${source}: ${outcome.message} (${outcome.errorCode})`);
    process.exitCode = 1;
  } else {
    const cluster = outcome.nearDuplicates.length
      ? `; near-duplicate of ${outcome.nearDuplicates.map((d) => `${d.documentId} (${d.score.toFixed(2)})`).join(", ")}`
      : "";
    const verb = outcome.outcome === "created" ? "taken in as" : "already held as";
    say(`✓ ${source}: ${verb} ${outcome.documentId} “${outcome.title}”${cluster}`);
  }
  if (json) process.stdout.write(`${JSON.stringify({ source, ...outcome })}\n`);
}

/** The embedded database is held by a running server: each source goes to it over HTTP (as "cli"). */
async function ingestBesideServer(
  serverUrl: string,
  handoffSecret: string | undefined,
  sources: string[],
  options: IngestOptions,
) {
  if (options.publish)
    say("Beside a running server, sources are taken in as drafts: publish them through review.");
  const processId = options.process ?? (await theOnlyProcessOnServer(serverUrl));
  const { reviewState: _, ...metadata } = metadataOf(options, processId);
  const headers: Record<string, string> = handoffSecret ? { "x-peacetrack-handoff": handoffSecret } : {};
  for (const source of sources) {
    const outcome = isUrl(source)
      ? await postJson(`${serverUrl}/api/documents`, { ...metadata, url: source }, headers)
      : await sendLocalFile(source, (bytes) => {
          const query = new URLSearchParams(
            Object.entries({ ...metadata, fileName: basename(source) }).filter(
              (entry): entry is [string, string] => typeof entry[1] === "string",
            ),
          );
          return post(`${serverUrl}/api/documents/files?${query}`, bytes, {
            ...headers,
            "content-type": typeOf(source) === "text/markdown" ? "text/markdown" : typeOf(source),
          });
        });
    report(source, outcome, options.json);
  }
}

async function sendLocalFile(path: string, send: (bytes: Uint8Array) => Promise<IntakeOutcome>) {
  const local = readLocalFile(path);
  return "bytes" in local ? send(local.bytes) : local;
}

const postJson = (url: string, body: unknown, headers: Record<string, string>) =>
  post(url, JSON.stringify(body), { ...headers, "content-type": "application/json" });

async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<IntakeOutcome> {
  const response = await fetch(url, { method: "POST", headers, body: body as unknown as BodyInit });
  const answer = (await response.json().catch(() => ({}))) as {
    intake?: IntakeOutcome;
    error?: { code: string; message: string };
  };
  if (answer.intake) return answer.intake;
  return failedLocally(
    url,
    answer.error?.code ?? String(response.status),
    answer.error?.message ?? response.statusText,
  );
}
