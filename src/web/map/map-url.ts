/**
 * The map page's whole state lives in its address, so that a view can be shared and reloaded: the
 * incident list's filters under their API names (they are passed on as they are), and the map's own
 * settings. The server validates the filters; here a malformed value is only left out.
 */

/** The incident list's filters the page offers, under the names GET /api/incidents takes. */
export const filterKeys = [
  "from",
  "to",
  "monitoringType",
  "acledEventType",
  "actor",
  "allegedBy",
  "verificationStatus",
  "bbox",
  "q",
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type MapFilters = Partial<Record<FilterKey, string>>;

export type ColourBy = "monitoring" | "acled";

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

export interface MapSettings {
  /** Machine-coded signals drawn beside the incidents (apart, in grey); off unless asked for. */
  signals: boolean;
  colourBy: ColourBy;
  /** Place labels in the names one party uses; "" shows every side's names. */
  namesOf: string;
  view?: MapView;
}

export interface MapState {
  filters: MapFilters;
  settings: MapSettings;
}

const isoDate = /^\d{4}-\d\d-\d\d$/;

function parseView(text: string | null): MapView | undefined {
  const parts = text?.split(",").map(Number);
  if (parts?.length !== 3 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [lon, lat, zoom] = parts as [number, number, number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return undefined;
  return { lon, lat, zoom };
}

export function readMapState(params: URLSearchParams): MapState {
  const filters: MapFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if ((key === "from" || key === "to") && !isoDate.test(value)) continue;
    filters[key] = value;
  }
  return {
    filters,
    settings: {
      signals: params.get("signals") === "1",
      colourBy: params.get("colour") === "acled" ? "acled" : "monitoring",
      namesOf: params.get("names") ?? "",
      view: parseView(params.get("view")),
    },
  };
}

/** The view rounded to what a screen can tell apart, so the address stays short. */
export const viewText = ({ lon, lat, zoom }: MapView) =>
  `${lon.toFixed(4)},${lat.toFixed(4)},${zoom.toFixed(2)}`;

export type MapChange = Partial<MapFilters> & {
  signals?: boolean;
  colourBy?: ColourBy;
  namesOf?: string;
  view?: MapView;
};

/** The address after a change; an empty or undefined value removes its parameter. */
export function withChange(params: URLSearchParams, change: MapChange): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
  for (const key of filterKeys) if (key in change) set(key, change[key]);
  if ("signals" in change) set("signals", change.signals ? "1" : undefined);
  if ("colourBy" in change) set("colour", change.colourBy === "acled" ? "acled" : undefined);
  if ("namesOf" in change) set("names", change.namesOf);
  if ("view" in change) set("view", change.view ? viewText(change.view) : undefined);
  return next;
}

const queryOf = (entries: [string, string | undefined][]) => {
  const search = new URLSearchParams();
  for (const [key, value] of entries) if (value) search.set(key, value);
  return search.toString();
};

/**
 * The map's data: every filter but the dates, which the timeline brushes within the data already
 * loaded (the histogram keeps showing the whole span, and brushing costs no request).
 */
export function pointsQuery({ filters, settings }: MapState): string {
  const { from: _from, to: _to, ...rest } = filters;
  return queryOf([...Object.entries(rest), ["signals", settings.signals ? "include" : undefined]]);
}

/** The table under the map: the incident list with every filter, dates included. */
export function listQuery(processId: string, { filters }: MapState, limit: number): string {
  return queryOf([["processId", processId], ...Object.entries(filters), ["limit", String(limit)]]);
}
