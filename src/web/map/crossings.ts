import type { LineString, Point } from "geojson";
import { useEffect, useState } from "react";
import type { DayStatus, PlaceAccess } from "../../domain/corridor";
import { getJson, type Rec } from "../api";

/**
 * Corridors and crossing points on the map, drawn in their status as of a date (the end of the
 * brushed range, or today): the status and "day N" come from the corridor page's own endpoint,
 * GET /api/places/:id/access, so the map and that page can never disagree.
 */

export const crossingKinds = new Set(["corridor", "checkpoint", "road"]);

export const statusColours: Record<DayStatus, string> = {
  open: "#009e73",
  restricted: "#e69f00",
  closed: "#d55e00",
  contested: "#cc79a7",
  unknown: "#8a8a8a",
};

export interface CrossingStatus {
  status: DayStatus;
  /** N of "day N" while restricted; null otherwise. */
  day: number | null;
}

/** A place's shape on the map: its geometry, else its representative point; none without either. */
export function placeGeometry(place: Rec<"places">): LineString | Point | null {
  if (place.geometry) return place.geometry as LineString | Point;
  if (place.longitude === undefined || place.latitude === undefined) return null;
  return { type: "Point", coordinates: [place.longitude, place.latitude] };
}

/** Every crossing place's status as of `asOf`, fetched again when the date or the places change. */
export function useCrossingStatuses(places: Rec<"places">[], asOf: string): Map<string, CrossingStatus> {
  const [statuses, setStatuses] = useState<Map<string, CrossingStatus>>(new Map());
  const ids = places
    .filter((p) => crossingKinds.has(p.kind))
    .map((p) => p.id)
    .join(",");
  useEffect(() => {
    let live = true;
    const wanted = ids ? ids.split(",") : [];
    void Promise.all(
      wanted.map(async (id) => {
        try {
          const access = await getJson<PlaceAccess>(
            `/api/places/${encodeURIComponent(id)}/access?asOf=${encodeURIComponent(asOf)}`,
          );
          const { statusOnDay, day, state } = access.dayCounter;
          return [id, { status: statusOnDay, day: state === "restricted" ? day : null }] as const;
        } catch {
          return [id, { status: "unknown" as const, day: null }] as const;
        }
      }),
    ).then((entries) => live && setStatuses(new Map(entries)));
    return () => {
      live = false;
    };
  }, [ids, asOf]);
  return statuses;
}
