/**
 * The shapes extraction produces. Every item carries a span in the text it was given
 * ([start, end) in UTF-16 code units, as `String.prototype.slice` counts), a confidence in 0..1 and
 * the rule that produced it, and stays a suggestion until a reviewer confirms it.
 */

/** [start, end) offsets in the text given to the extractor. */
export type Span = [number, number];

export interface RegistryName {
  text: string;
  lang?: string;
  usedBy?: string[];
}

export interface RegistryParty {
  id: string;
  shortName?: string;
  kind?: string;
  names: RegistryName[];
}

export interface RegistryPersonRole {
  office: string;
  partyId?: string;
  from?: string;
  to?: string;
}

export interface RegistryPerson {
  id: string;
  names: RegistryName[];
  roles?: RegistryPersonRole[];
}

export interface RegistryPlace {
  id: string;
  kind?: string;
  names: RegistryName[];
}

/** Plain objects shaped like the domain records (src/domain/actors.ts). */
export interface ExtractionRegistry {
  parties: readonly RegistryParty[];
  persons: readonly RegistryPerson[];
  places: readonly RegistryPlace[];
}

export type MentionKind = "person" | "party" | "place";

export type MentionRule = "name" | "demonym" | "metonym" | "role" | "coreference";

export interface SuggestedPerson {
  name: string;
  office: string;
  partyId?: string;
}

export interface Mention {
  kind: MentionKind;
  /** The record the mention resolves to; null when it does not resolve to one record. */
  recordId: string | null;
  text: string;
  span: Span;
  confidence: number;
  rule: MentionRule;
  /** For persons: the party of the role that resolved them; for institutions: their party. */
  partyId?: string;
  /** The office the text gives ("President", "Deputy Foreign Minister"). */
  office?: string;
  /** Records the text could mean when it does not say which (two persons sharing a surname). */
  candidates?: string[];
  /** A person the registry does not know, with the role the text gives them. */
  suggestedPerson?: SuggestedPerson;
}

export interface DateMention {
  span: Span;
  text: string;
  kind: "date" | "range";
  /** ISO dates (YYYY-MM-DD); null when the expression needs a publication date that is missing. */
  start: string | null;
  end: string | null;
  resolved: { start: string; end: string } | null;
  approximate: boolean;
  confidence: number;
  rule: string;
}

export interface Speaker {
  text: string;
  recordId?: string;
  kind?: "person" | "party";
  span: Span;
}

export interface Quote {
  kind: "direct" | "reported";
  span: Span;
  /** The quoted words, without the marks; for a quote over several paragraphs, their parts joined. */
  text: string;
  speaker: Speaker | null;
  confidence: number;
  rule: string;
  unclosed: boolean;
  /** A few quoted words inside a sentence ("full-fledged" talks). */
  fragment: boolean;
}

export const claimTypes = [
  "alleges_violation",
  "denies",
  "calls_on",
  "commits",
  "threatens",
  "demands",
] as const;
export type ClaimType = (typeof claimTypes)[number];

export interface ClaimActor {
  text: string;
  recordId?: string;
  span?: Span;
}

export interface LinkSuggestion {
  kind: string;
  id: string;
  score: number;
}

export interface Claim {
  type: ClaimType;
  /** The sentence the claim was read from. */
  span: Span;
  text: string;
  cue: { text: string; span: Span };
  claimant: ClaimActor | null;
  target: ClaimActor | null;
  confidence: number;
  rule: string;
  bearsOn: LinkSuggestion[];
}

export interface LinkCandidate {
  kind: string;
  id: string;
  text: string;
}
