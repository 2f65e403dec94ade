import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { RestrictedCorridor } from "../../domain/corridor";
import { type Rec, type Summary, useApi } from "../api";
import { allNames, Status } from "../components/common";
import { useProcess } from "../process-context";
import { IncidentTable } from "./IncidentsPages";

interface Overview {
  process: Rec<"processes">;
  agreements: Rec<"agreements">[];
  parties: Rec<"parties">[];
  latestIncidents: Rec<"incidents">[];
  latestDocuments: Summary<"documents">[];
  counts: Record<string, number>;
  /** Optional: a server without corridor support answers without it. */
  restrictedCorridors?: RestrictedCorridor[];
}

/** Every corridor or crossing point restricted today, with its running day count. */
function RestrictedCorridors({ corridors }: { corridors: RestrictedCorridor[] }) {
  const { t } = useTranslation();
  return (
    <section data-testid="restricted-corridors">
      <h2>{t("overview.restrictedCorridors")}</h2>
      {corridors.length === 0 ? (
        <p className="muted">{t("overview.noRestrictedCorridors")}</p>
      ) : (
        <ul className="plain">
          {corridors.map((c) => (
            <li key={c.placeId} data-testid="restricted-corridor">
              <Link to={`/places/${encodeURIComponent(c.placeId)}/access`}>{allNames(c.names)}</Link>{" "}
              <strong>{t("overview.corridorDay", { day: c.day, since: c.since })}</strong>{" "}
              <span className="muted small">{t("overview.statusToday")}</span>{" "}
              <span className={`status-badge band-${c.statusOnDay}`}>{t(`dayStatus.${c.statusOnDay}`)}</span>{" "}
              <span className="muted small">{t("overview.lastReported", { date: c.lastReportedOn })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const overview = useApi<Overview>(
    process ? `/api/processes/${encodeURIComponent(process.id)}/overview` : null,
  );
  const data = overview.data;
  return (
    <Status loading={!data && (overview.loading || !process)} error={overview.error}>
      {data && (
        <>
          <h1 data-testid="overview-title">{data.process.name}</h1>
          <p className="lead">{data.process.description}</p>
          <ul className="counts" aria-label={t("overview.counts")}>
            {Object.entries(data.counts).map(([kind, count]) => (
              <li key={kind}>
                <strong>{count}</strong> {t(`kinds.${kind}`)}
              </li>
            ))}
          </ul>
          {data.restrictedCorridors && <RestrictedCorridors corridors={data.restrictedCorridors} />}
          <div className="grid-2">
            <section>
              <h2>{t("nav.agreements")}</h2>
              <ul className="plain">
                {data.agreements.map((a) => (
                  <li key={a.id}>
                    <Link to={`/agreements/${encodeURIComponent(a.id)}`}>{a.shortTitle ?? a.title}</Link>{" "}
                    <span className="muted">
                      {t(`agreementKind.${a.kind}`)} · {a.signedOn ?? t("common.undated")}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            <section>
              <h2>{t("nav.parties")}</h2>
              <ul className="plain">
                {data.parties.map((p) => (
                  <li key={p.id}>
                    <Link to={`/parties/${encodeURIComponent(p.id)}`}>{p.shortName}</Link>{" "}
                    <span className="muted">
                      {allNames(p.names)} · {t(`partyKind.${p.kind}`)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <section>
            <h2>{t("overview.latestIncidents")}</h2>
            <IncidentTable incidents={data.latestIncidents} />
            <Link to="/incidents">{t("overview.allIncidents")}</Link>
          </section>
          <section>
            <h2>{t("overview.latestDocuments")}</h2>
            <ul className="plain">
              {data.latestDocuments.map((d) => (
                <li key={d.id}>
                  <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>{" "}
                  <span className="muted">
                    {d.publisher} · {d.publishedOn ?? t("documents.noDate")}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Status>
  );
}
