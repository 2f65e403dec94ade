import type { FeatureCollection, MultiLineString, MultiPolygon, Polygon } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesUrl from "world-atlas/countries-10m.json?url";

/**
 * Country boundaries from Natural Earth (1:10m, the world-atlas package), emitted into the build as
 * a hashed file that our own server serves and caches: the map needs nothing from the internet.
 * TopoJSON is a quarter of the size of the same GeoJSON; it is unpacked here, once per page.
 * Natural Earth draws de facto lines; they are shown for orientation, not as anyone's position.
 */

export const boundariesUrl = countriesUrl;

type Countries = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

export interface Boundaries {
  land: FeatureCollection<Polygon | MultiPolygon>;
  /** Borders between countries only: coastlines are where land meets water already. */
  borders: MultiLineString;
}

export async function loadBoundaries(url: string): Promise<Boundaries> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Boundaries not available (${response.status}): ${url}`);
  const topology = (await response.json()) as Countries;
  const land = feature(topology, topology.objects.land) as unknown as Boundaries["land"];
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  return { land, borders };
}
