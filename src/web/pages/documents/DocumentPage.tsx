import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { useApi } from "../../api";
import { ClaimBadge } from "../../components/ClaimBadge";
import { Field, PartyLinks, Status } from "../../components/common";
import { ReviewPanel } from "../../components/ReviewPanel";
import { safeHref } from "../../components/safeHref";
import { useMayOnKind } from "../../permissions";
import { CitePassageForm } from "./CitePassageForm";
import { CitedBy, Cluster, dateTime, Sightings } from "./DocumentSections";
import { DocumentText, type Passage, type TextView } from "./DocumentText";
import { ExtractionLink } from "./ExtractionLink";
import { parsePassage } from "./text-segments";
import type { DocumentDetail } from "./types";

/**
 * One document with everything known about it: where its date and language came from, its text
 * cleaned and as received, the exact bytes, every sighting, its near-duplicates and the records citing
 * it. `?passage=start-end` (offsets into the original) highlights a cited passage and scrolls to it.
 */
export function DocumentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const focus = parsePassage(params.get("passage"));
  const detail = useApi<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`);
  const [view, setView] = useState<TextView>("cleaned");
  const [selected, setSelected] = useState<Passage>();
  const mayCite = useMayOnKind("documents", "create");
  const onSelect = useCallback((passage: Passage) => setSelected(passage), []);
  const d = detail.data;
  return (
    <Status loading={detail.loading && !d} error={detail.error}>
      {d && (
        <article className="document-page">
          <p className="muted">{t(`documentKind.${d.kind}`)}</p>
          <h1>{d.title}</h1>
          <ClaimBadge partyId={d.claimOfPartyId} />
          <ReviewPanel kind="documents" record={d} onChanged={detail.reload} />
          <DocumentFacts document={d} />
          {d.sourceNote && <p className="note">{d.sourceNote}</p>}
          <ExtractionLink document={d} />
          <h2>{t("documents.text")}</h2>
          <DocumentText
            original={d.text}
            cleaned={d.cleanedText}
            edits={d.cleaningEdits ?? []}
            evidence={d.evidence}
            focus={focus}
            language={d.language}
            view={view}
            onViewChange={setView}
            onSelect={mayCite ? onSelect : undefined}
          />
          {mayCite && (
            <details className="cite-action" open={selected !== undefined}>
              <summary>{t("documents.cite.action")}</summary>
              {view !== "original" && d.cleaningEdits?.length ? (
                <p>
                  <button type="button" onClick={() => setView("original")}>
                    {t("documents.cite.showOriginal")}
                  </button>
                </p>
              ) : null}
              <CitePassageForm
                documentId={d.id}
                processId={d.processId}
                original={d.text}
                passage={selected}
                onClear={() => setSelected(undefined)}
                onCited={() => {
                  setSelected(undefined);
                  detail.reload();
                }}
              />
            </details>
          )}
          <CitedBy evidence={d.evidence} onRemoved={detail.reload} />
          <Sightings sightings={d.sightings} />
          {d.cluster && <Cluster documentId={d.id} members={d.cluster.members} />}
        </article>
      )}
    </Status>
  );
}

/** The metadata, each with where it came from: nothing shown as known was guessed. */
function DocumentFacts({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <Field label={t("documents.publisher")}>{d.publisher || "—"}</Field>
      {(d.author || d.authorPartyId) && (
        <Field label={t("documents.author")}>
          {d.author}
          {d.author && d.authorPartyId && " · "}
          {d.authorPartyId && <PartyLinks ids={[d.authorPartyId]} />}
        </Field>
      )}
      <Field label={t("documents.published")}>
        {d.publishedOn ? (
          <>
            {d.publishedOn}{" "}
            {d.publishedDateSource && (
              <span className="muted provenance">{t(`documents.dateSource.${d.publishedDateSource}`)}</span>
            )}
          </>
        ) : (
          <span className="muted">{t("documents.dateNeverGuessed")}</span>
        )}
      </Field>
      <Field label={t("documents.language")}>
        {d.language ?? "—"}{" "}
        {d.languageSource && (
          <span className="muted provenance">{t(`documents.languageSource.${d.languageSource}`)}</span>
        )}
      </Field>
      <Field label={t("documents.received")}>
        {d.receivedAt ? dateTime(d.receivedAt) : "—"}{" "}
        <span className="muted provenance">{t(`documents.via.${d.receivedVia}`)}</span>
      </Field>
      {d.url && (
        <Field label={t("documents.url")}>
          <a href={safeHref(d.url)} rel="noreferrer noopener" className="break">
            {d.url}
          </a>
        </Field>
      )}
      <Field label={t("documents.original")}>
        {d.original ? (
          <>
            <a href={d.original.href} download>
              {t("documents.download")}
            </a>{" "}
            <span className="muted">
              {t("documents.size", { bytes: d.original.byteLength.toLocaleString() })}
              {d.original.contentType && ` · ${d.original.contentType}`}
              {d.original.encoding && ` · ${d.original.encoding}`}
            </span>
          </>
        ) : (
          <span className="muted">{t("documents.noOriginal")}</span>
        )}
      </Field>
      {d.sha256 && (
        <Field label={t("documents.sha256")}>
          <code className="hash">{d.sha256}</code>
        </Field>
      )}
    </dl>
  );
}
