/**
 * The gazetteer: every name of every party, person and place in the registry, with the field's
 * adjectival, demonymic and metonymic forms (field-names.ts), office titles and the bodies that speak
 * for a party, in a trie over folded word tokens. `findMentions` scans a text once, token by token,
 * taking the longest name at each token (at most `maxNameTokens` tokens ahead), so its work is linear
 * in the text; resolution (mention-resolution.ts) then reads titles and institutions around the hits.
 */
import { institutionNames, officeTitles, partyForms, placeForms } from "./field-names.js";
import { resolveHits } from "./mention-resolution.js";
import { bySpanStart } from "./spans.js";
import type {
  ExtractionRegistry,
  Mention,
  MentionKind,
  MentionRule,
  RegistryName,
  RegistryPerson,
} from "./types.js";

export type GazetteerEntry =
  | { type: "record"; kind: MentionKind; recordId: string; rule: MentionRule; confidence: number }
  | { type: "surname"; personIds: string[] }
  | { type: "title"; office: string }
  | { type: "institution"; label: string }
  | { type: "place_metonym"; partyId: string }
  | { type: "qualifier"; partyId: string };

interface TrieNode {
  children: Map<string, TrieNode>;
  entries: GazetteerEntry[];
  /** The exact written form, for acronyms that must match in capitals (US, EU, MP). */
  exactForms?: Set<string>;
  /** Proper names match only when the text capitalises their first letter. */
  needsCapital: boolean;
}

export interface Gazetteer {
  root: TrieNode;
  maxNameTokens: number;
  persons: ReadonlyMap<string, RegistryPerson>;
  /** The registry's party ids. */
  partyIds: ReadonlySet<string>;
}

/** A name found in the text, before titles and institutions are read around it. */
export interface GazetteerHit {
  start: number;
  end: number;
  entries: GazetteerEntry[];
}

const maxTokenLength = 60;
const tokenPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** What may separate the words of one name: a space, a hyphen, an initial's full stop. */
const nameGap = /^(?:[ \u00a0]|\.[ \u00a0]?|[-‐‑–][ \u00a0]?|[ \u00a0][-–][ \u00a0])$/u;

/** Lower case, no diacritics (ı and İ as i), words joined by single spaces. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function newNode(): TrieNode {
  return { children: new Map(), entries: [], needsCapital: false };
}

function isAcronym(form: string): boolean {
  const letters = form.replace(/[^\p{L}]/gu, "");
  return (
    letters.length > 0 && letters.length <= 5 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters)
  );
}

function startsWithCapital(form: string): boolean {
  const first = form.trimStart()[0] ?? "";
  return first !== first.toLowerCase();
}

function addForm(root: TrieNode, form: string, entry: GazetteerEntry, properName: boolean): number {
  const tokens = fold(form).split(" ").filter(Boolean);
  if (tokens.length === 0) return 0;
  let node = root;
  for (const token of tokens) {
    let child = node.children.get(token);
    if (!child) {
      child = newNode();
      node.children.set(token, child);
    }
    node = child;
  }
  const duplicate = node.entries.some((existing) => JSON.stringify(existing) === JSON.stringify(entry));
  if (!duplicate) node.entries.push(entry);
  if (isAcronym(form)) {
    node.exactForms = node.exactForms ?? new Set();
    node.exactForms.add(form.replace(/[^\p{L}\p{N}]/gu, ""));
  }
  if (properName && startsWithCapital(form)) node.needsCapital = true;
  return tokens.length;
}

function foldedNames(
  names: readonly RegistryName[],
  extra: readonly (string | undefined)[] = [],
): Set<string> {
  return new Set([
    ...names.map((name) => fold(name.text)),
    ...extra.filter((x): x is string => !!x).map(fold),
  ]);
}

function surnameOf(name: string): string | undefined {
  const words = name.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word));
  return words.length >= 2 ? words[words.length - 1]?.replace(/^.*\./, "") : undefined;
}

export function buildGazetteer(registry: ExtractionRegistry): Gazetteer {
  const root = newNode();
  let maxNameTokens = 1;
  const add = (form: string, entry: GazetteerEntry, properName = true) => {
    maxNameTokens = Math.max(maxNameTokens, addForm(root, form, entry, properName));
  };
  for (const party of registry.parties) {
    const record = (rule: MentionRule, confidence: number): GazetteerEntry => ({
      type: "record",
      kind: "party",
      recordId: party.id,
      rule,
      confidence,
    });
    for (const name of party.names) add(name.text, record("name", 0.95));
    if (party.shortName) add(party.shortName, record("name", 0.9));
    const known = foldedNames(party.names, [party.shortName]);
    for (const forms of partyForms) {
      if (!forms.match.some((m) => known.has(m))) continue;
      for (const name of forms.names) add(name, record("name", 0.9));
      for (const demonym of forms.demonyms) add(demonym, record("demonym", 0.6));
      for (const metonym of forms.metonyms) add(metonym, record("metonym", 0.7));
      for (const qualifier of forms.qualifiers ?? [])
        add(qualifier, { type: "qualifier", partyId: party.id });
    }
  }
  for (const place of registry.places) {
    const record: GazetteerEntry = {
      type: "record",
      kind: "place",
      recordId: place.id,
      rule: "name",
      confidence: 0.9,
    };
    for (const name of place.names) add(name.text, record);
    const known = foldedNames(place.names);
    for (const forms of placeForms) {
      if (!forms.match.some((m) => known.has(m))) continue;
      for (const name of forms.names) add(name, record);
      const metonymParty = registry.parties.find((party) =>
        foldedNames(party.names, [party.shortName]).has(forms.metonymOf ?? "\u0000"),
      );
      if (metonymParty)
        for (const name of forms.names) add(name, { type: "place_metonym", partyId: metonymParty.id });
    }
  }
  const personsBySurname = new Map<string, Set<string>>();
  for (const person of registry.persons) {
    for (const name of person.names) {
      add(name.text, { type: "record", kind: "person", recordId: person.id, rule: "name", confidence: 0.95 });
      const surname = surnameOf(name.text);
      if (!surname) continue;
      const key = fold(surname);
      const ids = personsBySurname.get(key) ?? new Set<string>();
      ids.add(person.id);
      personsBySurname.set(key, ids);
    }
  }
  for (const [surname, ids] of personsBySurname) {
    // Written as folded; capitals are checked on the text (a surname is a proper name).
    add(surname[0]?.toUpperCase() + surname.slice(1), { type: "surname", personIds: [...ids].sort() });
  }
  for (const [office, wordings] of Object.entries(officeTitles)) {
    for (const wording of wordings) add(wording, { type: "title", office }, false);
  }
  for (const label of institutionNames) add(label, { type: "institution", label: fold(label) }, false);
  return {
    root,
    maxNameTokens,
    persons: new Map(registry.persons.map((person) => [person.id, person])),
    partyIds: new Set(registry.parties.map((party) => party.id)),
  };
}

interface Token {
  start: number;
  end: number;
  folded: string;
}

function* tokens(text: string): Generator<Token> {
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text); match; match = tokenPattern.exec(text)) {
    const word = match[0];
    if (word.length > maxTokenLength) continue;
    yield { start: match.index, end: match.index + word.length, folded: fold(word) };
  }
}

function acceptable(node: TrieNode, text: string, start: number, end: number): boolean {
  if (node.entries.length === 0) return false;
  if (node.exactForms && !node.exactForms.has(text.slice(start, end).replace(/[^\p{L}\p{N}]/gu, "")))
    return false;
  if (node.needsCapital) {
    const first = text[start] ?? "";
    if (first === first.toLowerCase()) return false;
  }
  return true;
}

/**
 * The longest names in the text, left to right, none overlapping. Tokens are held in a window of
 * `maxNameTokens`, so memory stays small on a long text.
 */
export function scanNames(text: string, gazetteer: Gazetteer, maxHits = 20_000): GazetteerHit[] {
  const hits: GazetteerHit[] = [];
  const window: Token[] = [];
  const source = tokens(text);
  let exhausted = false;
  const fill = () => {
    while (!exhausted && window.length < gazetteer.maxNameTokens) {
      const next = source.next();
      if (next.done) exhausted = true;
      else window.push(next.value);
    }
  };
  fill();
  while (window.length > 0 && hits.length < maxHits) {
    let node: TrieNode | undefined = gazetteer.root;
    let best: { node: TrieNode; length: number } | undefined;
    for (let index = 0; index < window.length && node; index++) {
      const token = window[index] as Token;
      if (index > 0 && !nameGap.test(text.slice((window[index - 1] as Token).end, token.start))) break;
      node = node.children.get(token.folded);
      if (node && acceptable(node, text, (window[0] as Token).start, token.end))
        best = { node, length: index + 1 };
    }
    const consumed = best ? best.length : 1;
    if (best) {
      const first = window[0] as Token;
      const last = window[best.length - 1] as Token;
      hits.push({ start: first.start, end: last.end, entries: best.node.entries });
    }
    window.splice(0, consumed);
    fill();
  }
  return hits;
}

export interface FindMentionsOptions {
  /** The document's date (ISO), for roles held at that date. */
  asOf?: string | null;
  maxMentions?: number;
}

/** Persons, parties and places named in the text, resolved by role and context where they can be. */
export function findMentions(
  text: string,
  gazetteer: Gazetteer,
  options: FindMentionsOptions = {},
): Mention[] {
  const maxMentions = options.maxMentions ?? 5_000;
  const hits = scanNames(text, gazetteer, maxMentions * 2);
  return resolveHits(text, hits, gazetteer, options.asOf ?? null)
    .sort(bySpanStart)
    .slice(0, maxMentions);
}
