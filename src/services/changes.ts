import type { ChangesPage } from "../domain/changes.js";
import { decodeChangeCursor, encodeChangeCursor, feedStart, readChanges } from "../store/changes.js";
import type { Db } from "../store/database.js";

export interface ChangesQuery {
  /** nextCursor of the previous page; none: from the first change ever recorded. */
  since?: string;
  limit: number;
}

/** A page of the changes feed; the cursor is checked before anything reaches the database. */
export async function listChanges(db: Db, query: ChangesQuery): Promise<ChangesPage> {
  const since = query.since === undefined ? feedStart : decodeChangeCursor(query.since);
  const { changes, hasMore } = await readChanges(db, since, query.limit);
  const items = changes.map(({ position, ...change }) => ({
    cursor: encodeChangeCursor(position),
    ...change,
  }));
  const last = changes.at(-1)?.position ?? since;
  return { items, nextCursor: encodeChangeCursor(last), hasMore };
}
