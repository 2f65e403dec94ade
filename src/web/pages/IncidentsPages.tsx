import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { monitoringIncidentTypes } from "../../domain/incident-types";
import { query, type Rec, useApi, usePagedList } from "../api";
import { CitedEvidence } from "../components/CitedEvidence";
import { ClaimBadge } from "../components/ClaimBadge";
import { Field, PartyLinks, Sources, Status } from "../components/common";
import { type Answerable, PartyReplies } from "../components/PartyReplies";
import { ReviewBadge, ReviewPanel } from "../components/ReviewPanel";
import { useProcess } from "../process-context";

export function IncidentTable({ incidents }: { incidents: Rec<"incidents">[] }) {
  const { t } = useTranslation();
  if (incidents.length === 0) return <p className="muted">{t("incidents.none")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("incidents.date")}</th>
          <th>{t("incidents.title")}</th>
          <th>{t("incidents.type")}</th>
          <th>{t("incidents.allegedBy")}</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td>
              {i.startDate}
              {i.startPrecision !== "day" && (
                <span className="muted"> ({t(`precision.${i.startPrecision}`)})</span>
              )}
              {i.ongoing && <div className="small">{t("incidents.ongoing")}</div>}
            </td>
            <td>
              <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>{" "}
              <ReviewBadge state={i.reviewState} /> <ClaimBadge partyId={i.claimOfPartyId} />
            </td>
            <td>{t(`incidentType.${i.monitoringType}`)}</td>
            <td>
              <PartyLinks ids={i.allegedByPartyIds} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const [type, setType] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const list = usePagedList<Rec<"incidents">>(
    process
      ? `/api/incidents${query({ processId: process.id, monitoringType: type, from, to, limit: 50 })}`
      : null,
  );
  return (
    <section>
      <h1>{t("nav.incidents")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("incidents.type")}{" "}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t("common.all")}</option>
            {monitoringIncidentTypes.map((value) => (
              <option key={value} value={value}>
                {t(`incidentType.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("common.fromDate")} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t("common.toDate")} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <Status loading={list.loading && list.items.length === 0} error={list.error}>
        <IncidentTable incidents={list.items} />
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loading}>
            {t("common.loadMore")}
          </button>
        )}
      </Status>
    </section>
  );
}

export function IncidentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { partyName } = useProcess();
  const incident = useApi<Rec<"incidents"> & Answerable>(`/api/incidents/${encodeURIComponent(id)}`);
  const i = incident.data;
  const place = useApi<Rec<"places">>(i?.placeId ? `/api/places/${encodeURIComponent(i.placeId)}` : null);
  const provisions = useApi<{ items: Rec<"provisions">[] }>(
    i && i.allegedBreaches.length > 0 ? "/api/provisions?limit=500" : null,
  );
  return (
    <Status loading={incident.loading && !i} error={incident.error}>
      {i && (
        <article>
          <p className="muted">
            {t(`incidentType.${i.monitoringType}`)}
            {i.acledEventType &&
              ` · ${t("incidents.acled", { type: [i.acledEventType, i.acledSubEventType].filter(Boolean).join(" / ") })}`}
          </p>
          <h1>{i.title}</h1>
          <ClaimBadge partyId={i.claimOfPartyId} />
          <ReviewPanel kind="incidents" record={i} onChanged={incident.reload} />
          <dl className="facts">
            <Field label={t("incidents.start")}>
              {i.startDate} ({t(`precision.${i.startPrecision}`)})
            </Field>
            <Field label={t("incidents.end")}>
              {i.endDate
                ? `${i.endDate} (${t(`precision.${i.endPrecision ?? "day"}`)})`
                : i.ongoing
                  ? t("incidents.ongoing")
                  : "—"}
            </Field>
            <Field label={t("incidents.place")}>
              {i.placeId ? (
                <Link to={`/places/${encodeURIComponent(i.placeId)}`}>
                  {place.data ? [...new Set(place.data.names.map((n) => n.text))].join(" / ") : i.placeId}
                </Link>
              ) : (
                "—"
              )}{" "}
              {i.locationDescription && <span className="muted">— {i.locationDescription}</span>}
              {(i.locationName || i.admin1 || i.country) && (
                <div className="small">
                  {[i.locationName, i.admin3, i.admin2, i.admin1, i.country].filter(Boolean).join(", ")}
                </div>
              )}
              <div className="small muted">{t(`geoPrecision.${i.geoPrecision}`)}</div>
            </Field>
            <Field label={t("incidents.actors")}>
              {i.actors.length === 0 ? (
                "—"
              ) : (
                <ul className="plain">
                  {i.actors.map((actor) => (
                    <li key={`${actor.partyId ?? actor.name}-${actor.role}`}>
                      {actor.partyId ? partyName(actor.partyId) : actor.name}{" "}
                      <span className="muted">({t(`actorRole.${actor.role}`)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </Field>
            <Field label={t("incidents.fatalities")}>
              {i.fatalities
                ? t("incidents.fatalitiesValue", {
                    best: i.fatalities.best,
                    low: i.fatalities.low,
                    high: i.fatalities.high,
                  })
                : t("incidents.fatalitiesUnknown")}
            </Field>
            <Field label={t("incidents.allegedBy")}>
              <PartyLinks ids={i.allegedByPartyIds} />
            </Field>
            <Field label={t("incidents.allegedBreaches")}>
              {i.allegedBreaches.length === 0 ? (
                "—"
              ) : (
                <ul className="plain">
                  {i.allegedBreaches.map((breach) => {
                    const provision = provisions.data?.items.find((p) => p.id === breach.provisionId);
                    return (
                      <li key={`${breach.provisionId}-${breach.allegedByPartyId ?? ""}`}>
                        {provision ? (
                          <Link
                            to={`/agreements/${encodeURIComponent(provision.agreementId)}#point-${provision.path}`}
                          >
                            {t("agreement.pointOf", {
                              path: provision.path,
                              agreement: provision.agreementId,
                            })}
                          </Link>
                        ) : (
                          breach.provisionId
                        )}{" "}
                        <span className="muted">
                          {breach.allegedByPartyId &&
                            t("incidents.allegedByParty", { party: partyName(breach.allegedByPartyId) })}{" "}
                          ({t(`allegationStatus.${breach.status}`)})
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </Field>
            <Field label={t("incidents.verification")}>{t(`verification.${i.verificationStatus}`)}</Field>
            {i.licence !== "own" && <Field label={t("incidents.licence")}>{i.licence}</Field>}
            {i.sourceNames && (
              <Field label={t("incidents.sourceNames")}>
                {i.sourceNames}
                {i.sourceScale && <span className="muted"> ({i.sourceScale})</span>}
              </Field>
            )}
            {i.tags.length > 0 && <Field label={t("incidents.tags")}>{i.tags.join("; ")}</Field>}
            {Object.keys(i.externalIds).length > 0 && (
              <Field label={t("incidents.externalIds")}>
                {Object.entries(i.externalIds)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(", ")}
              </Field>
            )}
          </dl>
          <p className="pre">{i.description}</p>
          <PartyReplies
            kind="incidents"
            recordId={i.id}
            replies={i.replies ?? []}
            allowedActions={i.allowedActions ?? []}
            onReplied={incident.reload}
          />
          <h2>{t("sources.title")}</h2>
          <Sources sources={i.sources} />
          <CitedEvidence recordKind="incidents" recordId={i.id} />
        </article>
      )}
    </Status>
  );
}
