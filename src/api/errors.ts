import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AccessRefusedError } from "../services/access-errors.js";
import { PdfBusyError, PdfUnavailableError } from "../services/report/pdf.js";
import { isDatabaseUnavailable } from "../store/availability.js";
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

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

export const errorBody = (
  code: string,
  message: string,
  details?: { path: string; message: string }[],
): ErrorBody => ({
  error: details ? { code, message, details } : { code, message },
});
const body = errorBody;

/** Codes for the framework's own 4xx errors, so clients can tell them apart without reading messages. */
const clientErrorCodes: Record<number, string> = {
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  429: "rate_limited",
  431: "headers_too_large",
};

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "request";
    const details = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || where,
      message: issue.message ?? "invalid",
    }));
    return reply.code(400).send(body("validation_failed", `The ${where} is not valid.`, details));
  }
  if (error instanceof AccessRefusedError) {
    if (error.retryAfterSeconds) reply.header("retry-after", String(error.retryAfterSeconds));
    return reply.code(error.status).send(body(error.code, error.message));
  }
  if (error instanceof ValidationError)
    return reply.code(400).send(body("validation_failed", error.message, error.details));
  if (error instanceof NotFoundError) return reply.code(404).send(body("not_found", error.message));
  if (error instanceof ConflictError)
    return reply.code(409).send(body("conflict", error.message, error.details));
  if (error instanceof PdfUnavailableError)
    return reply.code(501).send(body("pdf_unavailable", error.message));
  if (error instanceof PdfBusyError)
    return reply
      .code(503)
      .header("retry-after", String(error.retryAfterSeconds))
      .send(body(error.code, error.message));
  if (error instanceof DataFolderInUseError) return reply.code(503).send(body("unavailable", error.message));
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    request.log.info({ err: error, statusCode: status }, "request refused");
    return reply.code(status).send(body(clientErrorCodes[status] ?? "bad_request", error.message));
  }
  if ((error as FastifyError).code === "FST_ERR_HANDLER_TIMEOUT") {
    request.log.warn({ err: error }, "handler timed out");
    return reply
      .code(503)
      .header("retry-after", "30")
      .send(body("timeout", "The server took too long to answer this request; try again later."));
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, "database unavailable");
    return reply
      .code(503)
      .header("retry-after", "5")
      .send(body("database_unavailable", "The database is not reachable right now; try again shortly."));
  }
  request.log.error({ err: error }, "internal error");
  return reply
    .code(500)
    .send(body("internal_error", "Something went wrong on the server; it has been logged."));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(body("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`));
}
