import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ApiError, type Rec, useApi, usePagedList } from "../api";
import { Status } from "../components/common";
import { crossingKinds, placeGeometry, statusColours, useCrossingStatuses } from "../map/crossings";
import { IncidentMap, type MapTiles } from "../map/IncidentMap";
import { MapFilterBar } from "../map/MapFilterBar";
import { CrossingLegend, Legend, SelectionPanel, UnlocatedList } from "../map/MapPanels";
import type { MapController, MapSelection, PlaceOverlay, PlaceShape } from "../map/map-controller";
import { listQuery, type MapChange, pointsQuery, readMapState, withChange } from "../map/map-url";
import { namingParties, placeLabel } from "../map/place-names";
import { type DayRange, dayOf, type IncidentPoints, isoOfDay, signalCode } from "../map/point-set";
import { Timeline } from "../map/Timeline";
import "../map/map.css";
import { histogram } from "../map/timeline-bins";
import { useProcess } from "../process-context";
import { IncidentTable } from "./IncidentsPages";

/**
 * The map page: incidents on offline boundaries, a timeline whose brush filters the map and the
 * table under it, and every filter in the address. Loaded as its own chunk (with MapLibre) only
 * when this page is opened.
 */

/** The map's data, with a mark when it has arrived: the benchmark times the drawing from there. */
function useIncidentPoints(path: string | null) {
  const [state, setState] = useState<{
    points?: IncidentPoints;
    text?: string;
    error?: ApiError;
    loading: boolean;
  }>({ loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ points: s.points, text: s.text, loading: true }));
    (async () => {
      performance.mark("peacetrack:map-request");
      const response = await fetch(path, { headers: { accept: "application/json" } });
      const text = await response.text();
      performance.mark("peacetrack:map-data");
      const body = JSON.parse(text);
      if (!response.ok)
        throw new ApiError(
          response.status,
          body?.error?.message ?? response.statusText,
          body?.error?.details,
        );
      if (live) setState({ points: body as IncidentPoints, text, loading: false });
    })().catch((error: unknown) => {
      if (live)
        setState({
          error: error instanceof ApiError ? error : new ApiError(0, String(error)),
          loading: false,
        });
    });
    return () => {
      live = false;
    };
  }, [path]);
  return state;
}

const today = () => new Date().toISOString().slice(0, 10);
const tableSize = 25;

export function MapPage() {
  const { t } = useTranslation();
  const { process, parties, partyName } = useProcess();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readMapState(params), [params]);
  const { filters, settings } = state;
  const change = useCallback(
    (update: MapChange, replace = false) => setParams((current) => withChange(current, update), { replace }),
    [setParams],
  );
  const config = useApi<{ tiles: MapTiles }>("/api/map/config");
  const processId = process?.id ?? "";
  const data = useIncidentPoints(
    process ? `/api/processes/${encodeURIComponent(processId)}/incident-points?${pointsQuery(state)}` : null,
  );
  const points = data.points ?? null;
  const places = useApi<{ items: Rec<"places">[] }>(
    process ? `/api/places?processId=${encodeURIComponent(processId)}&limit=500` : null,
  );
  const table = usePagedList<Rec<"incidents">>(
    process ? `/api/incidents?${listQuery(processId, state, tableSize)}` : null,
  );
  const [controller, setController] = useState<MapController | null>(null);
  const [selection, setSelection] = useState<MapSelection | null>(null);

  const bins = useMemo(() => {
    if (!points) return null;
    const signal = signalCode(points);
    return histogram(points.day, (i) => points.verificationStatus[i] === signal);
  }, [points]);
  const range: DayRange | null = useMemo(
    () =>
      filters.from || filters.to
        ? [
            filters.from ? dayOf(filters.from) : Number.NEGATIVE_INFINITY,
            filters.to ? dayOf(filters.to) : Number.POSITIVE_INFINITY,
          ]
        : null,
    [filters.from, filters.to],
  );
  // The map's data changes, or the range moves: whatever was opened on the map may be gone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on these changes only
  useEffect(() => setSelection(null), [points, range]);

  const placeList = places.data?.items ?? [];
  const asOf = filters.to && filters.to < today() ? filters.to : today();
  const statuses = useCrossingStatuses(placeList, asOf);
  const overlays = useMemo<PlaceOverlay[]>(
    () =>
      placeList.flatMap((place) => {
        if (place.longitude === undefined || place.latitude === undefined) return [];
        const label = placeLabel(place.names, settings.namesOf);
        const crossing = statuses.get(place.id);
        return [
          {
            id: place.id,
            lon: place.longitude,
            lat: place.latitude,
            kind: place.kind,
            text: label.text,
            borrowed: label.source === "fallback",
            title: place.names
              .map(
                (n) =>
                  `${n.text} (${n.lang}${n.usedBy.length ? `: ${n.usedBy.map(partyName).join(", ")}` : ""})`,
              )
              .join("\n"),
            status: crossing && {
              colour: statusColours[crossing.status],
              text:
                crossing.day === null
                  ? t(`dayStatus.${crossing.status}`)
                  : t("map.crossing.day", { status: t(`dayStatus.${crossing.status}`), day: crossing.day }),
            },
          },
        ];
      }),
    [placeList, settings.namesOf, statuses, partyName, t],
  );
  const shapes = useMemo<PlaceShape[]>(
    () =>
      placeList.flatMap((place) => {
        const geometry = crossingKinds.has(place.kind) ? placeGeometry(place) : null;
        const status = statuses.get(place.id)?.status ?? "unknown";
        return geometry ? [{ id: place.id, geometry, colour: statusColours[status] }] : [];
      }),
    [placeList, statuses],
  );
  const box = useMemo(() => {
    const parts = filters.bbox?.split(",").map(Number);
    return parts?.length === 4 ? (parts as [number, number, number, number]) : null;
  }, [filters.bbox]);
  const countIn = useCallback(
    ([from, to]: DayRange) => {
      let n = 0;
      if (points) for (const day of points.day) if (day >= from && day <= to) n++;
      return n;
    },
    [points],
  );
  const selected: DayRange | null =
    range && bins ? [Math.max(range[0], bins.span[0]), Math.min(range[1], bins.span[1])] : null;
  const unplaced = placeList.filter((p) => placeGeometry(p) === null);

  return (
    <section className="map-page">
      <h1>{t("map.title")}</h1>
      <MapFilterBar
        state={state}
        dictionaries={points?.dictionaries}
        parties={[...parties.values()]}
        namingParties={namingParties(placeList)}
        partyName={partyName}
        onChange={(update) => change(update)}
        onLimitToView={() => {
          if (controller)
            change({
              bbox: controller
                .visibleBox()
                .map((v) => v.toFixed(4))
                .join(","),
            });
        }}
      />
      {points?.truncated && (
        <p className="warning">{t("map.truncated", { count: points.count, matched: points.matched })}</p>
      )}
      {data.error && <p className="error">{data.error.message}</p>}
      <div className="map-layout">
        <div className="map-main">
          <Status loading={config.loading && !config.data} error={config.error}>
            {config.data && (
              <IncidentMap
                tiles={config.data.tiles}
                initialView={settings.view}
                points={points}
                text={data.text ?? ""}
                range={range}
                colourBy={settings.colourBy}
                box={box}
                places={overlays}
                shapes={shapes}
                onView={(view) => change({ view }, true)}
                onSelect={setSelection}
                onController={setController}
              />
            )}
          </Status>
          <Timeline
            histogram={bins}
            selection={selected}
            countIn={countIn}
            onBrush={(brushed) =>
              change({
                from: brushed ? isoOfDay(brushed[0]) : undefined,
                to: brushed ? isoOfDay(brushed[1]) : undefined,
              })
            }
          />
          <p className="small muted" data-testid="map-summary">
            {points
              ? t("map.summary", {
                  count: countIn(range ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]),
                })
              : data.loading
                ? t("status.loading")
                : ""}
          </p>
        </div>
        <aside className="map-side">
          {selection && points && controller && (
            <SelectionPanel
              selection={selection}
              points={points}
              controller={controller}
              processId={processId}
              onClose={() => setSelection(null)}
            />
          )}
          {points && (
            <Legend
              points={points}
              colourBy={settings.colourBy}
              onColourBy={(colourBy) => change({ colourBy })}
              onType={(type) =>
                change(
                  settings.colourBy === "monitoring" ? { monitoringType: type } : { acledEventType: type },
                )
              }
              signals={settings.signals}
            />
          )}
          {statuses.size > 0 && <CrossingLegend asOf={asOf} colours={statusColours} />}
          {points && <UnlocatedList points={points} range={range} />}
          {unplaced.length > 0 && (
            <section className="map-panel" data-testid="map-unplaced-places">
              <h2>{t("map.unplacedPlaces", { count: unplaced.length })}</h2>
              <p className="small">
                {unplaced.map((p) => placeLabel(p.names, settings.namesOf).text).join(" · ")}
              </p>
            </section>
          )}
          {filters.bbox && <p className="small muted">{t("map.boxNote")}</p>}
        </aside>
      </div>
      <h2>{t("map.table")}</h2>
      <Status loading={table.loading && table.items.length === 0} error={table.error}>
        <div data-testid="map-table">
          <IncidentTable incidents={table.items} />
        </div>
        {table.hasMore && (
          <button type="button" onClick={table.loadMore} disabled={table.loading}>
            {t("common.loadMore")}
          </button>
        )}
      </Status>
    </section>
  );
}
