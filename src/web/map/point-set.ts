import type { FeatureCollection, Point } from "geojson";
import type { IncidentPoints } from "../../domain/incident-points";

/**
 * The map's incidents as the server sends them (parallel arrays), and what the map and the timeline
 * derive from them: features for MapLibre within a date range, and how uncertain each position is.
 */

export type { IncidentPoints };

/** Days since 1970-01-01, the unit of `IncidentPoints.day`. */
export const dayOf = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
export const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * How far from its drawn position an incident may really be, in km; 0 for a position given as
 * exact. ACLED's geo-precision 2 is "near the place, or part of a region", 3 "only the larger region
 * (its centroid)"; UCDP's where_prec runs from 1 (exact) through 2 (within 25 km), 3 (a district),
 * 4 (a province), 5 (a road, river or border), 6 (only the country) to 7 (waters or airspace). The
 * radii are the order of size of those areas here, not measurements: the halo says "somewhere about
 * here", so that a pin is never more precise than its source.
 */
const geoPrecisionKm = [0, 0, 10, 50];
const wherePrecisionKm = [0, 0, 25, 50, 100, 50, 300, 300];
export function uncertaintyKm(geoPrecision: number, wherePrecision: number): number {
  return Math.max(geoPrecisionKm[geoPrecision] ?? 50, wherePrecisionKm[wherePrecision] ?? 0);
}

/**
 * A halo's radius in screen pixels at zoom 0 (512-pixel world, as MapLibre draws it), which a
 * style expression doubles at every zoom level: r(z) = r0 · 2^z.
 */
export function haloRadiusAtZoom0(km: number, latitude: number): number {
  const metresPerPixelAtZoom0 = (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / 512;
  return (km * 1000) / metresPerPixelAtZoom0;
}

export type DayRange = [from: number, to: number];

export interface PointFeatureProperties {
  /** Position in the arrays: the way back to the incident's id and fields. */
  i: number;
  /** Colour codes: monitoring type and ACLED event type (-1: none). */
  m: number;
  e: number;
  /** Halo radius at zoom 0 in pixels; 0 for an exact position, drawn as a solid point. */
  r: number;
  /**
   * 1 on the first incident of each uncertain position and radius: the one that draws the area.
   * Thirty incidents known only as "the Lachin district" draw one shaded area, not thirty stacked.
   */
  h: 0 | 1;
}

export interface MapFeatures {
  incidents: FeatureCollection<Point, PointFeatureProperties>;
  signals: FeatureCollection<Point, PointFeatureProperties>;
  /** Incidents within the range that have no position: counted and listed beside the map. */
  unlocated: number;
}

export function signalCode(points: IncidentPoints): number {
  return points.dictionaries.verificationStatus.indexOf("machine_coded");
}

export const inRange = (day: number, range: DayRange | null) =>
  range === null || (day >= range[0] && day <= range[1]);

/**
 * Features for the two map sources, incidents and signals, within a date range (null: all);
 * `only` builds one of the two (the other stays empty), as each source asks for its own.
 */
export function mapFeatures(
  points: IncidentPoints,
  range: DayRange | null,
  only?: "incidents" | "signals",
): MapFeatures {
  const incidents: MapFeatures["incidents"]["features"] = [];
  const signals: MapFeatures["signals"]["features"] = [];
  const signal = signalCode(points);
  const areas = new Set<string>();
  let unlocated = 0;
  for (let i = 0; i < points.count; i++) {
    if (!inRange(points.day[i] as number, range)) continue;
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (lon === null || lon === undefined || lat === null || lat === undefined) {
      unlocated++;
      continue;
    }
    const isSignal = points.verificationStatus[i] === signal;
    if (only && only !== (isSignal ? "signals" : "incidents")) continue;
    const km = uncertaintyKm(points.geoPrecision[i] as number, points.wherePrecision[i] as number);
    const area = `${isSignal ? "s" : "i"}${lon},${lat},${km}`;
    const drawsArea = km > 0 && !areas.has(area);
    if (drawsArea) areas.add(area);
    const feature = {
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [lon, lat] },
      properties: {
        i,
        m: points.monitoringType[i] as number,
        e: points.acledEventType[i] as number,
        r: km === 0 ? 0 : haloRadiusAtZoom0(km, lat),
        h: drawsArea ? (1 as const) : (0 as const),
      },
    };
    (isSignal ? signals : incidents).push(feature);
  }
  return {
    incidents: { type: "FeatureCollection", features: incidents },
    signals: { type: "FeatureCollection", features: signals },
    unlocated,
  };
}

/** How many incidents and signals within the range have a position, i.e. are drawn. */
export function countDrawn(points: IncidentPoints, range: DayRange | null): number {
  let drawn = 0;
  for (let i = 0; i < points.count; i++)
    if (points.lon[i] != null && points.lat[i] != null && inRange(points.day[i] as number, range)) drawn++;
  return drawn;
}

/** The box around every drawn position, for a first view when the address names none. */
export function boundsOf(points: IncidentPoints): [number, number, number, number] | null {
  let [west, south, east, north] = [180, 90, -180, -90];
  for (let i = 0; i < points.count; i++) {
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (lon === null || lon === undefined || lat === null || lat === undefined) continue;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return west <= east ? [west, south, east, north] : null;
}
