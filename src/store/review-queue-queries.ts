import { type SQL, sql } from "drizzle-orm";
import type { ReviewState } from "../domain/common.js";
import type { EntityName } from "../domain/entities.js";
import type { ReviewMove } from "../domain/review-transitions.js";
import type { Db } from "./database.js";
import { entityStore } from "./entity-config.js";
import * as t from "./schema.js";

/**
 * The review queue's read (issue #9, item 4): records under review, and the reader's own drafts, of
 * every kind, in ONE query (a UNION ALL over the kinds' tables), newest change first. Each kind names
 * the column a reviewer recognises the record by; the rest is the envelope every table shares.
 */

/** The words a reviewer knows a record by, per kind (the title where there is one). */
const labelOf: Record<EntityName, SQL> = {
  processes: sql`${t.processes.name}`,
  parties: sql`${t.parties.shortName}`,
  persons: sql`${t.persons.names} -> 0 ->> 'text'`,
  places: sql`${t.places.names} -> 0 ->> 'text'`,
  formats: sql`${t.formats.name}`,
  meetings: sql`${t.meetings.title}`,
  agreements: sql`${t.agreements.title}`,
  agreementVersions: sql`${t.agreementVersions.label}`,
  provisions: sql`trim(${t.provisions.path} || ' ' || ${t.provisions.heading})`,
  provisionTexts: sql`left(${t.provisionTexts.text}, 120)`,
  commitments: sql`${t.commitments.title}`,
  assessments: sql`${t.assessments.asOf}::text || ' · ' || ${t.assessments.partyId}`,
  interpretations: sql`left(${t.interpretations.reading}, 120)`,
  incidents: sql`${t.incidents.title}`,
  accessObservations: sql`${t.accessObservations.observedOn}::text || ' · ' || ${t.accessObservations.status}`,
  documents: sql`${t.documents.title}`,
};

export interface ReviewQueueQuery {
  kinds: readonly EntityName[];
  /** under_review: everyone's; draft: only the reader's own (a queue of others' drafts is not review). */
  states: readonly ("under_review" | "draft")[];
  /** The reader's account: its own drafts are listed. */
  accountId: string;
  limit: number;
}

export interface ReviewQueueRow {
  kind: EntityName;
  id: string;
  label: string;
  reviewState: ReviewState;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  createdByAccountId: string | null;
  claimOfPartyId: string | null;
  reviewHistory: ReviewMove[];
}

export async function reviewQueueRows(db: Db, query: ReviewQueueQuery): Promise<ReviewQueueRow[]> {
  if (query.kinds.length === 0 || query.states.length === 0) return [];
  const wanted: SQL[] = [];
  if (query.states.includes("under_review")) wanted.push(sql`review_state = 'under_review'`);
  if (query.states.includes("draft"))
    wanted.push(sql`(review_state = 'draft' AND created_by_account_id = ${query.accountId})`);
  const condition = sql.join(wanted, sql` OR `);
  const selects = query.kinds.map((kind) => {
    const table = entityStore[kind].table;
    return sql`(SELECT ${kind}::text AS kind, id, coalesce(${labelOf[kind]}, id) AS label, review_state,
        created_at, created_by, updated_at, updated_by, created_by_account_id, claim_of_party_id,
        review_history
      FROM ${table} WHERE deleted_at IS NULL AND (${condition}))`;
  });
  const result = (await db.execute(sql`
    SELECT * FROM (${sql.join(selects, sql` UNION ALL `)}) AS queue
    ORDER BY updated_at DESC, kind, id LIMIT ${query.limit}`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  return result.rows.map((row) => ({
    kind: row.kind as EntityName,
    id: String(row.id),
    label: String(row.label),
    reviewState: row.review_state as ReviewState,
    createdAt: isoOf(row.created_at),
    createdBy: String(row.created_by),
    updatedAt: isoOf(row.updated_at),
    updatedBy: String(row.updated_by),
    createdByAccountId: (row.created_by_account_id as string | null) ?? null,
    claimOfPartyId: (row.claim_of_party_id as string | null) ?? null,
    reviewHistory: parseHistory(row.review_history),
  }));
}

// PGlite and node-postgres hand timestamps and jsonb back in slightly different shapes.
// PostgreSQL writes "2026-11-22 12:23:55.053+00"; JavaScript wants "T" and "+00:00".
const isoOf = (value: unknown) =>
  value instanceof Date
    ? value.toISOString()
    : new Date(
        String(value)
          .replace(" ", "T")
          .replace(/([+-]\d\d)$/, "$1:00"),
      ).toISOString();
const parseHistory = (value: unknown): ReviewMove[] =>
  (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as ReviewMove[];
