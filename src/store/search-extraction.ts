import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import { readableBy } from "./readable.js";
import * as t from "./schema.js";

/**
 * Search by what was extracted (issue #11, item 4): filters and facets over the confirmed extraction
 * items of the matching documents — who is quoted, which parties are named or claim, which places are
 * mentioned, which kinds of claim are made and which commitments they bear on.
 *
 * Only items a reviewer accepted or corrected count, for every caller: a suggestion is not a finding
 * yet, and counts that shift with each re-run would mislead staff as much as the public. The facets
 * read the already capped matches (at most 1,000 documents) joined to `extraction_items` by
 * document_id (indexed), once, in the `extracted` CTE; a label (a party's, person's, place's or
 * commitment's name) shows only when the caller may read that record.
 */

export interface ExtractedFilters {
  /** A party named, quoted or claiming (the items' standing `party_id`). */
  partyId?: string;
  speakerId?: string;
  placeId?: string;
  claimType?: string;
  commitmentId?: string;
}

const items = t.extractionItems;
const confirmedStates = sql`('accepted', 'corrected')`;

/** An item of the document being matched (the `documents` row of the documents source). */
const itemOfDocument = (condition: SQL) =>
  sql`EXISTS (SELECT 1 FROM ${items} WHERE ${items.documentId} = ${t.documents.id}
    AND ${items.status} IN ${confirmedStates} AND ${condition})`;

const containsId = (id: SQL) => sql`${items.bearsOnIds} @> jsonb_build_array(${id}::text)`;

/** The conditions a document must meet under `f`; empty when no extraction filter is set. */
export function extractedConditions(f: ExtractedFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.partyId) conditions.push(itemOfDocument(sql`${items.partyId} = ${f.partyId}`));
  if (f.speakerId)
    conditions.push(itemOfDocument(sql`${items.kind} = 'quote' AND ${items.recordId} = ${f.speakerId}`));
  if (f.placeId)
    conditions.push(itemOfDocument(sql`${items.kind} = 'mention' AND ${items.recordId} = ${f.placeId}`));
  if (f.claimType)
    conditions.push(itemOfDocument(sql`${items.kind} = 'claim' AND ${items.claimType} = ${f.claimType}`));
  if (f.commitmentId) {
    // The commitment itself or its provision: a claim is linked to whichever the text matched.
    const provision = sql`(SELECT ${t.commitments.provisionId} FROM ${t.commitments} WHERE ${t.commitments.id} = ${f.commitmentId})`;
    conditions.push(
      itemOfDocument(
        sql`${items.kind} = 'claim' AND (${containsId(sql`${f.commitmentId}`)} OR ${containsId(provision)})`,
      ),
    );
  }
  return conditions;
}

/** The CTE of the matched documents' confirmed items; follows `matched` in the search's WITH. */
export const extractedCte = sql`extracted AS MATERIALIZED (
  SELECT ${items.documentId} AS document_id, ${items.kind} AS kind, ${items.recordId} AS record_id,
    ${items.partyId} AS party_id, ${items.claimType} AS claim_type, ${items.bearsOnIds} AS bears_on_ids
  FROM matched m JOIN ${items} ON ${items.documentId} = m.id
  WHERE m.kind = 'documents' AND ${items.status} IN ${confirmedStates})`;

const labelled = (counted: SQL) =>
  sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count, 'label', f.label) ORDER BY f.count DESC, f.value), '[]'::json)
     FROM (${counted}) f)`;

const where = (condition: SQL | undefined) => (condition ? sql` AND ${condition}` : sql``);

/** Documents per value: distinct (document, value) pairs first, so the count is a plain hash aggregate. */
const perDocument = (pairs: SQL) =>
  sql`SELECT d.value, count(*)::int AS count FROM (SELECT DISTINCT ${pairs}) d GROUP BY 1`;

/** A record-valued facet: counted, then labelled from the records the caller may read, top 20. */
const recordFacet = (pairs: SQL, table: SQL, label: SQL, readable: SQL | undefined) =>
  labelled(sql`SELECT c.value, ${label} AS label, c.count FROM (${perDocument(pairs)}) c
    JOIN ${table} ON ${table}.id = c.value${where(readable)}
    ORDER BY c.count DESC, c.value LIMIT 20`);

/** The five facets over `extracted`, as columns of the search's final SELECT. */
export function extractionFacets(actor: Actor): SQL {
  const partyFacet = recordFacet(
    sql`x.document_id, x.party_id AS value FROM extracted x WHERE x.party_id IS NOT NULL`,
    sql`${t.parties}`,
    sql`${t.parties.shortName}`,
    readableBy(actor, "parties", t.parties),
  );
  const speakerFacet = recordFacet(
    sql`x.document_id, x.record_id AS value FROM extracted x WHERE x.kind = 'quote' AND x.record_id IS NOT NULL`,
    sql`${t.persons}`,
    sql`${t.persons.names}->0->>'text'`,
    readableBy(actor, "persons", t.persons),
  );
  const placeFacet = recordFacet(
    sql`x.document_id, x.record_id AS value FROM extracted x WHERE x.kind = 'mention' AND x.record_id IS NOT NULL`,
    sql`${t.places}`,
    sql`${t.places.names}->0->>'text'`,
    readableBy(actor, "places", t.places),
  );
  const claimTypeFacet = sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json)
    FROM (${perDocument(sql`x.document_id, x.claim_type AS value FROM extracted x WHERE x.kind = 'claim' AND x.claim_type IS NOT NULL`)}) f)`;
  // A claim may bear on the commitment itself or on its provision: both count for the commitment, once.
  const commitmentFacet = recordFacet(
    sql`x.document_id, ${t.commitments.id} AS value
      FROM extracted x, jsonb_array_elements_text(x.bears_on_ids) AS b(id)
      JOIN ${t.commitments} ON (${t.commitments.id} = b.id OR ${t.commitments.provisionId} = b.id)
        AND ${t.commitments.deletedAt} IS NULL
      WHERE x.kind = 'claim'`,
    sql`${t.commitments}`,
    sql`${t.commitments.title}`,
    readableBy(actor, "commitments", t.commitments),
  );
  return sql`${partyFacet} AS extracted_party_facet, ${speakerFacet} AS speaker_facet,
    ${placeFacet} AS place_facet, ${claimTypeFacet} AS claim_type_facet, ${commitmentFacet} AS commitment_facet`;
}
