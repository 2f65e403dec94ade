import type { ExtractionItemView } from "../../../domain/extraction";

/**
 * How the review page draws extraction's spans over a document's text (issue #11, item 2). Spans are
 * offsets into the original text and may nest (a party named inside a quote inside a claim): the text
 * is cut wherever a span begins or ends, and each run knows every item covering it.
 */

/** What a span is drawn as: mentions by the record they name, then dates, quotes and claims. */
export const spanStyles = ["person", "party", "place", "date", "quote", "claim"] as const;
export type SpanStyle = (typeof spanStyles)[number];

export function spanStyleOf(item: ExtractionItemView): SpanStyle {
  if (item.kind !== "mention") return item.kind;
  const kind = item.mentionKind;
  return kind === "person" || kind === "party" || kind === "place" ? kind : "party";
}

/** One run of the text shown with the items covering it, innermost (shortest) first. */
export interface SpanRun {
  start: number;
  end: number;
  items: ExtractionItemView[];
}

/** An item's span in the text shown; undefined when the text shown lost it (removed by cleaning). */
export type SpanMapper = (item: ExtractionItemView) => { start: number; end: number } | undefined;

export const originalSpans: SpanMapper = (item) => ({ start: item.spanStart, end: item.spanEnd });

/** Cuts a text of `length` characters into runs at the (mapped) spans' boundaries. */
export function spanRuns(
  length: number,
  items: readonly ExtractionItemView[],
  mapSpan: SpanMapper,
): SpanRun[] {
  const placed = items.flatMap((item) => {
    const span = mapSpan(item);
    if (!span) return [];
    const start = clamp(span.start, length);
    const end = clamp(span.end, length);
    return end > start ? [{ item, start, end }] : [];
  });
  const cuts = new Set<number>([0, length]);
  for (const { start, end } of placed) {
    cuts.add(start);
    cuts.add(end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: SpanRun[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    const covering = placed
      .filter((span) => span.start <= start && end <= span.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((span) => span.item);
    runs.push({ start, end, items: covering });
  }
  return runs;
}

const clamp = (offset: number, length: number) => Math.max(0, Math.min(offset, length));

/** Every item of a document's extraction, in text order. */
export function allItems(extraction: {
  mentions: ExtractionItemView[];
  dates: ExtractionItemView[];
  quotes: ExtractionItemView[];
  claims: ExtractionItemView[];
}): ExtractionItemView[] {
  return [...extraction.mentions, ...extraction.dates, ...extraction.quotes, ...extraction.claims].sort(
    (a, b) => a.spanStart - b.spanStart || b.spanEnd - a.spanEnd,
  );
}

/** The persons and parties the document's mentions resolve to: who may be named as a speaker. */
export interface DocumentActor {
  id: string;
  name: string;
  kind: "person" | "party";
}

export function actorsOf(mentions: readonly ExtractionItemView[]): DocumentActor[] {
  const byId = new Map<string, DocumentActor>();
  for (const mention of mentions) {
    const kind = mention.mentionKind;
    if (kind !== "person" && kind !== "party") continue;
    if (mention.record?.id && mention.status !== "rejected")
      byId.set(mention.record.id, { id: mention.record.id, name: mention.record.name, kind });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A suggested new person a mention carries ("suggestedPerson" in its value), if any. */
export function suggestedPersonOf(
  item: ExtractionItemView,
): { name: string; office: string | null; partyId: string | null } | undefined {
  const suggestion = item.value.suggestedPerson as
    | { name?: unknown; office?: unknown; partyId?: unknown }
    | null
    | undefined;
  if (!suggestion || typeof suggestion.name !== "string" || !suggestion.name) return undefined;
  return {
    name: suggestion.name,
    office: typeof suggestion.office === "string" && suggestion.office ? suggestion.office : null,
    partyId: typeof suggestion.partyId === "string" && suggestion.partyId ? suggestion.partyId : null,
  };
}
