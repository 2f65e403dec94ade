import type { DayRange } from "./point-set";

/**
 * How the page and the map's worker (points-worker.ts) name the incidents: the page broadcasts a
 * selection's text under a key, then points MapLibre's sources at a URL of this protocol.
 */

export const pointsProtocol = "peacetrack";
export const pointsMessage = "peacetrack:points";
export type PointSourceKind = "incidents" | "signals";

const bound = (day: number) => (Number.isFinite(day) ? String(day) : "");

export function pointsUrl(key: string, range: DayRange | null, kind: PointSourceKind): string {
  const query = range ? `from=${bound(range[0])}&to=${bound(range[1])}&` : "";
  return `${pointsProtocol}://points/${key}?${query}kind=${kind}`;
}

export function rangeOfPointsUrl(url: string): {
  key: string;
  range: DayRange | null;
  kind: PointSourceKind;
} {
  const [path = "", query = ""] = url.slice(`${pointsProtocol}://points/`.length).split("?");
  const params = new URLSearchParams(query);
  const day = (name: string, open: number) => {
    const text = params.get(name);
    return text ? Number(text) : open;
  };
  const range: DayRange | null =
    params.has("from") || params.has("to")
      ? [day("from", Number.NEGATIVE_INFINITY), day("to", Number.POSITIVE_INFINITY)]
      : null;
  return { key: path, range, kind: params.get("kind") === "signals" ? "signals" : "incidents" };
}
