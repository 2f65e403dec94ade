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
  const known = pgError.constraint ? constraintMeanings[pgError.constraint] : undefined;
  if (known) {
    const details = [{ path: known.path, message: known.message }];
    const message = `Not saved: ${known.message}.`;
    return pgError.code === "23505"
      ? new ConflictError(message, details)
      : new ValidationError(message, details);
  }
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
  constraint?: string;
  message: string;
}

/**
 * The database's own guards of the domain's invariants (migrations/0002), in the words the rules use.
 * They are reached when concurrent writers both passed the rules, or a write bypassed them.
 */
const constraintMeanings: Record<string, FieldIssue> = {
  assessments_one_correction_each: {
    path: "supersedesId",
    message: "that assessment already has a correction (written at the same time); correct the latest one",
  },
  assessments_level_on_scale: { path: "level", message: "the level is outside the scale 0–3" },
  assessments_not_self_correcting: { path: "supersedesId", message: "an assessment cannot supersede itself" },
  incidents_end_not_before_start: { path: "endDate", message: "an incident cannot end before it starts" },
  incidents_ongoing_has_no_end: { path: "endDate", message: "an ongoing incident has no end date yet" },
  incidents_position_whole: { path: "latitude", message: "a position needs both latitude and longitude" },
  meetings_end_not_before_start: { path: "endDate", message: "a meeting cannot end before it starts" },
  places_not_own_parent: { path: "parentPlaceId", message: "a place cannot be its own parent" },
  places_position_whole: { path: "latitude", message: "a position needs both latitude and longitude" },
};

function findPgError(error: unknown): PgErrorLike | undefined {
  let current = error as (PgErrorLike & { cause?: unknown }) | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) return current;
    current = current.cause as typeof current;
  }
  return undefined;
}

/**
 * A unique violation: in a bulk upsert whose probe found no row, another writer inserted the same one
 * meanwhile (ON CONFLICT absorbs a race only on its arbiter index, not on the primary key). Run again,
 * the probe finds the row.
 */
export function isUniqueViolation(error: unknown): boolean {
  return findPgError(error)?.code === "23505";
}

/** A deadlock or serialization failure: the transaction did nothing and may simply be run again. */
export function isRetryableConflict(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code === "40P01" || code === "40001";
}

const columnFromDetail = (detail?: string) => detail?.match(/^Key \(([a-z_]+)[,)]/)?.[1];
const snakeToCamel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
