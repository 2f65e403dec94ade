import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import type { CorridorIncident, ObservationDay, PlaceAccess, RestrictionPeriod } from "../../domain/corridor";
import { query, useApi } from "../api";
import { ObservationDayView } from "../components/AccessObservations";
import { AccessStatusBand } from "../components/AccessStatusBand";
import { AsOfInput, allNames, Names, PartyLinks, Sources, Status } from "../components/common";
import { partyLabeller } from "../components/corridor-labels";
import { DayCounterView } from "../components/DayCounterView";
import { GoverningCommitments } from "../components/GoverningCommitments";
import { TrafficSection } from "../components/TrafficSection";
import { useProcess } from "../process-context";

/** The observations of the as-of date, or else of the latest date before it that has any. */
function latestOnOrBefore(days: ObservationDay[], asOf: string): ObservationDay | undefined {
  return days.filter((day) => day.date <= asOf).at(-1);
}

function PeriodsTable({
  periods,
  partyName,
}: {
  periods: RestrictionPeriod[];
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  if (periods.length === 0) return <p className="muted">{t("corridor.periods.none")}</p>;
  return (
    <table data-testid="periods-table">
      <thead>
        <tr>
          <th>{t("corridor.periods.start")}</th>
          <th>{t("corridor.periods.end")}</th>
          <th>{t("corridor.periods.reopenedOn")}</th>
          <th>{t("corridor.periods.days")}</th>
          <th>{t("corridor.periods.unknownDays")}</th>
          <th>{t("corridor.periods.contestedDays")}</th>
          <th>{t("corridor.periods.reportedBy")}</th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.start}>
            <td>{p.start}</td>
            <td>{p.ongoing ? t("corridor.periods.ongoing") : p.end}</td>
            <td>{p.reopenedOn ?? "—"}</td>
            <td className="num">{p.days}</td>
            <td className="num">{p.unknownDays}</td>
            <td className="num">{p.contestedDays}</td>
            <td>{p.reportedByPartyIds.map(partyName).join(", ") || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CorridorIncidents({ incidents }: { incidents: CorridorIncident[] }) {
  const { t } = useTranslation();
  if (incidents.length === 0) return <p className="muted">{t("incidents.none")}</p>;
  return (
    <table data-testid="corridor-incidents">
      <thead>
        <tr>
          <th>{t("incidents.date")}</th>
          <th>{t("incidents.title")}</th>
          <th>{t("incidents.type")}</th>
          <th>{t("corridor.effect.title")}</th>
          <th>{t("incidents.verification")}</th>
          <th>{t("incidents.allegedBy")}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td>
              {i.startDate}
              {i.endDate && ` – ${i.endDate}`}
              {i.ongoing && <div className="small">{t("incidents.ongoing")}</div>}
            </td>
            <td>
              <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>
            </td>
            <td>{t(`incidentType.${i.monitoringType}`)}</td>
            <td>{t(`corridor.effect.${i.effect}`)}</td>
            <td>{t(`verification.${i.verificationStatus}`)}</td>
            <td>
              <PartyLinks ids={i.allegedByPartyIds} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A corridor or crossing point over time: its status day by day, the running day count of a
 * restriction as of a chosen date (kept in the address, ?asOf=, so a view can be shared), the traffic,
 * every reporter's observations side by side, the incidents on it, and beside what was observed, what
 * was promised for it and how each obligor has been assessed.
 */
export function CorridorPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const asOfParam = search.get("asOf") ?? "";
  const access = useApi<PlaceAccess>(
    `/api/places/${encodeURIComponent(id)}/access${query({ asOf: asOfParam })}`,
  );
  const { partyName: processPartyName } = useProcess();
  const data = access.data;
  const chooseDate = (date: string) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (date) next.set("asOf", date);
        else next.delete("asOf");
        return next;
      },
      { replace: true },
    );
  const controls = (
    <form className="filters corridor-controls" onSubmit={(e) => e.preventDefault()}>
      <AsOfInput value={asOfParam || data?.asOf || ""} onChange={chooseDate} />
      {asOfParam && (
        <button type="button" onClick={() => chooseDate("")}>
          {t("corridor.today")}
        </button>
      )}
      {access.loading && data && <span className="muted small">{t("status.loading")}</span>}
    </form>
  );
  // A refused date (in the future, say) leaves the date input in place so that it can be corrected.
  if (!data)
    return (
      <>
        {asOfParam && access.error && controls}
        <Status loading={access.loading} error={access.error} />
      </>
    );
  const partyName = partyLabeller(data.parties, processPartyName);
  const { place, dayCounter } = data;
  const observedThen = latestOnOrBefore(data.observationsByDate, data.asOf);
  return (
    <article className="corridor" data-testid="corridor-page">
      <p className="muted">
        {t(`placeKind.${place.kind}`)} ·{" "}
        <Link to={`/places/${encodeURIComponent(place.id)}`}>{t("corridor.placeRecord")}</Link>
      </p>
      <h1>{allNames(place.names)}</h1>
      <Names names={place.names} />
      {place.description && <p>{place.description}</p>}
      {!place.location.known && <p className="muted">{t("corridor.locationUnknown")}</p>}
      {controls}
      <DayCounterView counter={dayCounter} partyName={partyName} />

      <div className="grid-2 promised-observed">
        <section aria-labelledby="promised-title">
          <h2 id="promised-title">{t("corridor.promised.title")}</h2>
          <GoverningCommitments commitments={data.commitments} partyName={partyName} />
        </section>
        <section aria-labelledby="observed-title">
          <h2 id="observed-title">{t("corridor.observed.title", { date: data.asOf })}</h2>
          {observedThen ? (
            <>
              {observedThen.date !== data.asOf && (
                <p className="muted small">{t("corridor.observed.latestBefore", { date: data.asOf })}</p>
              )}
              <ObservationDayView {...observedThen} directions={place.directions} partyName={partyName} />
            </>
          ) : (
            <p className="muted">{t("corridor.observed.none", { date: data.asOf })}</p>
          )}
        </section>
      </div>

      <h2>{t("corridor.band.title")}</h2>
      <AccessStatusBand runs={data.statusBand} asOf={data.asOf} />

      <h2>{t("corridor.periods.title")}</h2>
      <PeriodsTable periods={data.periods} partyName={partyName} />

      <h2>{t("corridor.traffic.title")}</h2>
      <TrafficSection traffic={data.traffic} directions={place.directions} partyName={partyName} />

      <h2>{t("corridor.observations")}</h2>
      {data.observationsByDate.length === 0 ? (
        <p className="muted">{t("corridor.noObservations")}</p>
      ) : (
        data.observationsByDate.map((day) => (
          <ObservationDayView key={day.date} {...day} directions={place.directions} partyName={partyName} />
        ))
      )}

      <h2>{t("nav.incidents")}</h2>
      <CorridorIncidents incidents={data.incidents} />

      <h2>{t("sources.title")}</h2>
      <Sources sources={place.sources} />
    </article>
  );
}
