import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
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
