/**
 * A request refused because of who sent it or what it presented: 401 (no valid credential: the
 * reason says which), 403 (a valid credential, but not allowed), 404/410 (an invitation that does not
 * exist, or no longer works) or 429 (too many attempts). The API answers it in the one error shape with
 * `code`; nothing was changed.
 */
export class AccessRefusedError extends Error {
  constructor(
    readonly status: 401 | 403 | 404 | 410 | 429,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AccessRefusedError";
  }
}

export const notSignedIn = (reason?: string) =>
  new AccessRefusedError(
    401,
    "not_signed_in",
    reason ?? "Sign in first (POST /api/session), or send an API token in Authorization: Bearer.",
  );

export const forbidden = (message: string) => new AccessRefusedError(403, "forbidden", message);
