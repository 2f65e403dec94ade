import type { Extraction } from "./extract.js";
import type { ExtractionRegistry } from "./types.js";

/**
 * Extraction's findings as items to store and review: one per mention, date, quote and claim, with
 * its span in the ORIGINAL text (extraction reads the cleaned text; the offsets are mapped back), a
 * key that finds the item again on a re-run, and the columns the views filter on.
 */

export type ItemKind = "mention" | "date" | "quote" | "claim";

export interface ExtractionItemDraft {
  kind: ItemKind;
  itemKey: string;
  spanStart: number;
  spanEnd: number;
  text: string;
  confidence: number;
  rule: string;
  suggestion: Record<string, unknown>;
}

export interface StandingColumns {
  recordId: string | null;
  partyId: string | null;
  claimType: string | null;
  targetPartyId: string | null;
  bearsOnIds: string[];
}

/** Link suggestions below this score are kept on the item but not counted as what it bears on. */
const bearsOnScore = 0.2;

export function itemsOf(
  extraction: Extraction,
  toOriginal: (offset: number, side: "start" | "end") => number,
): ExtractionItemDraft[] {
  const span = ([start, end]: [number, number]) => {
    const from = toOriginal(start, "start");
    return { spanStart: from, spanEnd: Math.max(from, toOriginal(end, "end")) };
  };
  const items: ExtractionItemDraft[] = [];
  for (const mention of extraction.mentions)
    items.push({
      kind: "mention",
      ...span(mention.span),
      text: mention.text,
      confidence: mention.confidence,
      rule: mention.rule,
      itemKey: "",
      suggestion: {
        mentionKind: mention.kind,
        recordId: mention.recordId,
        partyId: mention.partyId ?? null,
        office: mention.office ?? null,
        candidates: mention.candidates ?? [],
        suggestedPerson: mention.suggestedPerson ?? null,
      },
    });
  for (const date of extraction.dates)
    items.push({
      kind: "date",
      ...span(date.span),
      text: date.text,
      confidence: date.confidence,
      rule: date.rule,
      itemKey: "",
      suggestion: { dateKind: date.kind, resolved: date.resolved, approximate: date.approximate },
    });
  for (const quote of extraction.quotes)
    items.push({
      kind: "quote",
      ...span(quote.span),
      text: quote.text,
      confidence: quote.confidence,
      rule: quote.rule,
      itemKey: "",
      suggestion: {
        quoteKind: quote.kind,
        speaker: quote.speaker
          ? {
              text: quote.speaker.text,
              recordId: quote.speaker.recordId ?? null,
              kind: quote.speaker.kind ?? null,
            }
          : null,
        unclosed: quote.unclosed,
        fragment: quote.fragment,
      },
    });
  for (const claim of extraction.claims)
    items.push({
      kind: "claim",
      ...span(claim.span),
      text: claim.text,
      confidence: claim.confidence,
      rule: claim.rule,
      itemKey: "",
      suggestion: {
        claimType: claim.type,
        cue: claim.cue.text,
        claimant: claim.claimant
          ? { text: claim.claimant.text, recordId: claim.claimant.recordId ?? null }
          : null,
        target: claim.target ? { text: claim.target.text, recordId: claim.target.recordId ?? null } : null,
        bearsOn: claim.bearsOn,
      },
    });
  const seen = new Set<string>();
  return items.flatMap((item) => {
    const itemKey = keyOf(item);
    if (seen.has(itemKey)) return [];
    seen.add(itemKey);
    return [{ ...item, itemKey }];
  });
}

/** The same finding at the same place is the same item: a re-run keeps its decision. */
function keyOf(item: Omit<ExtractionItemDraft, "itemKey">): string {
  const value = item.suggestion;
  const what =
    item.kind === "mention"
      ? `${value.mentionKind}`
      : item.kind === "claim"
        ? `${value.claimType}`
        : item.kind === "quote"
          ? `${value.quoteKind}`
          : `${value.dateKind}`;
  return `${item.kind}:${item.spanStart}:${item.spanEnd}:${what}`;
}

/** Which party a record speaks for: a party itself, or a person's party by their latest role. */
export function partyResolver(registry: ExtractionRegistry): (recordId: unknown) => string | null {
  const parties = new Set(registry.parties.map((party) => party.id));
  const personParty = new Map<string, string>();
  for (const person of registry.persons) {
    const roles = [...(person.roles ?? [])].filter((role) => role.partyId);
    roles.sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""));
    const latest = roles.at(-1)?.partyId;
    if (latest) personParty.set(person.id, latest);
  }
  return (recordId) => {
    if (typeof recordId !== "string") return null;
    return parties.has(recordId) ? recordId : (personParty.get(recordId) ?? null);
  };
}

const idOf = (actor: unknown): string | null =>
  actor && typeof actor === "object" && typeof (actor as { recordId?: unknown }).recordId === "string"
    ? ((actor as { recordId: string }).recordId as string)
    : null;

/** The columns the views read, from an item's standing value (null when rejected). */
export function standingColumns(
  kind: ItemKind,
  value: Record<string, unknown> | null,
  partyOf: (recordId: unknown) => string | null,
): StandingColumns {
  const none: StandingColumns = {
    recordId: null,
    partyId: null,
    claimType: null,
    targetPartyId: null,
    bearsOnIds: [],
  };
  if (!value) return none;
  if (kind === "mention") {
    const recordId = typeof value.recordId === "string" ? value.recordId : null;
    const partyId =
      value.mentionKind === "party" ? recordId : ((value.partyId as string | null) ?? partyOf(recordId));
    return { ...none, recordId, partyId };
  }
  if (kind === "quote") {
    const recordId = idOf(value.speaker);
    return { ...none, recordId, partyId: partyOf(recordId) };
  }
  if (kind === "claim") {
    const recordId = idOf(value.claimant);
    const bearsOn = Array.isArray(value.bearsOn) ? (value.bearsOn as { id: string; score: number }[]) : [];
    return {
      recordId,
      partyId: partyOf(recordId),
      claimType: typeof value.claimType === "string" ? value.claimType : null,
      targetPartyId: partyOf(idOf(value.target)),
      bearsOnIds: bearsOn.filter((link) => link.score >= bearsOnScore).map((link) => link.id),
    };
  }
  return none;
}
