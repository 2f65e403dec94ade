/**
 * From gazetteer hits to mentions: a person is resolved by the title and party written next to the
 * name and by the roles the registry gives them at the document's date, not by the string alone
 * ("President Sargsyan" and "MP Sargsyan" are two records); an institution ("the Artsakh foreign
 * ministry") speaks for the party named with it, and a later bare "the foreign ministry" for the same
 * party; an unknown name after a title becomes a suggested new person with that role. Where the text
 * does not say which record it means, the mention has no record and lists the candidates.
 */
import { officeTitles } from "./field-names.js";
import { fold, type Gazetteer, type GazetteerEntry, type GazetteerHit } from "./gazetteer.js";
import type { Mention, RegistryPerson, RegistryPersonRole } from "./types.js";

/** Institutions too generic to carry a party over from an earlier sentence. */
const vagueInstitutions = new Set([
  "government",
  "authorities",
  "officials",
  "leadership",
  "side",
  "party",
  "army",
  "armed forces",
  "delegation",
  "parliament",
]);
const nonNameWords = new Set(
  "The A An On In At Of And But For To By With From Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December I We He She It They This That".split(
    " ",
  ),
);
const nameAfterTitle =
  /[ \u00a0]((?:\p{Lu}[\p{L}\p{M}'’-]*\.?(?:[ \u00a0](?=\p{Lu})|(?=[^\p{L}])|$)){1,3})/uy;
const adjacentGap = /^(?:[ \u00a0]{1,2}|['’]s[ \u00a0]{1,2})$/u;
const ofGap = /^[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$/iu;
const speechAfter =
  /^[ \u00a0]+(?:has |have )?(?:said|says|stated|claimed|accused|denied|insisted|announced|responded|warned|rejected|reported)\b/u;

type RecordEntry = Extract<GazetteerEntry, { type: "record" }>;

function entryOf<T extends GazetteerEntry["type"]>(hit: GazetteerHit | undefined, type: T) {
  return hit?.entries.find((entry): entry is Extract<GazetteerEntry, { type: T }> => entry.type === type);
}

function recordOf(hit: GazetteerHit | undefined, kind: RecordEntry["kind"]): RecordEntry | undefined {
  return hit?.entries.find((entry): entry is RecordEntry => entry.type === "record" && entry.kind === kind);
}

export function activeAt(role: RegistryPersonRole, asOf: string | null): boolean {
  if (!asOf) return true;
  return (!role.from || role.from <= asOf) && (!role.to || role.to >= asOf);
}

export function officeMatches(roleOffice: string, office: string): boolean {
  const folded = fold(roleOffice);
  return (officeTitles[office] ?? [office]).some((alias) => {
    const key = fold(alias);
    return folded === key || folded.startsWith(`${key} `);
  });
}

function matchingRole(
  person: RegistryPerson,
  office: string | undefined,
  partyId: string | undefined,
  asOf: string | null,
) {
  return (person.roles ?? []).find(
    (role) =>
      activeAt(role, asOf) &&
      (!office || officeMatches(role.office, office)) &&
      (!partyId || role.partyId === partyId),
  );
}

interface Context {
  text: string;
  hits: GazetteerHit[];
  gazetteer: Gazetteer;
  asOf: string | null;
  out: Mention[];
  institutionParties: Map<string, string>;
  personsSeen: Set<string>;
}

function adjacent(
  context: Context,
  left: GazetteerHit | undefined,
  right: GazetteerHit | undefined,
): boolean {
  return !!left && !!right && adjacentGap.test(context.text.slice(left.end, right.start));
}

function emit(context: Context, mention: Omit<Mention, "text">) {
  const [start, end] = mention.span;
  context.out.push({ ...mention, text: context.text.slice(start, end) });
  if (mention.kind === "person" && mention.recordId) context.personsSeen.add(mention.recordId);
}

function emitRecord(context: Context, hit: GazetteerHit, entry: RecordEntry) {
  const person = entry.kind === "person" ? context.gazetteer.persons.get(entry.recordId) : undefined;
  const role = person ? matchingRole(person, undefined, undefined, context.asOf) : undefined;
  emit(context, {
    kind: entry.kind,
    recordId: entry.recordId,
    span: [hit.start, hit.end],
    confidence: entry.confidence,
    rule: entry.rule,
    ...(role?.partyId ? { partyId: role.partyId } : {}),
  });
}

/** A name after a title: a person record, a surname resolved by the office, or an unknown name. */
function resolveTitled(
  context: Context,
  index: number,
  roleStart: number,
  office: string,
  partyId: string | undefined,
): number {
  const titleHit = context.hits[index] as GazetteerHit;
  // A named person's span starts at the title; the party adjective before it is its own mention.
  const start = titleHit.start;
  let next = context.hits[index + 1];
  let consumed = index;
  // "President of Azerbaijan Ilham Aliyev", "Foreign Minister of the Republic of Armenia".
  if (next && ofGap.test(context.text.slice(titleHit.end, next.start)) && recordOf(next, "party")) {
    partyId = recordOf(next, "party")?.recordId;
    emitRecord(context, next, recordOf(next, "party") as RecordEntry);
    consumed = index + 1;
    next = context.hits[index + 2];
  }
  const previous = context.hits[consumed] as GazetteerHit;
  const nameHit = adjacent(context, previous, next) ? next : undefined;
  const person = recordOf(nameHit, "person");
  if (nameHit && person) {
    const record = context.gazetteer.persons.get(person.recordId);
    const role = record ? matchingRole(record, office, partyId, context.asOf) : undefined;
    emit(context, {
      kind: "person",
      recordId: person.recordId,
      span: [start, nameHit.end],
      confidence: role ? 0.97 : 0.85,
      rule: "name",
      office,
      ...(role?.partyId ? { partyId: role.partyId } : {}),
    });
    return consumed + 1;
  }
  const surname = entryOf(nameHit, "surname");
  if (nameHit && surname) {
    const holding = (asOf: string | null) =>
      surname.personIds.filter((id) => {
        const record = context.gazetteer.persons.get(id);
        return record && matchingRole(record, office, partyId, asOf);
      });
    // A role dated only to one document still tells the office; held at another date, it is less sure.
    const atDate = holding(context.asOf);
    const fitting = atDate.length > 0 ? atDate : holding(null);
    const only = fitting.length === 1 ? (fitting[0] as string) : null;
    const role = only
      ? matchingRole(context.gazetteer.persons.get(only) as RegistryPerson, office, partyId, null)
      : undefined;
    const name = context.text.slice(nameHit.start, nameHit.end);
    emit(context, {
      kind: "person",
      recordId: only,
      span: [start, nameHit.end],
      confidence: only ? (atDate.length === 1 ? 0.85 : 0.6) : 0.35,
      rule: "role",
      office,
      ...(role?.partyId ? { partyId: role.partyId } : partyId ? { partyId } : {}),
      ...(only ? {} : { candidates: surname.personIds }),
      // No registered person with that surname holds the office: a new person, most likely.
      ...(fitting.length === 0 ? { suggestedPerson: { name, office, ...(partyId ? { partyId } : {}) } } : {}),
    });
    return consumed + 1;
  }
  const unknownName = readUnknownName(context, previous.end, next?.start ?? Number.POSITIVE_INFINITY);
  if (unknownName) {
    emit(context, {
      kind: "person",
      recordId: null,
      span: [start, unknownName.end],
      confidence: 0.5,
      rule: "role",
      office,
      ...(partyId ? { partyId } : {}),
      suggestedPerson: { name: unknownName.name, office, ...(partyId ? { partyId } : {}) },
    });
    return consumed;
  }
  // "the Artsakh president", "Russia's foreign minister": the one person holding that office then.
  if (partyId) {
    const holders = [...context.gazetteer.persons.values()].filter((p) =>
      matchingRole(p, office, partyId, context.asOf),
    );
    if (holders.length === 1) {
      emit(context, {
        kind: "person",
        recordId: (holders[0] as RegistryPerson).id,
        span: [roleStart, titleHit.end],
        confidence: 0.7,
        rule: "role",
        office,
        partyId,
      });
    }
  }
  return consumed;
}

function readUnknownName(context: Context, from: number, limit: number) {
  nameAfterTitle.lastIndex = from;
  const match = nameAfterTitle.exec(context.text);
  if (!match?.[1]) return undefined;
  const start = from + 1;
  let end = start;
  let position = start;
  for (const word of match[1].split(/[ \u00a0]/)) {
    const bare = word.replace(/[.,]+$/, "");
    if (!bare || nonNameWords.has(bare) || position + word.length > limit) break;
    end = position + word.length;
    position = end + 1;
  }
  // A name's last full stop is the sentence's ("Minister Jan Novak."), an initial's is its own.
  const name = context.text.slice(start, end).replace(/(?<=\p{L}{2,})[.,]+$|,$/u, "");
  return name ? { name, end: start + name.length } : undefined;
}

function resolveInstitution(
  context: Context,
  hit: GazetteerHit,
  start: number,
  partyId: string | undefined,
  confidence: number,
) {
  const label = entryOf(hit, "institution")?.label as string;
  if (partyId) {
    context.institutionParties.set(label, partyId);
    emit(context, { kind: "party", recordId: partyId, span: [start, hit.end], confidence, rule: "role" });
    return;
  }
  const earlier = context.institutionParties.get(label);
  if (earlier && !vagueInstitutions.has(label)) {
    emit(context, {
      kind: "party",
      recordId: earlier,
      span: [hit.start, hit.end],
      confidence: 0.65,
      rule: "coreference",
    });
  }
}

function resolveSurname(context: Context, hit: GazetteerHit, personIds: string[]) {
  const seen = personIds.filter((id) => context.personsSeen.has(id));
  const only =
    personIds.length === 1 ? (personIds[0] as string) : seen.length === 1 ? (seen[0] as string) : null;
  emit(context, {
    kind: "person",
    recordId: only,
    span: [hit.start, hit.end],
    confidence: only ? (seen.length === 1 ? 0.8 : 0.7) : 0.3,
    rule: personIds.length === 1 ? "name" : "coreference",
    ...(only ? {} : { candidates: personIds }),
  });
}

const possessive = /(?<![\p{L}])(his|her|its)[ \u00a0]+$/iu;

/**
 * "his spokesperson": the party of the person last named; "its spokesperson": the party last named.
 * Only within the few hundred characters before, so a pronoun never reaches across an article.
 */
function possessorParty(context: Context, titleHit: GazetteerHit): string | undefined {
  const pronoun = possessive
    .exec(context.text.slice(Math.max(0, titleHit.start - 6), titleHit.start))?.[1]
    ?.toLowerCase();
  if (!pronoun) return undefined;
  const kind = pronoun === "its" ? "party" : "person";
  for (let index = context.out.length - 1; index >= 0; index--) {
    const mention = context.out[index] as Mention;
    if (titleHit.start - mention.span[1] > 400) return undefined;
    if (mention.kind === kind && mention.recordId)
      return kind === "party" ? mention.recordId : mention.partyId;
  }
  return undefined;
}

/** Mentions from hits in text order; each hit is read once, with at most two neighbours. */
export function resolveHits(
  text: string,
  hits: GazetteerHit[],
  gazetteer: Gazetteer,
  asOf: string | null,
): Mention[] {
  const context: Context = {
    text,
    hits,
    gazetteer,
    asOf,
    out: [],
    institutionParties: new Map(),
    personsSeen: new Set(),
  };
  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index] as GazetteerHit;
    const next = hits[index + 1];
    const party = recordOf(hit, "party");
    const qualifier = entryOf(hit, "qualifier");
    const partyId = party?.recordId ?? qualifier?.partyId;
    if (partyId && adjacent(context, hit, next) && (entryOf(next, "title") || entryOf(next, "institution"))) {
      // A qualifier ("Karabakh") names the party only with the office or body after it.
      if (party) emitRecord(context, hit, party);
      const confidence = Math.min(0.9, (party?.confidence ?? 0.5) + 0.2);
      const title = entryOf(next, "title");
      if (title) index = resolveTitled(context, index + 1, hit.start, title.office, partyId);
      else resolveInstitution(context, next as GazetteerHit, hit.start, partyId, confidence);
      if (!title) index += 1;
      continue;
    }
    const title = entryOf(hit, "title");
    if (title && !recordOf(hit, "person")) {
      index = resolveTitled(context, index, hit.start, title.office, possessorParty(context, hit));
      continue;
    }
    const institution = entryOf(hit, "institution");
    if (institution && !party) {
      // "the Ministry of Foreign Affairs of Azerbaijan"
      const ofParty =
        next && ofGap.test(text.slice(hit.end, next.start)) ? recordOf(next, "party") : undefined;
      resolveInstitution(context, hit, hit.start, ofParty?.recordId, 0.85);
      if (ofParty && next) {
        emitRecord(context, next, ofParty);
        index += 1;
      }
      continue;
    }
    let emitted = false;
    for (const entry of hit.entries) {
      if (entry.type === "record") {
        emitRecord(context, hit, entry);
        emitted = true;
      } else if (entry.type === "place_metonym" && speechAfter.test(text.slice(hit.end, hit.end + 40))) {
        emit(context, {
          kind: "party",
          recordId: entry.partyId,
          span: [hit.start, hit.end],
          confidence: 0.6,
          rule: "metonym",
        });
      }
    }
    const surname = entryOf(hit, "surname");
    if (!emitted && surname) resolveSurname(context, hit, surname.personIds);
  }
  return context.out;
}
