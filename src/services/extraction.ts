import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { extractDocument } from "../ingest/extraction/extract.js";
import {
  type ExtractionItemDraft,
  itemsOf,
  partyResolver,
  standingColumns,
} from "../ingest/extraction/items.js";
import type { ExtractionRegistry, LinkCandidate } from "../ingest/extraction/types.js";
import { cleanedToOriginalOffset } from "../ingest/sources/cleaning.js";
import type { TextEdit } from "../ingest/sources/contracts.js";
import type { Db } from "../store/database.js";
import { inSequence } from "../store/in-sequence.js";
import type { StoredRecord } from "../store/repository.js";
import {
  agreements,
  commitments,
  extractionItems,
  incidents,
  parties,
  persons,
  places,
  provisions,
  provisionTexts,
} from "../store/schema.js";

/**
 * Extraction on intake (issue #11): each new document is read for mentions, dates, quotes and claims
 * against the registry of its process (every party, person and place and all their names), and the
 * findings stored as suggestions. A re-run replaces suggestions only: decisions stay.
 */

export interface ExtractionContext {
  registry: ExtractionRegistry;
  candidates: LinkCandidate[];
  partyOf: (recordId: unknown) => string | null;
}

/** Incidents a claim may be suggested to bear on: enough for the recent record, bounded for speed. */
const incidentCandidates = 500;

const notDeleted = <T extends { deletedAt: unknown }>(table: T) => isNull(table.deletedAt as never);

export async function loadExtractionContext(db: Db, processId: string): Promise<ExtractionContext> {
  const [partyRows, personRows, placeRows, commitmentRows, textRows, incidentRows] = await inSequence([
    db
      .select()
      .from(parties)
      .where(and(eq(parties.processId, processId), notDeleted(parties))),
    db
      .select()
      .from(persons)
      .where(and(eq(persons.processId, processId), notDeleted(persons))),
    db
      .select()
      .from(places)
      .where(and(eq(places.processId, processId), notDeleted(places))),
    db
      .select()
      .from(commitments)
      .where(and(eq(commitments.processId, processId), notDeleted(commitments))),
    db
      .select({ provisionId: provisionTexts.provisionId, text: provisionTexts.text })
      .from(provisionTexts)
      .innerJoin(provisions, eq(provisions.id, provisionTexts.provisionId))
      .innerJoin(agreements, eq(agreements.id, provisions.agreementId))
      .where(and(eq(agreements.processId, processId), notDeleted(provisionTexts))),
    // The mission's own incidents (not rows imported from event datasets), the latest first.
    db
      .select({ id: incidents.id, title: incidents.title, description: incidents.description })
      .from(incidents)
      .where(and(eq(incidents.processId, processId), eq(incidents.licence, "own"), notDeleted(incidents)))
      .orderBy(desc(incidents.startDate))
      .limit(incidentCandidates),
  ]);
  const registry = {
    parties: partyRows as unknown as ExtractionRegistry["parties"],
    persons: personRows as unknown as ExtractionRegistry["persons"],
    places: placeRows as unknown as ExtractionRegistry["places"],
  };
  const byProvision = new Map<string, string[]>();
  for (const row of textRows)
    byProvision.set(row.provisionId, [...(byProvision.get(row.provisionId) ?? []), row.text]);
  const candidates: LinkCandidate[] = [
    ...commitmentRows.map((c) => ({
      kind: "commitment",
      id: c.id,
      text: [c.title, c.action, c.object].filter(Boolean).join(". "),
    })),
    ...[...byProvision].map(([id, texts]) => ({ kind: "provision", id, text: texts.join(" ") })),
    ...incidentRows.map((incident) => ({
      kind: "incident",
      id: incident.id,
      text: `${incident.title}. ${incident.description}`.slice(0, 2000),
    })),
  ];
  return { registry, candidates, partyOf: partyResolver(registry) };
}

/** The items one document's text yields, spans in its original text. */
export function extractItems(
  document: StoredRecord<"documents">,
  context: ExtractionContext,
): ExtractionItemDraft[] {
  const author = document.authorPartyId
    ? { text: partyName(context, document.authorPartyId), recordId: document.authorPartyId }
    : null;
  const extraction = extractDocument(
    {
      text: document.cleanedText ?? document.text,
      publishedOn: document.publishedOn ?? null,
      language: document.language ?? "und",
      author,
    },
    context.registry,
    context.candidates,
  );
  const edits = (document.cleaningEdits ?? []) as TextEdit[];
  return itemsOf(extraction, (offset, side) => cleanedToOriginalOffset(edits, offset, side));
}

const partyName = (context: ExtractionContext, id: string) => {
  const party = context.registry.parties.find((candidate) => candidate.id === id);
  return party?.shortName ?? party?.names[0]?.text ?? id;
};

/**
 * Extracts from documents and stores the suggestions (one process's registry loaded once). New
 * documents (`fresh`) have no items yet: theirs are inserted together, a few statements per batch.
 * Otherwise items a reviewer decided are kept as they are, and suggestions the new run no longer
 * makes are removed.
 */
export async function extractAndStore(
  tx: Db,
  documents: StoredRecord<"documents">[],
  options: { fresh?: boolean } = {},
): Promise<number> {
  const contexts = new Map<string, ExtractionContext>();
  const found: { documentId: string; items: ExtractionItemDraft[]; context: ExtractionContext }[] = [];
  for (const document of documents) {
    let context = contexts.get(document.processId);
    if (!context) {
      context = await loadExtractionContext(tx, document.processId);
      contexts.set(document.processId, context);
    }
    found.push({ documentId: document.id, items: extractItems(document, context), context });
  }
  if (options.fresh) return insertFreshItems(tx, found);
  let stored = 0;
  for (const { documentId, items, context } of found)
    stored += await storeItems(tx, documentId, items, context);
  return stored;
}

/** Column arrays, one parameter each: thousands of items in one statement without a parameter per value. */
async function insertFreshItems(
  tx: Db,
  found: { documentId: string; items: ExtractionItemDraft[]; context: ExtractionContext }[],
): Promise<number> {
  const rows = found.flatMap(({ documentId, items, context }) =>
    items.map((item) => ({
      documentId,
      ...item,
      ...standingColumns(item.kind, item.suggestion, context.partyOf),
    })),
  );
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    const column = <T>(pick: (row: (typeof chunk)[number]) => T) => sql.param(chunk.map(pick));
    await tx.execute(sql`
      INSERT INTO extraction_items (id, document_id, kind, item_key, span_start, span_end, text, confidence, rule,
        suggestion, record_id, party_id, claim_type, target_party_id, bears_on_ids)
      SELECT id, document_id, kind, item_key, span_start, span_end, text, confidence, rule, suggestion::jsonb,
        record_id, party_id, claim_type, target_party_id, bears_on_ids::jsonb
      FROM unnest(
        ${column(() => randomUUID())}::text[], ${column((row) => row.documentId)}::text[],
        ${column((row) => row.kind)}::text[], ${column((row) => row.itemKey)}::text[],
        ${column((row) => row.spanStart)}::int[], ${column((row) => row.spanEnd)}::int[],
        ${column((row) => row.text)}::text[], ${column((row) => row.confidence)}::float8[],
        ${column((row) => row.rule)}::text[], ${column((row) => JSON.stringify(row.suggestion))}::text[],
        ${column((row) => row.recordId)}::text[], ${column((row) => row.partyId)}::text[],
        ${column((row) => row.claimType)}::text[], ${column((row) => row.targetPartyId)}::text[],
        ${column((row) => JSON.stringify(row.bearsOnIds))}::text[]
      ) AS item(id, document_id, kind, item_key, span_start, span_end, text, confidence, rule, suggestion,
        record_id, party_id, claim_type, target_party_id, bears_on_ids)`);
  }
  return rows.length;
}

const rowsPerStatement = 500;

async function storeItems(
  tx: Db,
  documentId: string,
  items: ExtractionItemDraft[],
  context: ExtractionContext,
) {
  const rows = items.map((item) => ({
    id: randomUUID(),
    documentId,
    ...item,
    ...standingColumns(item.kind, item.suggestion, context.partyOf),
  }));
  for (let start = 0; start < rows.length; start += rowsPerStatement)
    await tx
      .insert(extractionItems)
      .values(rows.slice(start, start + rowsPerStatement))
      .onConflictDoUpdate({
        target: [extractionItems.documentId, extractionItems.itemKey],
        set: {
          text: sql`excluded.text`,
          confidence: sql`excluded.confidence`,
          rule: sql`excluded.rule`,
          suggestion: sql`excluded.suggestion`,
          recordId: sql`excluded.record_id`,
          partyId: sql`excluded.party_id`,
          claimType: sql`excluded.claim_type`,
          targetPartyId: sql`excluded.target_party_id`,
          bearsOnIds: sql`excluded.bears_on_ids`,
          extractedAt: sql`now()`,
        },
        setWhere: sql`${extractionItems.status} = 'suggested'`,
      });
  const keys = items.map((item) => item.itemKey);
  await tx
    .delete(extractionItems)
    .where(
      and(
        eq(extractionItems.documentId, documentId),
        eq(extractionItems.status, "suggested"),
        keys.length > 0 ? notInArray(extractionItems.itemKey, keys) : undefined,
      ),
    );
  return rows.length;
}

export async function itemsOfDocuments(db: Db, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db.select().from(extractionItems).where(inArray(extractionItems.documentId, documentIds));
}
