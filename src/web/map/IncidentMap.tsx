import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MapController, type MapSelection, type PlaceOverlay, type PlaceShape } from "./map-controller";
import type { ColourBy, MapView } from "./map-url";
import type { DayRange, IncidentPoints } from "./point-set";

export type MapTiles = { url: string; attribution: string; maxZoom: number } | null;

/**
 * The map as a React component: it makes one MapController when mounted and hands it each change.
 * Redraws run one at a time, and only the latest waiting one runs, so a fast run of brush moves
 * costs one redraw each time the map is free, not one per move.
 */
export function IncidentMap({
  tiles,
  initialView,
  points,
  text,
  range,
  colourBy,
  box,
  places,
  shapes,
  onView,
  onSelect,
  onController,
}: {
  tiles: MapTiles;
  initialView?: MapView;
  points: IncidentPoints | null;
  /** The points as the server sent them: the map's workers take this text, not the objects. */
  text: string;
  range: DayRange | null;
  colourBy: ColourBy;
  box: [number, number, number, number] | null;
  places: PlaceOverlay[];
  shapes: PlaceShape[];
  onView: (view: MapView) => void;
  onSelect: (selection: MapSelection) => void;
  onController: (controller: MapController | null) => void;
}) {
  const { t } = useTranslation();
  const element = useRef<HTMLElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The controller outlives renders: it calls the latest callbacks through these.
  const callbacks = useRef({ onView, onSelect });
  callbacks.current = { onView, onSelect };
  const colour = useRef(colourBy);
  colour.current = colourBy;

  // biome-ignore lint/correctness/useExhaustiveDependencies: one map per mount; the view is only its start
  useEffect(() => {
    if (!element.current) return;
    let made: MapController;
    try {
      made = new MapController(element.current, {
        tiles,
        view: initialView,
        onView: (view) => callbacks.current.onView(view),
        onSelect: (selection) => callbacks.current.onSelect(selection),
        clusterLabel: (count, signals) => t(signals ? "map.clusterOfSignals" : "map.clusterOf", { count }),
      });
    } catch (error) {
      // No WebGL: the timeline, the table and the lists still work without the map.
      setFailure(String(error instanceof Error ? error.message : error));
      return;
    }
    made.map.on("error", (event) => console.warn("map:", event.error?.message));
    setController(made);
    onController(made);
    return () => {
      onController(null);
      made.destroy();
    };
  }, []);

  const queue = useRef<{ running: boolean; next: (() => Promise<void>) | null }>({
    running: false,
    next: null,
  });
  useEffect(() => {
    if (!controller || !points) return;
    const q = queue.current;
    q.next = () => controller.setPoints(points, text, range, colour.current);
    if (q.running) return;
    q.running = true;
    void (async () => {
      while (q.next) {
        const task = q.next;
        q.next = null;
        await task().catch((error: unknown) => console.warn("map:", error));
      }
      q.running = false;
    })();
  }, [controller, points, text, range]);

  useEffect(() => controller?.setColourBy(colourBy), [controller, colourBy]);
  useEffect(() => void controller?.setFilterBox(box), [controller, box]);
  useEffect(() => controller?.setPlaces(places), [controller, places]);
  useEffect(() => void controller?.setPlaceShapes(shapes), [controller, shapes]);

  if (failure) return <p className="error map-failure">{t("map.noWebgl", { reason: failure })}</p>;
  return <section ref={element} className="map-canvas" data-testid="map" aria-label={t("map.label")} />;
}
