import { sql } from "drizzle-orm";
import type { Db } from "./database.js";

const unreachableCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);
// 57P01–57P03: the server is shutting down or starting up; 53300: too many connections.
const unavailableSqlStates = new Set(["57P01", "57P02", "57P03", "53300"]);
const lostConnectionMessages = [
  "Connection terminated unexpectedly",
  "Connection terminated",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "timeout expired",
  "Client has encountered a connection error and is not queryable",
];

/**
 * Whether an error means the database could not be reached (as opposed to a query it refused).
 * drizzle wraps the driver's error in its own, and Node may gather several connection attempts in an
 * AggregateError, so the causes are searched too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    if (saysUnavailable(current as ErrorLike)) return true;
    const { cause, errors } = current as ErrorLike;
    pending.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function saysUnavailable({ code, message }: ErrorLike): boolean {
  if (typeof code === "string") {
    if (unreachableCodes.has(code) || unavailableSqlStates.has(code)) return true;
    // Class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === "string" && lostConnectionMessages.includes(message);
}

export type DatabaseState = { state: "up"; latencyMs: number } | { state: "down"; message: string };

/** Asks the database for `SELECT 1` and says whether it answered within `timeoutMs`. */
export async function checkDatabase(db: Db, timeoutMs: number): Promise<DatabaseState> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`SELECT 1`), deadline]);
    return { state: "up", latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (error) {
    return { state: "down", message: describeFailure(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The driver's own message, not drizzle's "Failed query: …" wrapper around it. */
function describeFailure(error: unknown): string {
  let current = error as ErrorLike | undefined;
  while (current?.cause && typeof current.cause === "object") current = current.cause as ErrorLike;
  const message = current?.message;
  if (typeof message === "string" && message) return message;
  const code = current?.code;
  return typeof code === "string" ? code : "the database did not answer";
}
