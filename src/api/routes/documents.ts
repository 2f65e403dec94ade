import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../domain/actor.js";
import { Id } from "../../domain/common.js";
import {
  DocumentContext,
  DocumentIntakeRequest,
  EvidenceLinkRequest,
  EvidenceLinkView,
  evidenceKinds,
  FileIntakeQuery,
  IntakeListItem,
  IntakeResult,
} from "../../domain/documents.js";
import { maxSourceBytes } from "../../ingest/sources/read-source.js";
import type { IntakeMetadata, IntakeOutcome } from "../../services/document-intake.js";
import { readDocumentDetail, readIntakes } from "../../services/document-reads.js";
import { linkEvidence, readEvidenceFor, removeEvidenceLink } from "../../services/evidence-links.js";
import { withActions } from "../../services/record-reads.js";
import { ingestFile, ingestPastedText, ingestUrl } from "../../services/source-intake.js";
import type { Db } from "../../store/database.js";
import { originalOf } from "../../store/document-queries.js";
import { NotFoundError } from "../../store/errors.js";
import { repositories } from "../../store/repository.js";
import { errorResponses } from "../errors.js";
import { readRecordSchema, recordSchema } from "./records.js";

const IdParams = z.object({ id: Id });
const DocumentWithIntake = recordSchema("documents").extend({ intake: IntakeResult });
const uploadContentTypes = [
  "application/octet-stream",
  "application/pdf",
  "text/plain",
  "text/html",
  "text/markdown",
  "application/xhtml+xml",
];

/**
 * What an intake answers: 201 with the new document, 200 with the document already held (a sighting),
 * 422 with the recorded reason when the source could not be taken in.
 */
async function answerIntake(db: Db, actor: Actor, reply: FastifyReply, outcome: IntakeOutcome) {
  if (outcome.outcome === "failed")
    return reply.code(422).send({
      error: {
        code: `intake_${outcome.errorCode}`,
        message: outcome.message,
        details: [{ path: "intake", message: `recorded as intake ${outcome.intakeId}` }],
      },
    });
  const document = await repositories.documents.get(db, outcome.documentId);
  if (!document) throw new NotFoundError("documents", outcome.documentId);
  return reply
    .code(outcome.outcome === "created" ? 201 : 200)
    .send({ ...withActions(actor, "documents", document), intake: outcome });
}

const metadataOf = (body: z.infer<typeof FileIntakeQuery> | DocumentIntakeRequest): IntakeMetadata => {
  const { text: _text, url: _url, fileName: _fileName, ...metadata } = body as Record<string, unknown>;
  return metadata as unknown as IntakeMetadata;
};

/** Taking sources in and reading documents with their context (issue #10). */
export function registerDocumentRoutes(app: FastifyInstance, db: Db) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const intakeResponses = {
    200: DocumentWithIntake,
    201: DocumentWithIntake,
    ...errorResponses,
    422: errorResponses[400],
  };
  api.post(
    "/api/documents",
    {
      schema: {
        tags: ["documents"],
        summary: "Take a source in: pasted text with its metadata, or the url of a page to fetch and read",
        description:
          "New bytes make a document (201): cleaned, dated, its language read, clustered with near-duplicates. Bytes already held in the process are a sighting of that document (200). A source that cannot be taken in answers 422 with the reason, which is also recorded (GET /api/document-intakes).",
        body: DocumentIntakeRequest,
        response: intakeResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const metadata = metadataOf(body);
      const outcome =
        body.text !== undefined
          ? await ingestPastedText(db, request.actor, body.text, { ...metadata, url: body.url })
          : await ingestUrl(db, request.actor, body.url as string, metadata);
      return answerIntake(db, request.actor, reply, outcome);
    },
  );

  app.register(async (scope) => {
    // Only this route takes raw files; everywhere else such bodies stay refused (415).
    scope.addContentTypeParser(
      uploadContentTypes,
      { parseAs: "buffer", bodyLimit: maxSourceBytes + 1 },
      (_r, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/documents/files",
      {
        bodyLimit: maxSourceBytes + 1,
        schema: {
          tags: ["documents"],
          summary: "Take in an uploaded file (plain text, HTML, Markdown or PDF): its bytes as the body",
          querystring: FileIntakeQuery,
          response: intakeResponses,
        },
      },
      async (request, reply) => {
        const bytes = new Uint8Array(request.body as Buffer);
        const query = request.query;
        const outcome = await ingestFile(
          db,
          request.actor,
          bytes,
          { fileName: query.fileName, contentType: request.headers["content-type"] },
          metadataOf(query),
        );
        return answerIntake(db, request.actor, reply, outcome);
      },
    );
  });

  api.get(
    "/api/documents/:id",
    {
      schema: {
        tags: ["documents"],
        summary:
          "One document: the record with its original, sightings, near-duplicate cluster and citations",
        description: "A document the caller may not read answers 404, as if absent.",
        params: IdParams,
        response: { 200: readRecordSchema("documents").extend(DocumentContext.shape), ...errorResponses },
      },
    },
    async (request) => readDocumentDetail(db, request.actor, request.params.id),
  );

  app.get<{ Params: { id: string } }>(
    "/api/documents/:id/original",
    { schema: { tags: ["documents"], summary: "The exact bytes received, as a download" } },
    async (request, reply) => {
      const document = await repositories.documents.get(db, request.params.id, request.actor);
      const original = document && (await originalOf(db, document.id));
      if (!document || !original) throw new NotFoundError("documents", request.params.id);
      // Received HTML must never run on this origin: a download, sandboxed, never sniffed.
      return reply
        .header("content-type", "application/octet-stream")
        .header(
          "content-disposition",
          `attachment; filename="${safeFileName(document.fileName, document.id)}"`,
        )
        .header("content-security-policy", "sandbox; default-src 'none'")
        .header("x-content-type-options", "nosniff")
        .header("x-peacetrack-sha256", document.sha256 ?? "")
        .send(Buffer.from(original.bytes));
    },
  );

  api.get(
    "/api/document-intakes",
    {
      schema: {
        tags: ["documents"],
        summary: "What was taken in, seen again, or refused and why: newest first (staff)",
        querystring: z.object({
          processId: Id.optional(),
          outcome: z.enum(["created", "sighting", "failed"]).optional(),
          feedId: z.string().max(120).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(IntakeListItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await readIntakes(db, request.actor, request.query) }),
  );

  api.post(
    "/api/evidence-links",
    {
      schema: {
        tags: ["documents"],
        summary:
          "Cite a document, or a passage of it (offsets into its original text), as evidence for a record",
        body: EvidenceLinkRequest,
        response: { 201: EvidenceLinkView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await linkEvidence(db, request.actor, request.body)),
  );
  api.get(
    "/api/evidence-links",
    {
      schema: {
        tags: ["documents"],
        summary: "The documents and passages cited as evidence for one record",
        querystring: z.object({ recordKind: z.enum(evidenceKinds), recordId: Id }),
        response: { 200: z.object({ items: z.array(EvidenceLinkView) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await readEvidenceFor(db, request.actor, request.query.recordKind, request.query.recordId),
    }),
  );
  api.delete(
    "/api/evidence-links/:id",
    {
      schema: {
        tags: ["documents"],
        summary: "Remove a citation (kept, marked removed)",
        params: z.object({ id: z.string().max(120) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeEvidenceLink(db, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

const safeFileName = (fileName: string | undefined, id: string) =>
  (fileName ?? `${id}.bin`).replace(/[^\w.-]+/g, "_").slice(0, 120);
