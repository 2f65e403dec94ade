import type { LocalizedName } from "../../domain/common";

/**
 * What a place's label says. By default every side's names (none is "the" name); switched to one
 * party, the names that party uses. A place that party has no recorded name for keeps its names
 * that no side claims, or else all of them, marked as not that party's, rather than showing nothing
 * or borrowing another side's name as if it were that party's.
 */

export type LabelSource = "all" | "party" | "unclaimed" | "fallback";

export interface PlaceLabel {
  text: string;
  source: LabelSource;
}

const distinct = (names: LocalizedName[]) => [...new Set(names.map((n) => n.text))].join(" / ");

export function placeLabel(names: LocalizedName[], partyId: string): PlaceLabel {
  if (!partyId) return { text: distinct(names), source: "all" };
  const own = names.filter((n) => n.usedBy.includes(partyId));
  if (own.length > 0) return { text: distinct(own), source: "party" };
  const unclaimed = names.filter((n) => n.usedBy.length === 0);
  if (unclaimed.length > 0) return { text: distinct(unclaimed), source: "unclaimed" };
  return { text: distinct(names), source: "fallback" };
}

/** The parties that use a name of at least one of the places: the choices of the names switch. */
export function namingParties(places: { names: LocalizedName[] }[]): string[] {
  const parties = new Set<string>();
  for (const place of places) for (const name of place.names) for (const id of name.usedBy) parties.add(id);
  return [...parties].sort();
}
