import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { EvidenceKind, EvidenceLinkView } from "../../domain/documents";
import { query, useApi } from "../api";

/** Where a cited passage is shown in its document: highlighted there, and scrolled to. */
export function passageHref(link: EvidenceLinkView): string {
  const base = `/documents/${encodeURIComponent(link.documentId)}`;
  return link.passageStart !== null && link.passageEnd !== null
    ? `${base}?passage=${link.passageStart}-${link.passageEnd}`
    : base;
}

/**
 * "Sources cited": the documents and passages cited as evidence for one record (issue #10, item 6),
 * each quoted with its passage highlighted and linked to that passage in the document. Nothing is
 * shown while a record has none.
 */
export function CitedEvidence({ recordKind, recordId }: { recordKind: EvidenceKind; recordId: string }) {
  const { t } = useTranslation();
  const evidence = useApi<{ items: EvidenceLinkView[] }>(
    `/api/evidence-links${query({ recordKind, recordId })}`,
  );
  const items = evidence.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="cited-evidence">
      <h2>{t("citedEvidence.title")}</h2>
      <ul>
        {items.map((link) => (
          <li key={link.id}>
            <Link to={passageHref(link)}>{link.documentTitle}</Link>
            {link.documentPublisher && <span className="muted"> — {link.documentPublisher}</span>}
            {link.documentPublishedOn && <span className="muted"> ({link.documentPublishedOn})</span>}
            {link.quote ? (
              <blockquote>
                <mark>{link.quote}</mark>
              </blockquote>
            ) : (
              <span className="muted"> · {t("citedEvidence.wholeDocument")}</span>
            )}
            {link.note && <div className="muted">{link.note}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
