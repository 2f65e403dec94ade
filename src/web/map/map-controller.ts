import type { Feature, FeatureCollection, LineString, Point, Polygon } from "geojson";
import {
  type GeoJSONSource,
  LngLatBounds,
  type MapGeoJSONFeature,
  type MapLayerMouseEvent,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { getGlobalDispatcher } from "maplibre-gl";
import { boundariesUrl, loadBoundaries } from "./boundaries";
import {
  baseStyle,
  boundaryLayers,
  colourExpression,
  incidentLayerIds,
  incidentLayers,
  signalLayerIds,
  signalLayers,
} from "./map-style";
import type { ColourBy, MapView } from "./map-url";
import { boundsOf, countDrawn, type DayRange, type IncidentPoints } from "./point-set";
import { pointsMessage, pointsUrl } from "./points-protocol";
import workerUrl from "./points-worker?worker&url";

/**
 * The MapLibre map behind the map page, driven from React through a few methods. It owns
 * everything imperative: sources and layers, the HTML overlays that carry all text (cluster counts,
 * place names: there are no glyphs offline), clicks, and the marks the benchmark reads.
 */

// MapLibre's worker with ours inside (points-worker.ts), served by our own server beside the
// bundle: same origin, so the Content-Security-Policy's script-src 'self' covers it, no blob: needed.
setWorkerUrl(workerUrl);

/** Keys of selections sent to the workers, unique within the page (maps come and go, workers stay). */
let lastPointsKey = 0;

export type MapSelection =
  | { kind: "cluster"; source: PointSource; clusterId: number; count: number }
  | { kind: "points"; indices: number[] };
export type PointSource = "incidents" | "signals";

export interface PlaceOverlay {
  id: string;
  lon: number;
  lat: number;
  text: string;
  /** All of the place's names with who uses them, for the tooltip. */
  title: string;
  kind: string;
  /** Its label is not the chosen party's name (the party has none recorded). */
  borrowed: boolean;
  /** A second line: a crossing's status as of the date shown ("closed · day 120"). */
  status?: { text: string; colour: string };
}

export interface PlaceShape {
  id: string;
  geometry: LineString | Point;
  /** A colour for the current status of a corridor or crossing point. */
  colour: string;
}

export interface MapControllerOptions {
  tiles: { url: string; attribution: string; maxZoom: number } | null;
  view?: MapView;
  onView: (view: MapView) => void;
  onSelect: (selection: MapSelection) => void;
  /** Text of a cluster's count label, for screen readers too. */
  clusterLabel: (count: number, signals: boolean) => string;
}

const emptyCollection = (): FeatureCollection => ({ type: "FeatureCollection", features: [] });
/**
 * Clustering is MapLibre's (supercluster, in its worker); indexing 100,000 points there is most of
 * the time to the first frame. Fewer zoom levels with clusters and a wider radius cost less; from
 * zoom 11, about 100 km across, incidents are drawn one by one, and a click lists all under it.
 */
const clusterOptions = { cluster: true, clusterRadius: 60, clusterMaxZoom: 10 } as const;

export class MapController {
  readonly map: MapLibreMap;
  private readonly ready: Promise<void>;
  private points: IncidentPoints | null = null;
  private pointsKey = "";
  private framed: boolean;
  private clusterMarkers = new Map<string, Marker>();
  private placeMarkers: Marker[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly options: MapControllerOptions,
  ) {
    this.framed = options.view !== undefined;
    const view = options.view ?? { lon: 46.6, lat: 39.8, zoom: 5 };
    this.map = new MapLibreMap({
      container,
      style: baseStyle(options.tiles),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      maxZoom: 16,
      renderWorldCopies: false,
      fadeDuration: 0,
      attributionControl: { compact: true, customAttribution: "Boundaries: Natural Earth (public domain)" },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new ScaleControl({ unit: "metric" }), "bottom-left");
    this.ready = new Promise<void>((resolve) => this.map.once("load", () => resolve())).then(() =>
      this.addLayers(),
    );
    this.map.on("moveend", () => {
      const { lng, lat } = this.map.getCenter();
      this.options.onView({ lon: lng, lat, zoom: this.map.getZoom() });
    });
    this.map.on("idle", () => this.refreshClusterLabels());
  }

  private async addLayers() {
    const { land, borders } = await loadBoundaries(boundariesUrl);
    const map = this.map;
    map.addSource("land", { type: "geojson", data: land });
    map.addSource("borders", { type: "geojson", data: borders });
    for (const layer of boundaryLayers(this.options.tiles !== null)) map.addLayer(layer);
    map.addSource("place-shapes", { type: "geojson", data: emptyCollection() });
    map.addLayer({
      id: "place-lines",
      type: "line",
      source: "place-shapes",
      filter: ["==", ["geometry-type"], "LineString"],
      layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": ["get", "colour"], "line-width": 4, "line-opacity": 0.85 },
    });
    map.addLayer({
      id: "place-points",
      type: "circle",
      source: "place-shapes",
      filter: ["==", ["geometry-type"], "Point"],
      paint: {
        "circle-color": ["get", "colour"],
        "circle-radius": 7,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    });
    map.addSource("filter-box", { type: "geojson", data: emptyCollection() });
    map.addLayer({
      id: "filter-box",
      type: "line",
      source: "filter-box",
      paint: { "line-color": "#1f3b57", "line-width": 2, "line-dasharray": [2, 1] },
    });
    map.addSource("signals", { type: "geojson", data: emptyCollection(), ...clusterOptions });
    for (const layer of signalLayers()) map.addLayer(layer);
    map.addSource("incidents", { type: "geojson", data: emptyCollection(), ...clusterOptions });
    for (const layer of incidentLayers(colourExpression("monitoring", []))) map.addLayer(layer);

    const openCluster = (source: PointSource) => (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (!feature) return;
      const { cluster_id: clusterId, point_count: count } = feature.properties as Record<string, number>;
      this.options.onSelect({ kind: "cluster", source, clusterId: clusterId ?? 0, count: count ?? 0 });
    };
    map.on("click", incidentLayerIds.clusters, openCluster("incidents"));
    map.on("click", signalLayerIds.clusters, openCluster("signals"));
    const pointLayers = [incidentLayerIds.exact, incidentLayerIds.uncertain, signalLayerIds.points];
    // Incidents often share one position (a town's centre): every one under the click is listed.
    map.on("click", pointLayers, (event) => {
      const box: [[number, number], [number, number]] = [
        [event.point.x - 4, event.point.y - 4],
        [event.point.x + 4, event.point.y + 4],
      ];
      const hits = map.queryRenderedFeatures(box, { layers: pointLayers });
      const indices = [...new Set(hits.map((hit: MapGeoJSONFeature) => Number(hit.properties.i)))];
      if (indices.length > 0) this.options.onSelect({ kind: "points", indices });
    });
    for (const layer of [...pointLayers, incidentLayerIds.clusters, signalLayerIds.clusters]) {
      map.on("mouseenter", layer, () => {
        map.getCanvas().style.cursor = "pointer";
      });
      map.on("mouseleave", layer, () => {
        map.getCanvas().style.cursor = "";
      });
    }
  }

  /**
   * Draws the selection within a date range. `text` is the selection as the server sent it: the
   * workers get that string and make the features themselves (see points-worker.ts). Resolves once
   * the map has drawn it, and marks "peacetrack:map-drawn" (the benchmark times from the data's
   * arrival to that mark).
   */
  async setPoints(points: IncidentPoints, text: string, range: DayRange | null, colourBy: ColourBy) {
    await this.ready;
    if (this.points !== points) {
      this.pointsKey = String(++lastPointsKey);
      await getGlobalDispatcher().broadcast(pointsMessage, { key: this.pointsKey, text });
      if (!this.framed) this.frame(points);
    }
    this.points = points;
    performance.mark("peacetrack:map-features");
    this.setColourBy(colourBy);
    // Cluster ids are renumbered with new data: every count label is made again.
    for (const marker of this.clusterMarkers.values()) marker.remove();
    this.clusterMarkers.clear();
    await Promise.all(
      (["incidents", "signals"] as const).map((kind) =>
        (this.map.getSource(kind) as GeoJSONSource).setData(pointsUrl(this.pointsKey, range, kind)),
      ),
    );
    performance.mark("peacetrack:map-indexed");
    await new Promise<void>((resolve) => this.map.once("idle", () => resolve()));
    performance.mark("peacetrack:map-drawn");
    this.container.dataset.drawn = String(countDrawn(points, range));
  }

  private frame(points: IncidentPoints) {
    const bounds = boundsOf(points);
    if (!bounds) return;
    this.framed = true;
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 9, animate: false });
  }

  setColourBy(colourBy: ColourBy) {
    if (!this.map.getLayer(incidentLayerIds.exact) || !this.points) return;
    const { monitoringType, acledEventType } = this.points.dictionaries;
    const colour = colourExpression(colourBy, colourBy === "monitoring" ? monitoringType : acledEventType);
    for (const layer of [incidentLayerIds.exact, incidentLayerIds.halos])
      this.map.setPaintProperty(layer, "circle-color", colour);
    for (const layer of [incidentLayerIds.uncertain, incidentLayerIds.halos])
      this.map.setPaintProperty(layer, "circle-stroke-color", colour);
  }

  /** The bounding-box filter drawn as a dashed outline; null removes it. */
  async setFilterBox(box: [number, number, number, number] | null) {
    await this.ready;
    const data: FeatureCollection<Polygon> = emptyCollection() as FeatureCollection<Polygon>;
    if (box) {
      const [w, s, e, n] = box;
      data.features.push({
        type: "Feature",
        properties: {},
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
      });
    }
    (this.map.getSource("filter-box") as GeoJSONSource).setData(data);
  }

  /** Corridors and crossing points, coloured by their current status. */
  async setPlaceShapes(shapes: PlaceShape[]) {
    await this.ready;
    const features: Feature[] = shapes.map((shape) => ({
      type: "Feature",
      id: shape.id,
      properties: { colour: shape.colour },
      geometry: shape.geometry,
    }));
    (this.map.getSource("place-shapes") as GeoJSONSource).setData({ type: "FeatureCollection", features });
  }

  /** Place names as HTML labels (text needs no glyphs that way, and any script renders). */
  setPlaces(places: PlaceOverlay[]) {
    for (const marker of this.placeMarkers) marker.remove();
    this.placeMarkers = places.map((place) => {
      const element = document.createElement("div");
      element.className = `map-place-label map-place-${place.kind}${place.borrowed ? " borrowed" : ""}`;
      element.dataset.testid = "place-label";
      element.dataset.placeId = place.id;
      element.title = place.title;
      const dot = document.createElement("span");
      dot.className = "map-place-dot";
      const text = document.createElement("span");
      text.className = "map-place-name";
      text.textContent = place.text;
      element.append(dot, text);
      if (place.status) {
        const status = document.createElement("span");
        status.className = "map-place-status";
        status.dataset.testid = "place-status";
        status.style.borderColor = place.status.colour;
        status.textContent = place.status.text;
        element.append(status);
      }
      return new Marker({ element, anchor: "left", offset: [-4, 0] })
        .setLngLat([place.lon, place.lat])
        .addTo(this.map);
    });
  }

  /** The incidents of a cluster, as positions in the data's arrays, a page at a time. */
  async clusterIndices(source: PointSource, clusterId: number, limit: number, offset: number) {
    const leaves = await (this.map.getSource(source) as GeoJSONSource).getClusterLeaves(
      clusterId,
      limit,
      offset,
    );
    return leaves.map((leaf) => Number(leaf.properties?.i));
  }

  async zoomIntoCluster(source: PointSource, clusterId: number, indices: number[]) {
    const zoom = await (this.map.getSource(source) as GeoJSONSource).getClusterExpansionZoom(clusterId);
    const bounds = new LngLatBounds();
    for (const i of indices) {
      const lon = this.points?.lon[i];
      const lat = this.points?.lat[i];
      if (lon != null && lat != null) bounds.extend([lon, lat]);
    }
    if (!bounds.isEmpty()) this.map.easeTo({ center: bounds.getCenter(), zoom });
  }

  /** The visible area as west,south,east,north, clamped to the world. */
  visibleBox(): [number, number, number, number] {
    const b = this.map.getBounds();
    const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
    return [
      clamp(b.getWest(), 180),
      clamp(b.getSouth(), 90),
      clamp(b.getEast(), 180),
      clamp(b.getNorth(), 90),
    ];
  }

  /** Count labels over the clusters now drawn; MapLibre moves them with the map between updates. */
  private refreshClusterLabels() {
    const seen = new Set<string>();
    for (const source of ["incidents", "signals"] as const) {
      if (!this.map.getSource(source)) continue;
      for (const feature of this.map.querySourceFeatures(source, { filter: ["has", "point_count"] })) {
        const { cluster_id: clusterId, point_count: count } = feature.properties as Record<string, number>;
        const key = `${source}:${clusterId}`;
        if (seen.has(key) || clusterId === undefined || count === undefined) continue;
        seen.add(key);
        if (this.clusterMarkers.has(key)) continue;
        const button = document.createElement("button");
        button.type = "button";
        button.className = `map-cluster-label${source === "signals" ? " signals" : ""}`;
        button.dataset.testid = source === "signals" ? "map-signal-cluster" : "map-cluster";
        button.dataset.count = String(count);
        button.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
        button.setAttribute("aria-label", this.options.clusterLabel(count, source === "signals"));
        button.addEventListener("click", (event) => {
          event.stopPropagation();
          this.options.onSelect({ kind: "cluster", source, clusterId, count });
        });
        const [lon, lat] = (feature.geometry as Point).coordinates as [number, number];
        this.clusterMarkers.set(key, new Marker({ element: button }).setLngLat([lon, lat]).addTo(this.map));
      }
    }
    for (const [key, marker] of this.clusterMarkers)
      if (!seen.has(key)) {
        marker.remove();
        this.clusterMarkers.delete(key);
      }
  }

  destroy() {
    this.map.remove();
  }
}
