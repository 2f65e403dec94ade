import { useTranslation } from "react-i18next";
import type { DayStatus, StatusRun } from "../../domain/corridor";

export const dayStatusOrder: readonly DayStatus[] = ["open", "restricted", "closed", "contested", "unknown"];

const dayMs = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;

/** Days along the band as percentages of its width, so that runs and the as-of mark share one scale. */
function bandScale(runs: StatusRun[]) {
  const start = dayNumber((runs[0] as StatusRun).from);
  const total = dayNumber((runs.at(-1) as StatusRun).to) - start + 1;
  return {
    left: (date: string) => ((dayNumber(date) - start) / total) * 100,
    width: (days: number) => (days / total) * 100,
    /** The middle of the day, or null when the date lies outside the band. */
    mark: (date: string) => {
      const offset = dayNumber(date) - start;
      return offset < 0 || offset >= total ? null : ((offset + 0.5) / total) * 100;
    },
  };
}

export function DayStatusLegend() {
  const { t } = useTranslation();
  return (
    <ul className="band-legend" aria-label={t("corridor.band.legend")}>
      {dayStatusOrder.map((status) => (
        <li key={status}>
          <span className={`band-swatch band-${status}`} aria-hidden="true" /> {t(`dayStatus.${status}`)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The place's status day by day, as coloured runs along a line of time. Days nobody reported on are
 * hatched grey and said "unknown": a gap in reporting must never read as an open road. The band is a
 * picture; the same runs follow as a table for readers who do not see it.
 */
export function AccessStatusBand({ runs, asOf }: { runs: StatusRun[]; asOf: string }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted">{t("corridor.band.empty")}</p>;
  const first = runs[0] as StatusRun;
  const last = runs.at(-1) as StatusRun;
  const scale = bandScale(runs);
  const marker = scale.mark(asOf);
  const after = Math.min(100, Math.max(0, 100 - scale.left(asOf) - scale.width(1)));
  const describe = (run: StatusRun) =>
    t("corridor.band.run", {
      status: t(`dayStatus.${run.status}`),
      from: run.from,
      to: run.to,
      count: run.days,
    });
  return (
    <figure className="band-figure">
      <div
        className="status-band"
        role="img"
        aria-label={t("corridor.band.summary", {
          from: first.from,
          to: last.to,
          runs: runs.map(describe).join("; "),
        })}
        data-testid="status-band"
      >
        {runs.map((run) => (
          <span
            key={run.from}
            className={`band-run band-${run.status}`}
            style={{ left: `${scale.left(run.from)}%`, width: `${scale.width(run.days)}%` }}
            title={describe(run)}
            data-status={run.status}
            data-from={run.from}
            data-to={run.to}
          />
        ))}
        {after > 0 && (
          // Days after the chosen date are dimmed: the counter reads only what was known up to it.
          <span className="band-after" style={{ left: `${100 - after}%`, width: `${after}%` }} />
        )}
        {marker !== null && (
          <span
            className="band-marker"
            style={{ left: `${marker}%` }}
            title={asOf}
            data-testid="band-marker"
            data-date={asOf}
          />
        )}
      </div>
      <figcaption className="band-axis small muted">
        <span>{first.from}</span>
        {marker !== null && (
          <span
            className="band-axis-mark"
            // Near either end the label is kept inside the band rather than centred on the mark.
            style={{
              left: `${marker}%`,
              transform: marker < 12 ? "none" : marker > 88 ? "translateX(-100%)" : "translateX(-50%)",
            }}
          >
            {t("corridor.band.asOfMark", { date: asOf })}
          </span>
        )}
        <span>{last.to}</span>
      </figcaption>
      <DayStatusLegend />
      <details>
        <summary>{t("corridor.band.asTable")}</summary>
        <table data-testid="status-band-table">
          <thead>
            <tr>
              <th>{t("corridor.band.from")}</th>
              <th>{t("corridor.band.to")}</th>
              <th>{t("corridor.band.status")}</th>
              <th>{t("corridor.band.days")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.from} data-status={run.status}>
                <td>{run.from}</td>
                <td>{run.to}</td>
                <td>
                  <span className={`band-swatch band-${run.status}`} aria-hidden="true" />{" "}
                  {t(`dayStatus.${run.status}`)}
                </td>
                <td className="num">{run.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
