import type { Actor } from "../domain/actor.js";
import {
  type SearchKind,
  type SearchQuery,
  type SearchResponse,
  type SearchResult,
  type SnippetSegment,
  searchKinds,
  searchMatchCap,
  searchResultUrl,
} from "../domain/search.js";
import type { Db } from "../store/database.js";
import {
  type FacetRow,
  highlightStart,
  highlightStop,
  type SearchRow,
  searchRecords,
} from "../store/search-queries.js";

/**
 * Search over the source library and the records, as `actor` may read them: the public finds published
 * and disputed records only, a representative also their party's own claims, staff everything. The
 * filter is applied inside the database, per kind, before anything is ranked or counted.
 */
export async function search(db: Db, actor: Actor, query: SearchQuery): Promise<SearchResponse> {
  const kinds: readonly SearchKind[] = query.kind ? [query.kind] : searchKinds;
  const page = await searchRecords(db, {
    text: query.q,
    kinds,
    publisher: query.publisher,
    language: query.language,
    partyId: query.partyId,
    processId: query.processId,
    extracted: {
      partyId: query.extractedPartyId,
      speakerId: query.speakerId,
      placeId: query.placeId,
      claimType: query.claimType,
      commitmentId: query.commitmentId,
    },
    from: query.from,
    to: query.to,
    limit: query.limit,
    offset: query.offset,
    matchCap: searchMatchCap,
    readAs: actor,
  });
  return {
    results: page.rows.map(toResult),
    facets: {
      ...page.facets,
      party: labelled(page.facets.party),
      extractedParty: labelled(page.facets.extractedParty),
      speaker: labelled(page.facets.speaker),
      place: labelled(page.facets.place),
      commitment: labelled(page.facets.commitment),
    },
    total: page.total,
    totalIsCapped: page.capped,
  };
}

const labelled = (entries: FacetRow[]) =>
  entries.map((entry) => ({ ...entry, label: entry.label ?? entry.value }));

function toResult(row: SearchRow): SearchResult {
  return {
    kind: row.kind,
    id: row.id,
    title: row.title,
    snippet: row.names ? nameSegments(row.names) : headlineSegments(row.headline ?? ""),
    rank: row.rank,
    date: row.date,
    language: row.language,
    publisher: row.publisher || null,
    reviewState: row.reviewState,
    url: searchResultUrl(row.kind, row.id, row.parentId),
  };
}

/**
 * ts_headline's output cut at its markers into plain and highlighted pieces. The markers are control
 * characters stripped from the text before the headline was made, so any other character, `<` and `&`
 * included, is text: the web app renders the pieces as text, never as HTML.
 */
export function headlineSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let highlighted = false;
  let text = "";
  const flush = () => {
    if (text) segments.push({ text, highlighted });
    text = "";
  };
  for (const character of headline) {
    if (character === highlightStart || character === highlightStop) {
      flush();
      highlighted = character === highlightStart;
    } else text += character;
  }
  flush();
  return mergeAdjacent(segments);
}

/** ts_headline marks each word: "Lachin" and "corridor" come as two marks with a space between. */
function mergeAdjacent(segments: SnippetSegment[]): SnippetSegment[] {
  const merged: SnippetSegment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && last.highlighted === segment.highlighted) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}

/** Every name of a party, person or place, the matching ones highlighted, separated by " · ". */
function nameSegments(names: { text: string; matched: boolean }[]): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  names.forEach((name, index) => {
    if (index > 0) segments.push({ text: " · ", highlighted: false });
    segments.push({ text: name.text, highlighted: name.matched });
  });
  return mergeAdjacent(segments);
}
