import { and, asc, eq, inArray } from "drizzle-orm";
import type { ReplyableKind } from "../domain/replies.js";
import { publicReviewStates } from "../domain/review-transitions.js";
import type { Db } from "./database.js";
import { assessments, incidents, interpretations, parties } from "./schema.js";
import { replies } from "./schema-replies.js";

/**
 * Replies as the exports show them (CSV, GeoJSON, Atom, OGC): published replies to records that are
 * themselves public, whoever asks: an export is a public document, and a reply is published beside
 * what it answers or not at all.
 */

export interface ExportedReply {
  id: string;
  recordId: string;
  partyId: string;
  /** The replying party's short name ("Armenia"). */
  party: string;
  text: string;
  language: string;
  /** When it was published, ISO 8601. */
  publishedAt: string;
  /** Set when it answers one alleged breach of an incident. */
  allegedBreachProvisionId?: string;
}

const answered = { incidents, assessments, interpretations } as const;

/** The published replies to the given records of one kind, by record id, oldest first. */
export async function publishedRepliesTo(
  db: Db,
  kind: ReplyableKind,
  recordIds: readonly string[],
): Promise<Map<string, ExportedReply[]>> {
  const byRecord = new Map<string, ExportedReply[]>();
  if (recordIds.length === 0) return byRecord;
  const record = answered[kind];
  const rows = await db
    .select({
      id: replies.id,
      recordId: replies.recordId,
      partyId: replies.partyId,
      party: parties.shortName,
      text: replies.text,
      language: replies.language,
      publishedAt: replies.publishedAt,
      createdAt: replies.createdAt,
      allegedBreachProvisionId: replies.allegedBreachProvisionId,
    })
    .from(replies)
    .innerJoin(parties, eq(parties.id, replies.partyId))
    .innerJoin(record, eq(record.id, replies.recordId))
    .where(
      and(
        eq(replies.recordKind, kind),
        inArray(replies.recordId, [...new Set(recordIds)]),
        eq(replies.reviewState, "published"),
        inArray(record.reviewState, [...publicReviewStates]),
      ),
    )
    .orderBy(asc(replies.createdAt), asc(replies.id));
  for (const row of rows) {
    const list = byRecord.get(row.recordId) ?? [];
    list.push({
      id: row.id,
      recordId: row.recordId,
      partyId: row.partyId,
      party: row.party || row.partyId,
      text: row.text,
      language: row.language,
      publishedAt: isoOf(row.publishedAt ?? row.createdAt),
      ...(row.allegedBreachProvisionId ? { allegedBreachProvisionId: row.allegedBreachProvisionId } : {}),
    });
    byRecord.set(row.recordId, list);
  }
  return byRecord;
}

const isoOf = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

/** One CSV cell: "Party: text (date)" per reply, one a line. */
export function replyCell(list: readonly ExportedReply[] | undefined): string {
  return (list ?? [])
    .map((reply) => `${reply.party}: ${reply.text} (${reply.publishedAt.slice(0, 10)})`)
    .join("\n");
}
