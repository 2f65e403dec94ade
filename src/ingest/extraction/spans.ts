/** Lookups in lists sorted by span start, by binary search, so per-sentence reads stay cheap. */
import type { Span } from "./types.js";

/** The index of the first item starting at or after `position`. */
export function firstStartingAt<T extends { span: Span }>(items: readonly T[], position: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as T).span[0] < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Items lying wholly inside [from, to). */
export function within<T extends { span: Span }>(items: readonly T[], from: number, to: number): T[] {
  const found: T[] = [];
  for (let index = firstStartingAt(items, from); index < items.length; index++) {
    const item = items[index] as T;
    if (item.span[0] >= to) break;
    if (item.span[1] <= to) found.push(item);
  }
  return found;
}

export const bySpanStart = <T extends { span: Span }>(a: T, b: T) =>
  a.span[0] - b.span[0] || a.span[1] - b.span[1];
