import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { ImportRunView } from "../domain/import-runs.js";
import { DataFolderInUseError } from "../store/database.js";

/**
 * A command run beside a server that holds the embedded database cannot open it (PGlite allows one
 * process per folder). The server records its address in the folder's lock; the command hands its work
 * to it over HTTP, the same API the web app uses, and follows the result. See docs/ARCHITECTURE.md.
 */

/** The running server's address when `error` says the folder is held by one that announced it. */
export function serverHoldingTheFolder(error: unknown): string | undefined {
  return error instanceof DataFolderInUseError ? error.holder?.serverUrl : undefined;
}

/** The secret the holding server announced for hand-offs (read from its lock file, mode 0600). */
export function handoffSecretOf(error: unknown): string | undefined {
  return error instanceof DataFolderInUseError ? error.holder?.handoffSecret : undefined;
}

export interface HandoffImport {
  dataset: string;
  processId: string;
  kind: "incidents" | "deletions";
  strict: boolean;
  dryRun: boolean;
  /** Makes the upload the local administrator "cli" (see src/api/authentication.ts); without it, 401. */
  handoffSecret?: string;
}

/** Uploads the file to the running server, then follows its import run until it ends. */
export async function importThroughServer(
  serverUrl: string,
  path: string,
  options: HandoffImport,
  onProgress: (run: ImportRunView) => void = () => {},
): Promise<ImportRunView> {
  const search = new URLSearchParams({
    dataset: options.dataset,
    process: options.processId,
    kind: options.kind,
    fileName: basename(path),
    strict: String(options.strict),
    dryRun: String(options.dryRun),
  });
  const response = await fetch(`${serverUrl}/api/imports?${search}`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(statSync(path).size),
      ...handoffHeaders(options.handoffSecret),
    },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  let run = await answer<ImportRunView>(response);
  while (run.state === "queued" || run.state === "running") {
    onProgress(run);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await answer<ImportRunView>(
      await fetch(`${serverUrl}/api/imports/${encodeURIComponent(run.id)}`, {
        headers: handoffHeaders(options.handoffSecret),
      }),
    );
  }
  onProgress(run);
  return run;
}

const handoffHeaders = (secret: string | undefined): Record<string, string> =>
  secret ? { "x-peacetrack-handoff": secret } : {};

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => undefined)) as
    | (T & { error?: { message?: string; details?: { path: string; message: string }[] } })
    | undefined;
  if (!response.ok) {
    const details = body?.error?.details?.map((d) => `${d.path}: ${d.message}`).join("; ");
    throw new Error(
      `the running server refused the import: ${body?.error?.message ?? response.statusText}${details ? ` (${details})` : ""}`,
    );
  }
  return body as T;
}
