import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { PdfUnavailableError } from "../services/report/pdf.js";
import { DataFolderInUseError } from "../store/database.js";
import { ConflictError, NotFoundError, ValidationError } from "../store/errors.js";

/** The one shape every error takes, so clients handle all of them alike. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const errorResponses = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } as const;

const body = (code: string, message: string, details?: { path: string; message: string }[]): ErrorBody => ({
  error: details ? { code, message, details } : { code, message },
});

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "request";
    const details = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || where,
      message: issue.message ?? "invalid",
    }));
    return reply.code(400).send(body("validation_failed", `The ${where} is not valid.`, details));
  }
  if (error instanceof ValidationError)
    return reply.code(400).send(body("validation_failed", error.message, error.details));
  if (error instanceof NotFoundError) return reply.code(404).send(body("not_found", error.message));
  if (error instanceof ConflictError)
    return reply.code(409).send(body("conflict", error.message, error.details));
  if (error instanceof PdfUnavailableError)
    return reply.code(501).send(body("pdf_unavailable", error.message));
  if (error instanceof DataFolderInUseError) return reply.code(503).send(body("unavailable", error.message));
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code =
      status === 415 ? "unsupported_media_type" : status === 413 ? "payload_too_large" : "bad_request";
    return reply.code(status).send(body(code, error.message));
  }
  request.log.error(error);
  return reply
    .code(500)
    .send(body("internal_error", "Something went wrong on the server; it has been logged."));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(body("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`));
}
