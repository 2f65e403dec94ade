import { z } from "zod";
import { Id, IsoDate } from "./common.js";
import { claimTypes } from "./extraction.js";

/**
 * Search over the source library and the records (issue 10, item 5), defined once: the API validates
 * with these, the OpenAPI document comes from them, and the web app takes its types from them.
 */

export const searchKinds = [
  "documents",
  "incidents",
  "commitments",
  "provisions",
  "agreements",
  "meetings",
  "parties",
  "persons",
  "places",
] as const;
export type SearchKind = (typeof searchKinds)[number];

/** Kinds found by their names (trigram similarity) rather than by the words of a text. */
export const nameKinds: readonly SearchKind[] = ["parties", "persons", "places"];

/**
 * Matches taken of each kind before ranking: beyond it a common word is neither ranked nor counted in
 * full (`totalIsCapped` says so), which keeps a search fast whatever the library holds.
 */
export const searchMatchCap = 1000;
export const searchMaxOffset = 500;

export const SearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe(
        'words in any language; "quoted phrases", `or`, and -excluded words as in web search engines',
      ),
    kind: z.enum(searchKinds).optional().describe("only results of this kind"),
    publisher: z
      .string()
      .max(300)
      .optional()
      .describe("only documents (and provision texts) of this publisher"),
    language: z.string().max(20).optional().describe("ISO 639-1 code of documents and provision texts"),
    partyId: Id.optional().describe("only results that name this party (author, actor, obligor, signatory…)"),
    processId: Id.optional(),
    extractedPartyId: Id.optional().describe(
      "only documents in which extraction confirmed this party as named, quoted or claiming (documents only)",
    ),
    speakerId: Id.optional().describe(
      "only documents with a confirmed quote of this person (documents only)",
    ),
    placeId: Id.optional().describe("only documents with a confirmed mention of this place (documents only)"),
    claimType: z.enum(claimTypes).optional().describe("only documents with a confirmed claim of this type"),
    commitmentId: Id.optional().describe(
      "only documents with a confirmed claim bearing on this commitment or its provision",
    ),
    from: IsoDate.optional().describe("results dated on or after this day (undated results are left out)"),
    to: IsoDate.optional().describe("results dated on or before this day (undated results are left out)"),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    offset: z.coerce.number().int().min(0).max(searchMaxOffset).default(0),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: "from is after to",
    path: ["from"],
  });
export type SearchQuery = z.output<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** A piece of a snippet: plain text, highlighted where it matched. Never HTML. */
export const SnippetSegment = z.object({ text: z.string(), highlighted: z.boolean() });
export type SnippetSegment = z.output<typeof SnippetSegment>;

export const SearchResult = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  title: z.string(),
  snippet: z
    .array(SnippetSegment)
    .describe("a passage of the text around the matches; names for parties etc."),
  rank: z.number().describe("relevance: higher is better; comparable within one answer only"),
  date: IsoDate.nullable().describe("publication, start, signature or meeting date; null when it has none"),
  language: z.string().nullable(),
  publisher: z.string().nullable(),
  reviewState: z.string(),
  url: z.string().nullable().describe("the web app's page for the result"),
});
export type SearchResult = z.output<typeof SearchResult>;

export const FacetValue = z.object({ value: z.string(), count: z.number().int() });
export type FacetValue = z.output<typeof FacetValue>;

export const SearchFacets = z.object({
  kind: z.array(FacetValue),
  publisher: z.array(FacetValue),
  language: z.array(FacetValue),
  party: z.array(FacetValue.extend({ label: z.string() })),
  year: z.array(FacetValue),
  /**
   * What extraction found in the matching documents, counted in documents, over items a reviewer
   * accepted or corrected only (for every caller: a suggestion is not yet a finding, and counts that
   * moved with each re-run would mislead staff as much as the public).
   */
  extractedParty: z
    .array(FacetValue.extend({ label: z.string() }))
    .describe("parties named, quoted or claiming in the documents (not the author: that is `party`)"),
  speaker: z.array(FacetValue.extend({ label: z.string() })).describe("persons quoted"),
  place: z.array(FacetValue.extend({ label: z.string() })).describe("places mentioned"),
  claimType: z.array(FacetValue).describe("types of the claims made"),
  commitment: z
    .array(FacetValue.extend({ label: z.string() }))
    .describe("commitments the claims bear on (directly or through their provision)"),
});
export type SearchFacets = z.output<typeof SearchFacets>;

export const SearchResponse = z.object({
  results: z.array(SearchResult),
  facets: SearchFacets.describe(`counts over the matches, at most ${searchMatchCap} of each kind`),
  total: z.number().int().describe(`matches counted, at most ${searchMatchCap} of each kind`),
  totalIsCapped: z.boolean().describe("true when a kind had more matches than were counted"),
});
export type SearchResponse = z.output<typeof SearchResponse>;

/** The web app's page for a result. */
export function searchResultUrl(kind: SearchKind, id: string, parentId: string | null): string | null {
  switch (kind) {
    case "provisions":
      return parentId ? `/agreements/${encodeURIComponent(parentId)}` : null;
    case "persons":
      return null;
    default:
      return `/${kind}/${encodeURIComponent(id)}`;
  }
}
