import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { query, type Rec, type Summary, useApi, usePagedList } from "../api";
import { Field, PartyLinks, Status } from "../components/common";
import { ReviewPanel } from "../components/ReviewPanel";
import { safeHref } from "../components/safeHref";
import { useProcess } from "../process-context";

export function DocumentsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const list = usePagedList<Summary<"documents">>(
    process ? `/api/documents${query({ processId: process.id, limit: 50 })}` : null,
  );
  return (
    <section>
      <h1>{t("nav.documents")}</h1>
      <Status loading={list.loading && list.items.length === 0} error={list.error}>
        <table>
          <thead>
            <tr>
              <th>{t("documents.title")}</th>
              <th>{t("documents.kind")}</th>
              <th>{t("documents.publisher")}</th>
              <th>{t("documents.published")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                </td>
                <td>{t(`documentKind.${d.kind}`)}</td>
                <td>{d.publisher}</td>
                <td>{d.publishedOn ?? <span className="muted">{t("documents.noDate")}</span>}</td>
              </tr>
            ))}
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

export function DocumentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const document = useApi<Rec<"documents">>(`/api/documents/${encodeURIComponent(id)}`);
  const d = document.data;
  return (
    <Status loading={document.loading && !d} error={document.error}>
      {d && (
        <article>
          <p className="muted">{t(`documentKind.${d.kind}`)}</p>
          <h1>{d.title}</h1>
          <ReviewPanel kind="documents" record={d} onChanged={document.reload} />
          <dl className="facts">
            <Field label={t("documents.publisher")}>{d.publisher || "—"}</Field>
            {d.authorPartyId && (
              <Field label={t("documents.author")}>
                <PartyLinks ids={[d.authorPartyId]} />
              </Field>
            )}
            <Field label={t("documents.published")}>{d.publishedOn ?? t("documents.noDate")}</Field>
            <Field label={t("documents.received")}>{d.receivedAt ?? "—"}</Field>
            <Field label={t("documents.language")}>{d.language}</Field>
            {d.url && (
              <Field label={t("documents.url")}>
                <a href={safeHref(d.url)} rel="noreferrer noopener">
                  {d.url}
                </a>
              </Field>
            )}
            <Field label={t("documents.sha256")}>
              <code className="hash">{d.sha256}</code>
            </Field>
            {d.duplicateClusterId && <Field label={t("documents.cluster")}>{d.duplicateClusterId}</Field>}
          </dl>
          {d.sourceNote && <p className="note">{d.sourceNote}</p>}
          <h2>{t("documents.text")}</h2>
          <div className="document-text" lang={d.language}>
            {d.text}
          </div>
        </article>
      )}
    </Status>
  );
}
