import { Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PlaceDirection } from "../../domain/actors";
import type { TrafficPoint } from "../../domain/corridor";
import type { TrafficCategory } from "../../domain/events";
import { lazyPage } from "../lazy-page";
import { allNames } from "./common";
import { type Measure, measures, trafficCategoryOrder } from "./corridor-labels";
import type { TrafficPanel, TrafficRow } from "./TrafficChart";

// The chart library is large: it is fetched only when a place has counts to draw.
const TrafficChart = lazyPage(() => import("./TrafficChart"), "TrafficChart");

/** A reporter's key in the controls: its party id, or "-" for counts nobody is named for. */
const reporterKey = (point: TrafficPoint) => point.reportedByPartyId ?? "-";

/** The chosen reporter's counts of one measure, one panel per direction, dates in order. */
function panelsFor(
  traffic: TrafficPoint[],
  directions: PlaceDirection[],
  reporter: string,
  measure: Measure,
): { panels: TrafficPanel[]; categories: TrafficCategory[]; yMax: number } {
  const chosen = traffic.filter((p) => reporterKey(p) === reporter && p[measure] !== null);
  const used = new Set(chosen.map((p) => p.category));
  const categories = trafficCategoryOrder.filter((c) => used.has(c));
  const keys = [...new Set([...directions.map((d) => d.key), ...chosen.map((p) => p.direction)])];
  let yMax = 0;
  const panels = keys
    .map((key) => {
      const byDate = new Map<string, TrafficRow>();
      for (const point of chosen.filter((p) => p.direction === key)) {
        const row = byDate.get(point.date) ?? { date: point.date };
        row[point.category] = point[measure] ?? undefined;
        byDate.set(point.date, row);
      }
      const rows = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
      for (const row of rows)
        yMax = Math.max(
          yMax,
          categories.reduce((sum, c) => sum + (row[c] ?? 0), 0),
        );
      const direction = directions.find((d) => d.key === key);
      return { directionKey: key, label: direction ? allNames(direction.names) : key, rows };
    })
    .filter((panel) => panel.rows.length > 0);
  return { panels, categories, yMax };
}

/**
 * Traffic by date, category and direction. Counts are never added up across reporters (two sides'
 * figures for one day are two claims, not one sum): the chart draws one reporter at a time, and the
 * table lists every count with its reporter. Unreported days are absent, never drawn as zero.
 */
export function TrafficSection({
  traffic,
  directions,
  partyName,
}: {
  traffic: TrafficPoint[];
  directions: PlaceDirection[];
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const reporters = useMemo(() => {
    const counted = new Map<string, number>();
    for (const point of traffic) counted.set(reporterKey(point), (counted.get(reporterKey(point)) ?? 0) + 1);
    return [...counted.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  }, [traffic]);
  const [chosenReporter, setReporter] = useState<string>();
  const [chosenMeasure, setMeasure] = useState<Measure>();
  const reporter = chosenReporter && reporters.includes(chosenReporter) ? chosenReporter : reporters[0];
  // Until the reader chooses, draw the first measure the chosen reporter gives at all.
  const measure =
    chosenMeasure ??
    measures.find((m) => traffic.some((p) => reporterKey(p) === reporter && p[m] !== null)) ??
    "vehicles";
  if (traffic.length === 0 || reporter === undefined)
    return <p className="muted">{t("corridor.traffic.none")}</p>;
  const reporterName = (key: string) => (key === "-" ? t("corridor.unattributed") : partyName(key));
  const directionName = (key: string) => {
    const direction = directions.find((d) => d.key === key);
    return direction ? allNames(direction.names) : key;
  };
  const { panels, categories, yMax } = panelsFor(traffic, directions, reporter, measure);
  const categoryLabel = (category: TrafficCategory) => t(`trafficCategory.${category}`);
  const sorted = [...traffic].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      reporterKey(a).localeCompare(reporterKey(b)) ||
      a.direction.localeCompare(b.direction),
  );
  return (
    <>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("corridor.traffic.measure")}{" "}
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {t(`corridor.traffic.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("corridor.traffic.reporter")}{" "}
          <select value={reporter} onChange={(e) => setReporter(e.target.value)}>
            {reporters.map((key) => (
              <option key={key} value={key}>
                {reporterName(key)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted small">
        {t("corridor.traffic.caption", {
          measure: t(`corridor.traffic.${measure}`),
          reporter: reporterName(reporter),
        })}
      </p>
      {panels.length === 0 ? (
        <p className="muted">{t("corridor.traffic.noneForChoice")}</p>
      ) : (
        <Suspense fallback={<p className="muted">{t("status.loading")}</p>}>
          <TrafficChart panels={panels} categories={categories} categoryLabel={categoryLabel} yMax={yMax} />
        </Suspense>
      )}
      <details>
        <summary>{t("corridor.traffic.asTable")}</summary>
        <table data-testid="traffic-table">
          <thead>
            <tr>
              <th>{t("corridor.date")}</th>
              <th>{t("corridor.reporter")}</th>
              <th>{t("corridor.traffic.direction")}</th>
              <th>{t("corridor.traffic.category")}</th>
              {measures.map((m) => (
                <th key={m}>{t(`corridor.traffic.${m}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((point) => (
              <tr key={`${point.observationId}-${point.direction}-${point.category}`}>
                <td>{point.date}</td>
                <td>{reporterName(reporterKey(point))}</td>
                <td>{directionName(point.direction)}</td>
                <td>{categoryLabel(point.category)}</td>
                {measures.map((m) => (
                  <td key={m} className="num">
                    {point[m] ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
