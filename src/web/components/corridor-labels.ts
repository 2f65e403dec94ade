import type { PartyLabel } from "../../domain/corridor";
import type { TrafficCategory } from "../../domain/events";

/**
 * Category colours of the traffic chart. A Record over the domain's type, so that a category added
 * there fails to compile here instead of being drawn without a colour; the web app imports no runtime
 * code from the domain (it would pull zod into the bundle), so the order is kept here.
 */
export const categoryColours: Record<TrafficCategory, string> = {
  civilian: "#1f5fa8",
  humanitarian: "#2e8b57",
  peacekeeping: "#6b4fa0",
  medical_evacuation: "#c0392b",
  commercial: "#b7791f",
};
export const trafficCategoryOrder = Object.keys(categoryColours) as TrafficCategory[];

export const measures = ["persons", "vehicles", "cargoTonnes"] as const;
export type Measure = (typeof measures)[number];

/** Resolves the party ids of an access read to short names; the read carries the labels it needs. */
export function partyLabeller(parties: PartyLabel[], fallback: (id: string) => string) {
  const byId = new Map(parties.map((p) => [p.id, p.shortName]));
  return (id: string) => byId.get(id) ?? fallback(id);
}
