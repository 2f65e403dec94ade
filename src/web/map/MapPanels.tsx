import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { IncidentTitles } from "../../domain/incident-points";
import { getJson } from "../api";
import type { MapController, MapSelection } from "./map-controller";
import { colourOf, signalColour } from "./map-style";
import type { ColourBy } from "./map-url";
import {
  type DayRange,
  type IncidentPoints,
  inRange,
  isoOfDay,
  signalCode,
  uncertaintyKm,
} from "./point-set";

/** What sits beside the map: the legend, the incidents of a clicked cluster, those with no position. */

const pageSize = 20;

/** "exact" or "within about 25 km (UCDP where_prec 2)": the precision a popup must not hide. */
export function usePrecisionText() {
  const { t } = useTranslation();
  return (points: IncidentPoints, i: number) => {
    const geo = points.geoPrecision[i] as number;
    const where = points.wherePrecision[i] as number;
    const km = uncertaintyKm(geo, where);
    const basis = where > 0 ? t("map.precision.ucdp", { code: where }) : t(`geoPrecision.${geo}`);
    const text =
      km === 0 ? t("map.precision.exact", { basis }) : t("map.precision.approximate", { km, basis });
    return points.fromPlace[i] ? `${text} ${t("map.precision.fromPlace")}` : text;
  };
}

export function SelectionPanel({
  selection,
  points,
  controller,
  processId,
  onClose,
}: {
  selection: MapSelection;
  points: IncidentPoints;
  controller: MapController;
  processId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const precision = usePrecisionText();
  const [indices, setIndices] = useState<number[]>([]);
  const [titles, setTitles] = useState<Map<string, IncidentTitles["items"][number]>>(new Map());
  const total = selection.kind === "cluster" ? selection.count : selection.indices.length;

  async function load(offset: number) {
    const page =
      selection.kind === "cluster"
        ? await controller.clusterIndices(selection.source, selection.clusterId, pageSize, offset)
        : selection.indices.slice(offset, offset + pageSize);
    setIndices((shown) => (offset === 0 ? page : [...shown, ...page]));
    const ids = page.map((i) => points.id[i]).filter((id): id is string => id !== undefined);
    if (ids.length === 0) return;
    const answer = await getJson<IncidentTitles>(
      `/api/processes/${encodeURIComponent(processId)}/incident-titles?ids=${ids.map(encodeURIComponent).join(",")}`,
    );
    setTitles((known) => new Map([...known, ...answer.items.map((item) => [item.id, item] as const)]));
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new selection starts the list again
  useEffect(() => {
    setIndices([]);
    void load(0);
  }, [selection]);

  const { monitoringType, verificationStatus } = points.dictionaries;
  return (
    <section className="map-panel" data-testid="map-selection" aria-live="polite">
      <header className="map-panel-header">
        <h2>{t("map.selection.title", { count: total })}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t("map.selection.close")}
        </button>
      </header>
      {selection.kind === "cluster" && (
        <button
          type="button"
          className="link-button"
          onClick={() => void controller.zoomIntoCluster(selection.source, selection.clusterId, indices)}
        >
          {t("map.selection.zoomIn")}
        </button>
      )}
      <ol className="map-selection-list plain" data-testid="map-selection-list">
        {indices.map((i) => {
          const id = points.id[i] as string;
          const title = titles.get(id);
          const status = verificationStatus[points.verificationStatus[i] as number] ?? "";
          return (
            <li key={id} data-testid="map-selection-item">
              <div>
                <Link to={`/incidents/${encodeURIComponent(id)}`}>{title?.title ?? id}</Link>
              </div>
              <div className="small muted">
                {title?.startDate ?? isoOfDay(points.day[i] as number)} ·{" "}
                {t(`incidentType.${monitoringType[points.monitoringType[i] as number]}`)} ·{" "}
                {t(`verification.${status}`)}
              </div>
              <div className="small">
                {points.lon[i] === null ? t("map.unlocated.short") : precision(points, i)}
              </div>
            </li>
          );
        })}
      </ol>
      {indices.length < total && (
        <button type="button" onClick={() => void load(indices.length)}>
          {t("common.loadMore")}
        </button>
      )}
    </section>
  );
}

export function UnlocatedList({ points, range }: { points: IncidentPoints; range: DayRange | null }) {
  const { t } = useTranslation();
  const { count, listed } = useMemo(() => {
    let n = 0;
    for (let i = 0; i < points.count; i++)
      if (points.lon[i] === null && inRange(points.day[i] as number, range)) n++;
    const shown = points.unlocated.first.filter((u) => {
      const day = Date.parse(`${u.startDate}T00:00:00Z`) / 86_400_000;
      return inRange(day, range);
    });
    return { count: n, listed: shown };
  }, [points, range]);
  return (
    <section className="map-panel" data-testid="map-unlocated">
      <h2>{t("map.unlocated.title", { count })}</h2>
      <p className="small muted">{t("map.unlocated.note")}</p>
      {listed.length > 0 && (
        <ul className="plain small">
          {listed.map((u) => (
            <li key={u.id}>
              {u.startDate} · <Link to={`/incidents/${encodeURIComponent(u.id)}`}>{u.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {count > listed.length && listed.length > 0 && (
        <p className="small muted">{t("map.unlocated.more", { count: count - listed.length })}</p>
      )}
    </section>
  );
}

export function Legend({
  points,
  colourBy,
  onColourBy,
  onType,
  signals,
}: {
  points: IncidentPoints;
  colourBy: ColourBy;
  onColourBy: (colourBy: ColourBy) => void;
  /** Filters the map by a type, clicked in the legend. */
  onType: (type: string) => void;
  signals: boolean;
}) {
  const { t } = useTranslation();
  const present = useMemo(() => {
    const codes = colourBy === "monitoring" ? points.monitoringType : points.acledEventType;
    const dictionary =
      colourBy === "monitoring" ? points.dictionaries.monitoringType : points.dictionaries.acledEventType;
    const signal = signalCode(points);
    const counts = new Map<number, number>();
    for (let i = 0; i < points.count; i++)
      if (points.verificationStatus[i] !== signal)
        counts.set(codes[i] as number, (counts.get(codes[i] as number) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([code, n]) => ({ type: dictionary[code], n }));
  }, [points, colourBy]);
  return (
    <section className="map-panel map-legend" data-testid="map-legend">
      <h2>{t("map.legend.title")}</h2>
      <fieldset className="inline-choice">
        <legend className="visually-hidden">{t("map.legend.colourBy")}</legend>
        {(["monitoring", "acled"] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" checked={colourBy === choice} onChange={() => onColourBy(choice)} />{" "}
            {t(`map.legend.${choice}`)}
          </label>
        ))}
      </fieldset>
      <ul className="plain legend-list">
        {present.map(({ type, n }) => (
          <li key={type ?? "none"}>
            <span className="swatch" style={{ background: colourOf(colourBy, type) }} />
            {type ? (
              <button type="button" className="link-button" onClick={() => onType(type)}>
                {colourBy === "monitoring" ? t(`incidentType.${type}`) : type}
              </button>
            ) : (
              t("map.legend.noAcledType")
            )}{" "}
            <span className="muted">({n.toLocaleString()})</span>
          </li>
        ))}
      </ul>
      <ul className="plain legend-list small">
        <li>
          <span className="swatch exact" /> {t("map.legend.exact")}
        </li>
        <li>
          <span className="swatch uncertain" /> {t("map.legend.uncertain")}
        </li>
        <li>
          <span className="swatch cluster" /> {t("map.legend.cluster")}
        </li>
        {signals && (
          <li>
            <span className="swatch signal" style={{ borderColor: signalColour }} /> {t("map.legend.signal")}
          </li>
        )}
      </ul>
    </section>
  );
}

/** The colours of corridors and crossing points, and the date their status is taken at. */
export function CrossingLegend({ asOf, colours }: { asOf: string; colours: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <section className="map-panel" data-testid="map-crossing-legend">
      <h2>{t("map.crossing.title")}</h2>
      <p className="small muted">{t("map.crossing.asOf", { date: asOf })}</p>
      <ul className="plain legend-list small">
        {Object.entries(colours).map(([status, colour]) => (
          <li key={status}>
            <span className="swatch" style={{ background: colour }} /> {t(`dayStatus.${status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
