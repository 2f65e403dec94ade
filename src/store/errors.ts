export interface FieldIssue {
  path: string;
  message: string;
}

/** Input that breaks a rule; nothing was written. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} record with id "${id}".`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends Error {
  constructor(
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Turns a PostgreSQL constraint error into one of ours, so callers see which field is at fault. */
export function translateDatabaseError(error: unknown): unknown {
  const pgError = findPgError(error);
  if (!pgError) return error;
  const column = pgError.column ?? columnFromDetail(pgError.detail);
  const details = column ? [{ path: snakeToCamel(column), message: pgError.detail ?? pgError.message }] : [];
  if (pgError.code === "23505")
    return new ConflictError(pgError.detail ?? "A record with these values exists.", details);
  if (pgError.code === "23503")
    return new ValidationError(pgError.detail ?? "A referenced record does not exist.", details);
  if (pgError.code?.startsWith("23")) return new ValidationError(pgError.message, details);
  return error;
}

interface PgErrorLike {
  code?: string;
  detail?: string;
  column?: string;
  message: string;
}

function findPgError(error: unknown): PgErrorLike | undefined {
  let current = error as (PgErrorLike & { cause?: unknown }) | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) return current;
    current = current.cause as typeof current;
  }
  return undefined;
}

const columnFromDetail = (detail?: string) => detail?.match(/^Key \(([a-z_]+)[,)]/)?.[1];
const snakeToCamel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
