import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { sendJson } from "../../session";
import {
  type ClusterMemberView,
  type EvidenceLinkView,
  percent,
  recordHref,
  type SightingView,
} from "./types";

export const dateTime = (iso: string) => <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;

/** Every time the source was received: the first made the document, the later ones are sightings. */
export function Sightings({ sightings }: { sightings: SightingView[] }) {
  const { t } = useTranslation();
  if (sightings.length === 0) return null;
  return (
    <section>
      <h2>{t("documents.sightings.title")}</h2>
      <table className="sightings">
        <thead>
          <tr>
            <th>{t("documents.sightings.at")}</th>
            <th>{t("documents.sightings.via")}</th>
            <th>{t("documents.sightings.location")}</th>
            <th>{t("documents.sightings.actor")}</th>
          </tr>
        </thead>
        <tbody>
          {sightings.map((sighting, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sightings are appended, never reordered
            <tr key={index}>
              <td>
                {dateTime(sighting.at)}{" "}
                {sighting.outcome === "created" && (
                  <span className="tag">{t("documents.sightings.first")}</span>
                )}
              </td>
              <td>{t(`documents.via.${sighting.via}`)}</td>
              <td className="break">{sighting.location || "—"}</td>
              <td>{sighting.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The near-duplicates: other renderings of the same text, with how alike they are. */
export function Cluster({ documentId, members }: { documentId: string; members: ClusterMemberView[] }) {
  const { t } = useTranslation();
  const hasOriginal = members.some((member) => member.isClusterOriginal);
  return (
    <section className="cluster">
      <h2>{t("documents.cluster.title", { count: members.length })}</h2>
      {!hasOriginal && <p className="muted">{t("documents.cluster.noOriginal")}</p>}
      <table>
        <thead>
          <tr>
            <th>{t("documents.title")}</th>
            <th>{t("documents.publisher")}</th>
            <th>{t("documents.published")}</th>
            <th>{t("documents.cluster.score")}</th>
            <th>{t("documents.cluster.containment")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id} className={member.id === documentId ? "current" : undefined}>
              <td>
                {member.id === documentId ? (
                  <strong>{member.title}</strong>
                ) : (
                  <Link to={`/documents/${encodeURIComponent(member.id)}`}>{member.title}</Link>
                )}{" "}
                {member.isClusterOriginal && <span className="tag">{t("documents.cluster.original")}</span>}
                {member.id === documentId && <span className="muted"> ({t("documents.cluster.this")})</span>}
              </td>
              <td>{member.publisher || "—"}</td>
              <td>{member.publishedOn ?? <span className="muted">{t("documents.dateUnknown")}</span>}</td>
              <td>{member.id === documentId ? "" : percent(member.score)}</td>
              <td>{member.id === documentId ? "" : percent(member.containment)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The records this document is cited for, each with the passage cited. */
export function CitedBy({ evidence, onRemoved }: { evidence: EvidenceLinkView[]; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const remove = async (id: string) => {
    try {
      await sendJson("DELETE", `/api/evidence-links/${encodeURIComponent(id)}`);
      onRemoved();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <section className="cited-by">
      <h2>{t("documents.citedBy")}</h2>
      {evidence.length === 0 && <p className="muted">{t("documents.notCited")}</p>}
      <ul>
        {evidence.map((link) => {
          const href = recordHref(link.recordKind, link.recordId);
          const label = `${t(`documents.recordKind.${link.recordKind}`)}: ${link.recordTitle ?? link.recordId}`;
          return (
            <li key={link.id}>
              {href ? <Link to={href}>{label}</Link> : label}
              {link.quote ? (
                <blockquote>{link.quote}</blockquote>
              ) : (
                <span className="muted"> — {t("documents.wholeDocument")}</span>
              )}
              {link.note && <div className="muted">{link.note}</div>}
              <div className="muted small">
                {t("documents.citedByWhom", { by: link.createdBy })} · {dateTime(link.createdAt)}
                {link.mayRemove && (
                  <>
                    {" · "}
                    <button type="button" className="link-button" onClick={() => remove(link.id)}>
                      {t("documents.removeCitation")}
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
