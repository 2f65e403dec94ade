import { eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../domain/actor.js";
import type { PolicyKind, ReadableFilter } from "../domain/policy.js";
import { readableFilter } from "../domain/policy.js";

/**
 * The one translation of the policy's `readableFilter` into SQL (issue #9, item 2): every read of the
 * store that serves a caller goes through here, so lists are cut in the database and never after.
 *
 * For the public the condition is `review_state IN ('published','disputed')`: a filter on a column the
 * list indexes do not lead with, so the keyset scans of incident-queries.ts stay index range scans and
 * simply skip the (few) unpublished rows. A representative adds `OR claim_of_party_id = $party`
 * (replies: `party_id`).
 */

/** The columns a readable condition needs of a table: its review state, and the party column if any. */
export interface ReadableColumns {
  reviewState: AnyPgColumn;
  claimOfPartyId?: AnyPgColumn;
  partyId?: AnyPgColumn;
}

/** The condition a row must meet to be read under `filter`; undefined when everything may be read. */
export function readableCondition(filter: ReadableFilter, columns: ReadableColumns): SQL | undefined {
  if ("all" in filter) return undefined;
  const published = inArray(columns.reviewState, [...filter.reviewStates]);
  const owned = filter.orOwnedByParty;
  const partyColumn = owned ? columns[owned.field] : undefined;
  // A table without the party column holds no party's claims: the public states are all it shows.
  if (!owned || !partyColumn) return published;
  return or(published, eq(partyColumn, owned.partyId)) as SQL;
}

/** `readableCondition` for `actor` reading records of `kind` from a table with the usual envelope. */
export function readableBy(actor: Actor, kind: PolicyKind, columns: ReadableColumns): SQL | undefined {
  return readableCondition(readableFilter(actor, kind), columns);
}

/**
 * The same condition over a record stored as JSON (the changes feed's `before` and `after`): true when
 * the JSON is a record the filter admits. NULL JSON (no such side) admits nothing.
 */
export function readableJson(filter: ReadableFilter, record: SQL, kind: SQL): SQL {
  if ("all" in filter) return sql`(${record} IS NOT NULL)`;
  const states = sql.join(
    filter.reviewStates.map((state) => sql`${state}`),
    sql`, `,
  );
  const published = sql`coalesce((${record}->>'reviewState') IN (${states}), false)`;
  const owned = filter.orOwnedByParty;
  if (!owned) return published;
  // Replies are their party's by `partyId`; every other kind by `claimOfPartyId`.
  const ownedBy = sql`coalesce(CASE WHEN ${kind} = 'replies' THEN ${record}->>'partyId' ELSE ${record}->>'claimOfPartyId' END = ${owned.partyId}, false)`;
  return sql`(${published} OR ${ownedBy})`;
}
