import { createWriteStream, rmSync } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../domain/common.js";
import { incidentDatasets } from "../../domain/events.js";
import { ImportRun } from "../../domain/import-runs.js";
import { kindTarget } from "../../domain/policy.js";
import { authorize, writerName } from "../../services/context.js";
import type { ImportJobs } from "../../services/import-jobs.js";
import { createImportRun, getImportRun, listImportRuns } from "../../services/import-runs.js";
import type { Db } from "../../store/database.js";
import { NotFoundError, ValidationError } from "../../store/errors.js";
import { errorResponses } from "../errors.js";

/** Uploads beyond this size are refused (413); the CLI imports files of any size directly. */
export const maxUploadBytes = Number(process.env.PEACETRACK_MAX_UPLOAD_BYTES ?? 4 * 1024 ** 3);

const uploadTypes = ["application/octet-stream", "text/csv", "text/plain", "text/tab-separated-values"];
const flag = z
  .enum(["true", "false"])
  .default("false")
  .transform((value) => value === "true");

const UploadQuery = z.object({
  dataset: z.enum(incidentDatasets),
  process: Id,
  fileName: z.string().min(1).max(300).default("upload.csv"),
  kind: z.enum(["incidents", "deletions"]).default("incidents"),
  strict: flag,
  dryRun: flag,
});

class UploadTooLargeError extends Error {
  statusCode = 413;
  constructor() {
    super(
      `The file is larger than ${maxUploadBytes} bytes, the most this server takes (PEACETRACK_MAX_UPLOAD_BYTES).`,
    );
  }
}

/** Counts the bytes streaming past and stops the upload at the limit. */
function byteLimit(limit: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? new UploadTooLargeError() : null, chunk);
    },
  });
}

/**
 * Imports of event-data files through HTTP: the web app's upload and the CLI's hand-off when a server
 * already holds the embedded database. The file is streamed to disk, its run queued, and the import
 * carried out as a background job (services/import-jobs.ts); clients follow the run's progress.
 */
export function registerImportRoutes(app: FastifyInstance, db: Db, jobs: ImportJobs) {
  app.register(async (scope) => {
    // Only this route takes raw files; everywhere else such bodies stay refused (415).
    scope.addContentTypeParser(uploadTypes, (_request, payload, done) => done(null, payload));
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.post(
      "/api/imports",
      {
        schema: {
          tags: ["imports"],
          summary: "Upload an ACLED, UCDP or GDELT file (the raw bytes as the body) and queue its import",
          querystring: UploadQuery,
          response: { 202: ImportRun, ...errorResponses, 413: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const body = request.body as NodeJS.ReadableStream | undefined;
        if (!body || typeof (body as { pipe?: unknown }).pipe !== "function")
          throw new ValidationError(
            "Send the file's bytes as the body, as application/octet-stream or text/csv.",
          );
        // An import run is an administrator's act: its rows are published with the dataset's own
        // verification status (docs/PERMISSIONS.md, "Imports and the seed").
        authorize(request.actor, "import", kindTarget("incidents"));
        const query = request.query;
        const run = await createImportRun(db, {
          processId: query.process,
          dataset: query.dataset,
          kind: query.kind,
          fileName: query.fileName,
          actor: writerName(request.actor),
          strict: query.strict,
          dryRun: query.dryRun,
        });
        const path = jobs.uploadPath(run.id);
        try {
          await pipeline(body, byteLimit(maxUploadBytes), createWriteStream(path));
        } catch (error) {
          rmSync(path, { force: true });
          await failUpload(db, run.id, error);
          throw error;
        }
        jobs.wake();
        return reply.code(202).send((await getImportRun(db, run.id)) ?? run);
      },
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Import runs, newest first",
        querystring: z.object({
          process: Id.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.object({ items: z.array(ImportRun) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listImportRuns(db, request.query.process, request.query.limit) }),
  );
  api.get(
    "/api/imports/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "One import run: its state, progress, counts and rejected rows",
        params: z.object({ id: Id }),
        response: { 200: ImportRun, ...errorResponses },
      },
    },
    async (request) => {
      const run = await getImportRun(db, request.params.id);
      if (!run) throw new NotFoundError("import run", request.params.id);
      return run;
    },
  );
}

async function failUpload(db: Db, runId: string, error: unknown) {
  const { finishImportRun, noCounts } = await import("../../services/import-runs.js");
  await finishImportRun(db, runId, {
    state: "failed",
    counts: noCounts(),
    bytesRead: 0,
    rejections: [],
    errorMessage: `The upload did not arrive whole: ${error instanceof Error ? error.message : String(error)}`,
  });
}
