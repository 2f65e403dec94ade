import type { TextEdit } from "../../../ingest/sources/contracts";

/** A highlighted stretch of the text shown: a cited passage; `focused` is the one the address asks for. */
export interface Highlight {
  start: number;
  end: number;
  focused?: boolean;
  title?: string;
}

/**
 * One run of the text shown, cut wherever an edit or a highlight begins or ends, so that each run
 * renders as one element whose `start` is its offset in the text (selections are measured from it).
 */
export interface Segment {
  start: number;
  end: number;
  /** The cleaning edit this run lies in (shown as removed debris in the original view). */
  edit?: TextEdit;
  /** Set on the last run of an edit: what cleaning put in its place, shown after it. */
  replacement?: string;
  marked: boolean;
  focused: boolean;
  title?: string;
}

/** Cuts `length` characters into runs by the edits' and highlights' boundaries. */
export function segmentText(length: number, edits: readonly TextEdit[], highlights: readonly Highlight[]) {
  const cuts = new Set<number>([0, length]);
  for (const range of [...edits, ...highlights]) {
    cuts.add(clamp(range.start, length));
    cuts.add(clamp(range.end, length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index++) {
    const start = points[index] as number;
    const end = points[index + 1] as number;
    const edit = edits.find((e) => e.start <= start && end <= e.end);
    const covering = highlights.filter((h) => h.start <= start && end <= h.end);
    segments.push({
      start,
      end,
      edit,
      replacement: edit && edit.end === end && edit.replacement ? edit.replacement : undefined,
      marked: covering.length > 0,
      focused: covering.some((h) => h.focused),
      title: covering.find((h) => h.title)?.title,
    });
  }
  return segments;
}

const clamp = (offset: number, length: number) => Math.max(0, Math.min(offset, length));

/** Parses the `passage=start-end` of a document's address; undefined when absent or malformed. */
export function parsePassage(value: string | null): { start: number; end: number } | undefined {
  const match = value?.match(/^(\d+)-(\d+)$/);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end } : undefined;
}

/**
 * The offset in the text of a point of a selection inside the text element: the run holding the point
 * carries its start (`data-start`); a point inside a replacement cleaning inserted counts as its run's end.
 */
export function offsetOfPoint(container: Node, node: Node | null, offset: number): number | undefined {
  // A point between the children of the container or of a <mark>: measured from the runs around it.
  if (node === container || (node instanceof HTMLElement && node.dataset.start === undefined))
    return container.contains(node) ? boundaryBefore(node, offset) : undefined;
  let element: Node | null = node;
  while (element && element !== container) {
    if (element instanceof HTMLElement && element.dataset.start !== undefined) {
      const start = Number(element.dataset.start);
      const end = Number(element.dataset.end);
      if (element.dataset.inserted !== undefined) return end;
      return Math.min(end, start + textOffsetWithin(element, node, offset));
    }
    element = element.parentNode;
  }
  return undefined;
}

function textOffsetWithin(element: HTMLElement, node: Node | null, offset: number): number {
  if (node === element) {
    // The point is between child nodes: count the text of those before it.
    let count = 0;
    for (let index = 0; index < offset; index++) count += element.childNodes[index]?.textContent?.length ?? 0;
    return count;
  }
  return node?.nodeType === Node.TEXT_NODE ? offset : 0;
}

/** A point between an element's children (a triple click selects so): the next run's start. */
function boundaryBefore(parent: Node, childIndex: number): number | undefined {
  const children = [...parent.childNodes];
  for (const child of children.slice(childIndex)) {
    const run = runIn(child);
    if (run) return Number(run.dataset.start);
  }
  for (const child of children.slice(0, childIndex).reverse()) {
    const run = runIn(child);
    if (run) return Number(run.dataset.end);
  }
  return undefined;
}

const runIn = (node: Node): HTMLElement | undefined => {
  if (!(node instanceof HTMLElement)) return undefined;
  if (node.dataset.start !== undefined) return node;
  return node.querySelector<HTMLElement>("[data-start]") ?? undefined;
};
