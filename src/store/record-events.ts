import { sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { ConflictError } from "./errors.js";

export type EventKind = "created" | "updated" | "deleted";

/**
 * Thrown when a transaction would write a record's event below one that a younger transaction
 * already committed. Its code is a serialization failure's, so `inTransaction` runs the whole
 * transaction again (with a new, higher transaction id); should it escape, it is still a 409.
 */
export class EventOrderConflict extends ConflictError {
  readonly code = "40001";
  constructor(entity: string, id: string) {
    super(`The ${entity} record "${id}" was changed at the same time; try again.`, [
      { path: "id", message: "changed by a concurrent transaction" },
    ]);
    this.name = "EventOrderConflict";
  }
}

const asJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Appends the event of a change to one existing record (an update or a removal), with the record's
 * row locked by the caller.
 *
 * The changes feed orders events by (transaction id, seq), and an id is handed out at a
 * transaction's first write, not at its commit. Two transactions that change the same record are
 * ordered by its row lock; if the older one got its id earlier (writing something else) but the
 * lock later, its event would sort before the change it actually follows, and a mirror replaying
 * the feed would end on the wrong version. So an event is written only if no event of this record
 * carries a higher transaction id; otherwise the transaction is run again. The check and the insert
 * are one statement, under the row lock, so no writer of the record can slip between them, and
 * every committed writer before us is visible to it (READ COMMITTED takes a new snapshot for it).
 */
export async function appendChangeEvent(
  tx: Db,
  event: {
    entity: string;
    recordId: string;
    kind: EventKind;
    actor: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  const { entity, recordId } = event;
  const result = (await tx.execute(sql`
    INSERT INTO record_events (entity, record_id, kind, actor, before, after)
    SELECT ${entity}, ${recordId}, ${event.kind}, ${event.actor},
           ${asJson(event.before)}::jsonb, ${asJson(event.after)}::jsonb
    WHERE NOT EXISTS (
      SELECT 1 FROM record_events
      WHERE entity = ${entity} AND record_id = ${recordId} AND xid > pg_current_xact_id()
    )
    RETURNING seq`)) as unknown as { rows: unknown[] };
  if (result.rows.length === 0) throw new EventOrderConflict(entity, recordId);
}
