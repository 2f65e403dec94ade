import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import type { ColourBy } from "./map-url";

/**
 * How the map looks. No glyphs and no sprite: the style needs nothing from a server, and every
 * text on the map (cluster counts, place names) is an HTML overlay instead of a symbol layer.
 * Colours follow the Okabe–Ito palette, which stays distinguishable with the common colour-vision
 * deficiencies; grey is kept for "unclassified" and for machine-coded signals.
 */

const okabeIto = {
  vermillion: "#d55e00",
  blue: "#0072b2",
  purple: "#cc79a7",
  orange: "#e69f00",
  sky: "#56b4e9",
  green: "#009e73",
  yellow: "#b8a000",
  brown: "#8c5a2b",
};
export const noTypeColour = "#8a8a8a";
export const signalColour = "#6b6b6b";

export const typeColours: Record<ColourBy, Record<string, string>> = {
  monitoring: {
    ceasefire_violation: okabeIto.vermillion,
    movement_restriction: okabeIto.blue,
    blockade: okabeIto.purple,
    checkpoint_installed: okabeIto.orange,
    utility_cut: okabeIto.sky,
    threat_of_force: okabeIto.green,
    line_of_contact_advance: okabeIto.brown,
    unclassified: noTypeColour,
  },
  acled: {
    Battles: okabeIto.vermillion,
    "Violence against civilians": okabeIto.purple,
    "Explosions/Remote violence": okabeIto.orange,
    Riots: okabeIto.green,
    Protests: okabeIto.sky,
    "Strategic developments": okabeIto.blue,
  },
};

export const colourOf = (colourBy: ColourBy, type: string | undefined) =>
  (type && typeColours[colourBy][type]) || noTypeColour;

/** A feature's colour from its code (`m` or `e`), by the order of the data's dictionary. */
export function colourExpression(colourBy: ColourBy, dictionary: string[]): ExpressionSpecification {
  const property = colourBy === "monitoring" ? "m" : "e";
  if (dictionary.length === 0) return ["literal", noTypeColour] as unknown as ExpressionSpecification;
  const pairs = dictionary.flatMap((type, code) => [code, colourOf(colourBy, type)]);
  return ["match", ["get", property], ...pairs, noTypeColour] as unknown as ExpressionSpecification;
}

/** r(z) = r0 · 2^z: the halo keeps its size on the ground as the map zooms. */
const haloRadius: ExpressionSpecification = [
  "interpolate",
  ["exponential", 2],
  ["zoom"],
  0,
  ["get", "r"],
  24,
  ["*", ["get", "r"], 2 ** 24],
];

const clustered = ["has", "point_count"] as ExpressionSpecification;
const single = ["!", ["has", "point_count"]] as ExpressionSpecification;
const exact = ["all", single, ["==", ["get", "r"], 0]] as ExpressionSpecification;
const uncertain = ["all", single, [">", ["get", "r"], 0]] as ExpressionSpecification;
const area = ["all", single, ["==", ["get", "h"], 1]] as ExpressionSpecification;

/** Cluster sizes by count: a cluster of 10,000 is visibly bigger than one of 10, not 1,000 times. */
const clusterRadius: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["sqrt", ["get", "point_count"]],
  1,
  12,
  10,
  20,
  100,
  34,
];

export const incidentLayerIds = {
  clusters: "incident-clusters",
  halos: "incident-halos",
  uncertain: "incident-uncertain",
  exact: "incident-points",
};
export const signalLayerIds = { clusters: "signal-clusters", points: "signal-points" };

export function incidentLayers(colour: ExpressionSpecification): LayerSpecification[] {
  const source = "incidents";
  return [
    {
      id: incidentLayerIds.clusters,
      type: "circle",
      source,
      filter: clustered,
      paint: {
        "circle-color": "#1f3b57",
        "circle-opacity": 0.82,
        "circle-radius": clusterRadius,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    },
    // The area the incident may have been in: translucent, no pin at its centre.
    {
      id: incidentLayerIds.halos,
      type: "circle",
      source,
      filter: area,
      paint: {
        "circle-color": colour,
        // Fainter as it grows on screen: a 50 km area seen close up must not hide the map.
        "circle-opacity": ["interpolate", ["linear"], ["zoom"], 6, 0.16, 10, 0.08, 13, 0.03],
        "circle-radius": haloRadius,
        "circle-stroke-color": colour,
        "circle-stroke-opacity": 0.55,
        "circle-stroke-width": 1,
        "circle-pitch-alignment": "map",
      },
    },
    // A hollow ring marks the centre of an uncertain position, so it can be clicked at any zoom.
    {
      id: incidentLayerIds.uncertain,
      type: "circle",
      source,
      filter: uncertain,
      paint: {
        "circle-color": "#ffffff",
        "circle-opacity": 0.6,
        "circle-radius": 5,
        "circle-stroke-color": colour,
        "circle-stroke-width": 2,
      },
    },
    {
      id: incidentLayerIds.exact,
      type: "circle",
      source,
      filter: exact,
      paint: {
        "circle-color": colour,
        "circle-radius": 5.5,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1.5,
      },
    },
  ];
}

/** Signals: grey rings, never the filled colours of incidents. */
export function signalLayers(): LayerSpecification[] {
  const source = "signals";
  return [
    {
      id: signalLayerIds.clusters,
      type: "circle",
      source,
      filter: clustered,
      paint: {
        "circle-color": "#ffffff",
        "circle-opacity": 0.7,
        "circle-radius": clusterRadius,
        "circle-stroke-color": signalColour,
        "circle-stroke-width": 2,
      },
    },
    {
      id: signalLayerIds.points,
      type: "circle",
      source,
      filter: single,
      paint: {
        "circle-color": "#ffffff",
        "circle-opacity": 0.5,
        "circle-radius": 4,
        "circle-stroke-color": signalColour,
        "circle-stroke-width": 1.5,
      },
    },
  ];
}

export const waterColour = "#dbe7ef";

/** The empty style the map starts from; boundaries, data and an optional basemap are added to it. */
export function baseStyle(
  tiles: { url: string; attribution: string; maxZoom: number } | null,
): StyleSpecification {
  return {
    version: 8,
    sources: tiles
      ? {
          basemap: {
            type: "raster",
            tiles: [tiles.url],
            tileSize: 256,
            maxzoom: tiles.maxZoom,
            attribution: tiles.attribution,
          },
        }
      : {},
    layers: [
      { id: "water", type: "background", paint: { "background-color": waterColour } },
      ...(tiles ? [{ id: "basemap", type: "raster" as const, source: "basemap" }] : []),
    ],
  };
}

/** Land and borders from Natural Earth; over a basemap only the borders are drawn. */
export function boundaryLayers(withBasemap: boolean): LayerSpecification[] {
  return [
    ...(withBasemap
      ? []
      : [
          {
            id: "land",
            type: "fill" as const,
            source: "land",
            paint: { "fill-color": "#f4f1ea", "fill-outline-color": "#c9c2b2" },
          },
        ]),
    {
      id: "borders",
      type: "line",
      source: "borders",
      paint: { "line-color": "#8a7f6e", "line-width": 1, "line-dasharray": [3, 2] },
    },
  ];
}
