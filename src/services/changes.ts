import type { Actor } from "../domain/actor.js";
import type { ChangesPage } from "../domain/changes.js";
import { readableFilter } from "../domain/policy.js";
import { decodeChangeCursor, encodeChangeCursor, feedStart, readChanges } from "../store/changes.js";
import type { Db } from "../store/database.js";

export interface ChangesQuery {
  /** nextCursor of the previous page; none: from the first change ever recorded. */
  since?: string;
  limit: number;
}

/**
 * A page of the changes feed as `actor` may see it (store/changes.ts, shownKind); the cursor is
 * checked before anything reaches the database.
 */
export async function listChanges(db: Db, actor: Actor, query: ChangesQuery): Promise<ChangesPage> {
  const since = query.since === undefined ? feedStart : decodeChangeCursor(query.since);
  // One filter for every kind: readableJson tells replies (party) from claims (claimOfPartyId) per row.
  const { changes, hasMore, readTo } = await readChanges(
    db,
    since,
    query.limit,
    readableFilter(actor, "incidents"),
  );
  const items = changes.map(({ position, ...change }) => ({
    cursor: encodeChangeCursor(position),
    ...change,
  }));
  // Past the last shown change when the events after it are ones this reader may not see.
  const last = readTo ?? changes.at(-1)?.position ?? since;
  return { items, nextCursor: encodeChangeCursor(last), hasMore };
}
