import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { documentKinds } from "../../../domain/events";
import { query, type Summary, usePagedList } from "../../api";
import { ClaimBadge } from "../../components/ClaimBadge";
import { Status } from "../../components/common";
import { ReviewBadge } from "../../components/ReviewPanel";
import { useKindActions } from "../../permissions";
import { useProcess } from "../../process-context";
import { useSession } from "../../session";

const kinds: (typeof documentKinds)[number][] = [
  "official_statement",
  "news_article",
  "interview",
  "court_order",
  "report",
  "agreement_text",
];

/** Who may take sources in: staff create documents, a party's representatives submit them as claims. */
export function useMayTakeIn(): boolean | undefined {
  const allowed = useKindActions();
  if (allowed === undefined) return undefined; // not known yet
  const actions = allowed.documents ?? [];
  return actions.includes("create") || actions.includes("submit_claim");
}

/** Monitors, mediators and administrators: they see the intake log and review states. */
export function useIsStaff(): boolean {
  const actor = useSession()?.actor;
  return actor?.kind === "account" && actor.role !== "party_representative";
}

export function DocumentsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const [kind, setKind] = useState("");
  const mayTakeIn = useMayTakeIn();
  const staff = useIsStaff();
  const list = usePagedList<Summary<"documents">>(
    process ? `/api/documents${query({ processId: process.id, kind, limit: 50 })}` : null,
  );
  // The cluster badge counts the renderings listed so far; the document page shows the whole cluster.
  const clusterSizes = new Map<string, number>();
  for (const d of list.items)
    if (d.duplicateClusterId)
      clusterSizes.set(d.duplicateClusterId, (clusterSizes.get(d.duplicateClusterId) ?? 0) + 1);
  return (
    <section>
      <h1>{t("nav.documents")}</h1>
      <p className="page-actions">
        {mayTakeIn && <Link to="/documents/new">{t("documents.takeIn")}</Link>}
        <Link to="/feeds">{t("feeds.title")}</Link>
        {staff && <Link to="/documents/intakes">{t("intakes.title")}</Link>}
      </p>
      <label className="filter">
        {t("documents.kind")}{" "}
        <select value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">{t("common.all")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`documentKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <Status loading={list.loading && list.items.length === 0} error={list.error}>
        {list.items.length === 0 && <p className="muted">{t("documents.none")}</p>}
        <table className="documents-list">
          <thead>
            <tr>
              <th>{t("documents.title")}</th>
              <th>{t("documents.publisher")}</th>
              <th>{t("documents.kind")}</th>
              <th>{t("documents.language")}</th>
              <th>{t("documents.published")}</th>
              <th>{t("documents.receivedVia")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => {
              const renderings = d.duplicateClusterId ? (clusterSizes.get(d.duplicateClusterId) ?? 1) : 0;
              return (
                <tr key={d.id}>
                  <td>
                    <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>{" "}
                    {staff && <ReviewBadge state={d.reviewState} />} <ClaimBadge partyId={d.claimOfPartyId} />
                    {d.duplicateClusterId && (
                      <span className="tag cluster-badge" title={t("documents.cluster.badgeTitle")}>
                        {renderings > 1
                          ? t("documents.cluster.renderings", { count: renderings })
                          : t("documents.cluster.hasNear")}
                      </span>
                    )}
                  </td>
                  <td>{d.publisher || "—"}</td>
                  <td>{t(`documentKind.${d.kind}`)}</td>
                  <td>{d.language ?? "—"}</td>
                  <td>
                    {d.publishedOn ?? <span className="muted">{t("documents.dateUnknown")}</span>}
                    {d.publishedOn && d.publishedDateSource && (
                      <div className="muted small">{t(`documents.dateSource.${d.publishedDateSource}`)}</div>
                    )}
                  </td>
                  <td>{t(`documents.via.${d.receivedVia}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {list.hasMore && (
          <button type="button" onClick={list.loadMore}>
            {t("common.loadMore")}
          </button>
        )}
      </Status>
    </section>
  );
}
