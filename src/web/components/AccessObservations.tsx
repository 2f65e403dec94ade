import { useTranslation } from "react-i18next";
import type { PlaceDirection } from "../../domain/actors";
import type { DayStatus, ObservationView } from "../../domain/corridor";
import { ClaimBadge } from "./ClaimBadge";
import { allNames, Sources } from "./common";
import { measures } from "./corridor-labels";

export function DayStatusBadge({ status }: { status: DayStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge band-${status}`} data-testid="day-status" data-status={status}>
      {t(`dayStatus.${status}`)}
    </span>
  );
}

function CountsTable({
  observation,
  directions,
}: {
  observation: ObservationView;
  directions: PlaceDirection[];
}) {
  const { t } = useTranslation();
  if (observation.counts.length === 0) return <p className="muted small">{t("corridor.noCounts")}</p>;
  const directionName = (key: string) => {
    const direction = directions.find((d) => d.key === key);
    return direction ? allNames(direction.names) : key;
  };
  // Only the measures this reporter gave: a column of dashes says nothing and crowds the side-by-side cards.
  const given = measures.filter((m) => observation.counts.some((count) => count[m] !== undefined));
  return (
    <div className="table-scroll">
      <table className="small">
        <thead>
          <tr>
            <th>{t("corridor.traffic.direction")}</th>
            <th>{t("corridor.traffic.category")}</th>
            {given.map((m) => (
              <th key={m}>{t(`corridor.traffic.${m}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {observation.counts.map((count) => (
            <tr key={`${count.direction}-${count.category}`}>
              <td>{directionName(count.direction)}</td>
              <td>{t(`trafficCategory.${count.category}`)}</td>
              {given.map((m) => (
                <td key={m} className="num">
                  {count[m] ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One reporter's observation, under its reporter's name: whose word it is comes first. */
function ObservationCard({
  observation,
  directions,
  partyName,
}: {
  observation: ObservationView;
  directions: PlaceDirection[];
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const reporter = observation.reportedByPartyId;
  return (
    <section className="reading" data-testid="observation" data-reporter={reporter ?? ""}>
      <h4>
        {reporter ? t("corridor.reportedBy", { party: partyName(reporter) }) : t("corridor.unattributed")}
      </h4>
      <p>
        <DayStatusBadge status={observation.status} />
        {observation.reviewState !== "published" && (
          <span className="tag">{t(`reviewState.${observation.reviewState}`)}</span>
        )}{" "}
        <ClaimBadge partyId={observation.claimOfPartyId} />
      </p>
      <CountsTable observation={observation} directions={directions} />
      {observation.note && <p>{observation.note}</p>}
      <Sources sources={observation.sources} />
    </section>
  );
}

/**
 * A date's observations, every reporter's side by side and never merged. The day's status above them
 * is the band's reading of all of them: "contested" when they disagree.
 */
export function ObservationDayView({
  date,
  status,
  observations,
  directions,
  partyName,
}: {
  date: string;
  status: DayStatus;
  observations: ObservationView[];
  directions: PlaceDirection[];
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <section className="observation-day" data-testid="observation-day" data-date={date}>
      <h3>
        {date} <DayStatusBadge status={status} />
        <span className="muted small"> {t("corridor.reports", { count: observations.length })}</span>
      </h3>
      <div className="side-by-side">
        {observations.map((observation) => (
          <ObservationCard
            key={observation.id}
            observation={observation}
            directions={directions}
            partyName={partyName}
          />
        ))}
      </div>
    </section>
  );
}
