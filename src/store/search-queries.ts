import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { SearchKind } from "../domain/search.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import * as t from "./schema.js";
import {
  type ExtractedFilters,
  extractedConditions,
  extractedCte,
  extractionFacets,
} from "./search-extraction.js";

/**
 * The SQL behind search (issue 10, item 5): one statement finds the matches of every kind, ranks them,
 * counts them by facet and cuts snippets for the one page it returns.
 *
 * Texts match on stored tsvector columns with GIN indexes (documents.search_vector; the records' vectors
 * of migration 0019, which drizzle does not know, hence the raw column names). The query is parsed three
 * times, in English, Russian and simple, and the three ORed, so a word matches in whichever language its
 * text was indexed: "negotiations" finds English "negotiating", "переговоры" Russian "переговорах", and
 * Armenian and Azerbaijani words match as written. Names of parties, persons and places match by trigram
 * word similarity (GIN indexes on `peacetrack_names_text(names)`), so misspellings and every script's
 * names find them.
 *
 * Each kind contributes at most `matchCap` matches, taken before ranking: ranking every match of a word
 * found in most of 100,000 documents would read every one of their vectors. Within the cap the order is
 * by ts_rank_cd (titles weigh A, texts B); counts and facets are over the capped set, and say so.
 */

export interface SearchFilters {
  text: string;
  kinds: readonly SearchKind[];
  publisher?: string;
  language?: string;
  partyId?: string;
  processId?: string;
  /** What extraction confirmed in a document (documents only; see extractionFilters). */
  extracted?: ExtractedFilters;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  matchCap: number;
  readAs: Actor;
}

export interface SearchRow {
  kind: SearchKind;
  id: string;
  title: string;
  /** ts_headline's output with \u0002 … \u0003 around matches, or names for parties etc. */
  headline: string | null;
  /** Names found by similarity: each name, and whether it is the one that matched. */
  names: { text: string; matched: boolean }[] | null;
  rank: number;
  date: string | null;
  language: string | null;
  publisher: string | null;
  reviewState: string;
  parentId: string | null;
}

export interface FacetRow {
  value: string;
  count: number;
  label?: string;
}

export interface SearchPage {
  rows: SearchRow[];
  total: number;
  capped: boolean;
  facets: {
    kind: FacetRow[];
    publisher: FacetRow[];
    language: FacetRow[];
    party: FacetRow[];
    year: FacetRow[];
    extractedParty: FacetRow[];
    speaker: FacetRow[];
    place: FacetRow[];
    claimType: FacetRow[];
    commitment: FacetRow[];
  };
}

/** Control characters no stored text keeps (they are stripped before the headline): safe markers. */
export const highlightStart = "\u0002";
export const highlightStop = "\u0003";
const headlineOptions = `StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** A long text is highlighted in its first part only: ts_headline parses all it is given. */
const headlineChars = 20_000;
/** Word similarity a name must reach (pg_trgm's default, 0.6, misses "Xankendi" for "Xankəndi"). */
const nameSimilarity = 0.5;

/** The query in the three configurations, ORed: a stable expression the GIN scans evaluate once. */
const textQuery = (text: string) =>
  sql`(websearch_to_tsquery('english'::regconfig, ${text}) || websearch_to_tsquery('russian'::regconfig, ${text}) || websearch_to_tsquery('simple'::regconfig, ${text}))`;

/** How one kind is matched and what its result row is made of; null: the kind has no such thing. */
interface KindSource {
  kind: SearchKind;
  from: SQL;
  match: (text: string) => SQL;
  rank: (text: string) => SQL;
  title: SQL;
  date: SQL | null;
  language: SQL | null;
  publisher: SQL | null;
  partyIds: SQL;
  processId: SQL;
  reviewState: SQL;
  parentId: SQL | null;
  readable: (actor: Actor) => (SQL | undefined)[];
  deleted: SQL;
}

const idsOf = (jsonArray: SQL) => sql`ARRAY(SELECT jsonb_array_elements_text(${jsonArray}))`;
const partyIdsIn = (jsonArray: SQL) =>
  sql`ARRAY(SELECT e->>'partyId' FROM jsonb_array_elements(${jsonArray}) AS e WHERE e ? 'partyId')`;

/** A text record with a stored vector in `search_vector`. */
function textSource(
  kind: SearchKind,
  table: typeof t.incidents | typeof t.commitments | typeof t.agreements | typeof t.meetings,
  fields: { title: SQL; date: SQL | null; partyIds: SQL },
): KindSource {
  const vector = sql`${table}."search_vector"`;
  return {
    kind,
    from: sql`${table}`,
    match: (text) => sql`${vector} @@ ${textQuery(text)}`,
    rank: (text) => sql`ts_rank_cd(${vector}, ${textQuery(text)})`,
    title: fields.title,
    date: fields.date,
    language: null,
    publisher: null,
    partyIds: fields.partyIds,
    processId: sql`${table.processId}`,
    reviewState: sql`${table.reviewState}`,
    parentId: null,
    readable: (actor) => [readableBy(actor, kind, table)],
    deleted: sql`${table.deletedAt} IS NULL`,
  };
}

/** A party, person or place, found by the similarity of its names. */
function nameSource(
  kind: SearchKind,
  table: typeof t.parties | typeof t.persons | typeof t.places,
): KindSource {
  // Must stay the expression of the `<table>_names_trgm` index (migration 0019): the planner matches it.
  const names =
    table === t.parties
      ? sql`(${t.parties.shortName} || ' ' || peacetrack_names_text(${table.names}))`
      : sql`peacetrack_names_text(${table.names})`;
  return {
    kind,
    from: sql`${table}`,
    match: (text) => sql`${names} %> ${text}`,
    rank: (text) => sql`word_similarity(${text}, ${names})`,
    title: table === t.parties ? sql`${t.parties.shortName}` : sql`${table.names}->0->>'text'`,
    date: null,
    language: null,
    publisher: null,
    partyIds:
      table === t.parties
        ? sql`ARRAY[${t.parties.id}]`
        : table === t.persons
          ? partyIdsIn(sql`${t.persons.roles}`)
          : sql`'{}'::text[]`,
    processId: sql`${table.processId}`,
    reviewState: sql`${table.reviewState}`,
    parentId: null,
    readable: (actor) => [readableBy(actor, kind, table)],
    deleted: sql`${table.deletedAt} IS NULL`,
  };
}

const documentVector = sql`${t.documents}."search_vector"`;
const provisionVector = sql`${t.provisionTexts}."search_vector"`;

const sources: Record<SearchKind, KindSource> = {
  documents: {
    kind: "documents",
    from: sql`${t.documents}`,
    match: (text) => sql`${documentVector} @@ ${textQuery(text)}`,
    rank: (text) => sql`ts_rank_cd(${documentVector}, ${textQuery(text)})`,
    title: sql`${t.documents.title}`,
    date: sql`${t.documents.publishedOn}`,
    language: sql`${t.documents.language}`,
    publisher: sql`${t.documents.publisher}`,
    partyIds: sql`CASE WHEN ${t.documents.authorPartyId} IS NULL THEN '{}'::text[] ELSE ARRAY[${t.documents.authorPartyId}] END`,
    processId: sql`${t.documents.processId}`,
    reviewState: sql`${t.documents.reviewState}`,
    parentId: null,
    readable: (actor) => [readableBy(actor, "documents", t.documents)],
    deleted: sql`${t.documents.deletedAt} IS NULL`,
  },
  incidents: textSource("incidents", t.incidents, {
    title: sql`${t.incidents.title}`,
    date: sql`${t.incidents.startDate}`,
    partyIds: sql`(${idsOf(sql`${t.incidents.allegedByPartyIds}`)} || ${partyIdsIn(sql`${t.incidents.actors}`)})`,
  }),
  commitments: textSource("commitments", t.commitments, {
    title: sql`${t.commitments.title}`,
    date: null,
    partyIds: idsOf(sql`${t.commitments.obligorPartyIds}`),
  }),
  agreements: textSource("agreements", t.agreements, {
    title: sql`${t.agreements.title}`,
    date: sql`${t.agreements.signedOn}`,
    partyIds: idsOf(sql`${t.agreements.signatoryPartyIds}`),
  }),
  meetings: textSource("meetings", t.meetings, {
    title: sql`${t.meetings.title}`,
    date: sql`${t.meetings.date}`,
    partyIds: idsOf(sql`${t.meetings.participantPartyIds}`),
  }),
  // One result per text of a provision (each version's wording), titled by its agreement and path.
  provisions: {
    kind: "provisions",
    from: sql`${t.provisionTexts}
      JOIN ${t.provisions} ON ${t.provisions.id} = ${t.provisionTexts.provisionId}
      JOIN ${t.agreementVersions} ON ${t.agreementVersions.id} = ${t.provisionTexts.versionId}
      JOIN ${t.agreements} ON ${t.agreements.id} = ${t.provisions.agreementId}`,
    match: (text) => sql`${provisionVector} @@ ${textQuery(text)}`,
    rank: (text) => sql`ts_rank_cd(${provisionVector}, ${textQuery(text)})`,
    title: sql`coalesce(${t.agreements.shortTitle}, ${t.agreements.title}) || ' § ' || ${t.provisions.path} || CASE WHEN ${t.provisions.heading} = '' THEN '' ELSE ' ' || ${t.provisions.heading} END`,
    date: sql`coalesce(${t.agreementVersions.publishedOn}, ${t.agreements.signedOn})`,
    language: sql`${t.agreementVersions.language}`,
    publisher: sql`${t.agreementVersions.publisher}`,
    partyIds: idsOf(sql`${t.agreements.signatoryPartyIds}`),
    processId: sql`${t.agreements.processId}`,
    reviewState: sql`${t.provisionTexts.reviewState}`,
    parentId: sql`${t.agreements.id}`,
    readable: (actor) => [
      readableBy(actor, "provisionTexts", t.provisionTexts),
      readableBy(actor, "provisions", t.provisions),
      readableBy(actor, "agreementVersions", t.agreementVersions),
      readableBy(actor, "agreements", t.agreements),
    ],
    deleted: sql`${t.provisionTexts.deletedAt} IS NULL AND ${t.provisions.deletedAt} IS NULL AND ${t.agreementVersions.deletedAt} IS NULL AND ${t.agreements.deletedAt} IS NULL`,
  },
  parties: nameSource("parties", t.parties),
  persons: nameSource("persons", t.persons),
  places: nameSource("places", t.places),
};

/** The kind's matches, filtered and capped; null when a filter asks for what the kind never has. */
function kindMatches(source: KindSource, f: SearchFilters): SQL | null {
  if ((f.publisher !== undefined && !source.publisher) || (f.language !== undefined && !source.language))
    return null;
  if ((f.from || f.to) && !source.date) return null;
  const extracted = f.extracted ? extractedConditions(f.extracted) : [];
  if (extracted.length > 0 && source.kind !== "documents") return null;
  const where: SQL[] = [source.match(f.text), source.deleted];
  for (const condition of source.readable(f.readAs)) if (condition) where.push(condition);
  if (f.publisher !== undefined && source.publisher) where.push(sql`${source.publisher} = ${f.publisher}`);
  if (f.language !== undefined && source.language) where.push(sql`${source.language} = ${f.language}`);
  if (f.processId) where.push(sql`${source.processId} = ${f.processId}`);
  if (f.partyId) where.push(sql`${f.partyId}::text = ANY(${source.partyIds})`);
  if (f.from && source.date) where.push(sql`${source.date} >= ${f.from}::date`);
  if (f.to && source.date) where.push(sql`${source.date} <= ${f.to}::date`);
  where.push(...extracted);
  const nullText = sql`NULL::text`;
  return sql`(SELECT ${source.kind}::text AS kind, ${idColumn(source)} AS id,
      ${source.title} AS title, (${source.rank(f.text)})::float8 AS rank,
      (${source.date ?? nullText})::text AS date, ${source.language ?? nullText} AS language,
      ${source.publisher ?? nullText} AS publisher, ${source.reviewState} AS review_state,
      ${source.partyIds} AS party_ids, ${source.parentId ?? nullText} AS parent_id
    FROM ${source.from}
    WHERE ${sql.join(where, sql` AND `)}
    LIMIT ${f.matchCap})`;
}

const idColumn = (source: KindSource) =>
  source.kind === "provisions" ? sql`${t.provisionTexts.id}` : sql`${source.from}.id`;

/** The snippet of one page row: the matched text's headline, cut by the row's kind. */
function headline(text: string): SQL {
  const query = textQuery(text);
  const cut = (body: SQL, config: SQL = sql`'russian'::regconfig`) =>
    sql`ts_headline(${config}, translate(left(${body}, ${headlineChars}), E'\\x02\\x03', ''), ${query}, ${headlineOptions})`;
  const documentConfig = sql`(CASE ${t.documents.language} WHEN 'en' THEN 'english' WHEN 'ru' THEN 'russian' ELSE 'simple' END)::regconfig`;
  const documentText = sql`coalesce(nullif(${t.documents.cleanedText}, ''), ${t.documents.text})`;
  return sql`CASE p.kind
    WHEN 'documents' THEN (SELECT ${cut(documentText, documentConfig)} FROM ${t.documents} WHERE ${t.documents.id} = p.id)
    WHEN 'incidents' THEN (SELECT ${cut(sql`coalesce(${t.incidents.locationName} || ': ', '') || ${t.incidents.description}`)} FROM ${t.incidents} WHERE ${t.incidents.id} = p.id)
    WHEN 'commitments' THEN (SELECT ${cut(sql`${t.commitments.action} || ' ' || ${t.commitments.object} || ' ' || ${t.commitments.conditions}`)} FROM ${t.commitments} WHERE ${t.commitments.id} = p.id)
    WHEN 'agreements' THEN (SELECT ${cut(sql`coalesce(nullif(${t.agreements.summary}, ''), ${t.agreements.title})`)} FROM ${t.agreements} WHERE ${t.agreements.id} = p.id)
    WHEN 'meetings' THEN (SELECT ${cut(sql`coalesce(nullif(${t.meetings.outcome}, ''), ${t.meetings.title})`)} FROM ${t.meetings} WHERE ${t.meetings.id} = p.id)
    WHEN 'provisions' THEN (SELECT ${cut(sql`${t.provisionTexts.text}`)} FROM ${t.provisionTexts} WHERE ${t.provisionTexts.id} = p.id)
    END`;
}

/** Each name of a party, person or place found by similarity, marked where it is the one that matched. */
function matchedNames(text: string): SQL {
  const names = (table: typeof t.parties | typeof t.persons | typeof t.places) =>
    sql`(SELECT json_agg(json_build_object('text', n.value->>'text', 'matched', word_similarity(${text}, n.value->>'text') >= ${nameSimilarity}) ORDER BY n.ordinality)
         FROM ${table}, jsonb_array_elements(${table.names}) WITH ORDINALITY AS n WHERE ${table.id} = p.id)`;
  return sql`CASE p.kind WHEN 'parties' THEN ${names(t.parties)} WHEN 'persons' THEN ${names(t.persons)} WHEN 'places' THEN ${names(t.places)} END`;
}

const facet = (column: SQL, limit = 20) =>
  sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json)
       FROM (SELECT ${column} AS value, count(*)::int AS count FROM matched WHERE ${column} IS NOT NULL AND ${column} <> ''
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}) f)`;

const partyFacet = sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count, 'label', coalesce(${t.parties.shortName}, f.value)) ORDER BY f.count DESC, f.value), '[]'::json)
   FROM (SELECT u.party AS value, count(DISTINCT (m.kind, m.id))::int AS count FROM matched m, unnest(m.party_ids) AS u(party)
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20) f
   LEFT JOIN ${t.parties} ON ${t.parties.id} = f.value)`;

/** The one statement of a search; null when no kind can match the filters. */
export function searchStatement(f: SearchFilters): SQL | null {
  const parts = f.kinds
    .map((kind) => kindMatches(sources[kind], f))
    .filter((part): part is SQL => part !== null);
  if (parts.length === 0) return null;
  return sql`WITH matched AS MATERIALIZED (${sql.join(parts, sql` UNION ALL `)}),
    ${extractedCte},
    page AS (SELECT * FROM matched ORDER BY rank DESC, kind, id LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT
      (SELECT coalesce(json_agg(json_build_object('kind', p.kind, 'id', p.id, 'title', p.title, 'rank', p.rank,
          'date', p.date, 'language', p.language, 'publisher', p.publisher, 'reviewState', p.review_state,
          'parentId', p.parent_id, 'headline', ${headline(f.text)}, 'names', ${matchedNames(f.text)})
          ORDER BY p.rank DESC, p.kind, p.id), '[]'::json) FROM page p) AS rows,
      (SELECT count(*)::int FROM matched) AS total,
      (SELECT bool_or(n >= ${f.matchCap}) FROM (SELECT count(*) AS n FROM matched GROUP BY kind) c) AS capped,
      ${facet(sql`kind`)} AS kind_facet,
      ${facet(sql`publisher`)} AS publisher_facet,
      ${facet(sql`language`)} AS language_facet,
      ${facet(sql`left(date, 4)`, 50)} AS year_facet,
      ${partyFacet} AS party_facet,
      ${extractionFacets(f.readAs)}`;
}

/** One page of ranked matches with counts and facets, in one statement. */
export async function searchRecords(db: Db, f: SearchFilters): Promise<SearchPage> {
  const statement = searchStatement(f);
  if (!statement) return emptyPage();
  // Settings for this transaction only. The similarity threshold of `%>`; and no sequential scans: with
  // a LIMIT the planner likes to read the table until enough rows match, which for a word in a few
  // percent of 100,000 documents means testing tens of thousands of vectors (400 ms) where the GIN
  // index hands over exactly the matches (a few ms).
  const result = await db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(nameSimilarity)}, true), set_config('enable_seqscan', 'off', true)`,
    );
    return tx.execute(statement);
  });
  return toPage(rowsOf(result)[0] ?? {});
}

type Json = Record<string, unknown>;
const rowsOf = (result: unknown): Json[] =>
  Array.isArray(result) ? (result as Json[]) : ((result as { rows: Json[] }).rows ?? []);
/** node-postgres parses json columns; PGlite may hand them back as text. */
const parsed = <T>(value: unknown, fallback: T): T =>
  value === null || value === undefined
    ? fallback
    : typeof value === "string"
      ? (JSON.parse(value) as T)
      : (value as T);

function toPage(row: Json): SearchPage {
  return {
    rows: parsed<SearchRow[]>(row.rows, []),
    total: Number(row.total ?? 0),
    capped: row.capped === true,
    facets: {
      kind: parsed(row.kind_facet, []),
      publisher: parsed(row.publisher_facet, []),
      language: parsed(row.language_facet, []),
      party: parsed(row.party_facet, []),
      year: parsed(row.year_facet, []),
      extractedParty: parsed(row.extracted_party_facet, []),
      speaker: parsed(row.speaker_facet, []),
      place: parsed(row.place_facet, []),
      claimType: parsed(row.claim_type_facet, []),
      commitment: parsed(row.commitment_facet, []),
    },
  };
}

const emptyPage = (): SearchPage => ({
  rows: [],
  total: 0,
  capped: false,
  facets: {
    kind: [],
    publisher: [],
    language: [],
    party: [],
    year: [],
    extractedParty: [],
    speaker: [],
    place: [],
    claimType: [],
    commitment: [],
  },
});
