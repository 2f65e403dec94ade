/**
 * Why one source could not be taken in. Each intake step throws this with a stable code, so a
 * batch can record the failure on the feed or the intake record and go on with the rest.
 */
export const intakeErrorCodes = [
  "not_a_feed",
  "not_an_article",
  "unknown_encoding",
  "unsupported_format",
  "too_large",
  "empty",
  "blocked_address",
  "too_many_redirects",
  "timeout",
  "unsupported_content_type",
  "http_error",
  "network_error",
  "invalid_url",
  /** The record made from the source breaks a rule (a title too long, an unknown party). */
  "invalid",
] as const;
export type IntakeErrorCode = (typeof intakeErrorCodes)[number];

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "IntakeError";
  }
}

export const isIntakeError = (error: unknown): error is IntakeError => error instanceof IntakeError;
