import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { DocumentExtraction, ExtractionItemView } from "../../../domain/extraction";
import { useApi } from "../../api";
import { Status } from "../../components/common";
import { sendJson } from "../../session";
import type { TextView } from "./DocumentText";
import { ExtractionItemCard } from "./ExtractionItemCard";
import { ExtractionText } from "./ExtractionText";
import { actorsOf, allItems } from "./extraction-spans";
import type { PassageContext } from "./PassageActions";
import type { DocumentDetail } from "./types";

type Kind = ExtractionItemView["kind"];
type ItemStatus = ExtractionItemView["status"];
const kinds = ["quote", "claim", "date", "mention"] as const satisfies readonly Kind[];
const statuses = ["suggested", "accepted", "rejected", "corrected"] as const satisfies readonly ItemStatus[];
/** The confidence bulk acceptance takes as high enough (the "high-confidence items"). */
const confidentEnough = 0.8;

/**
 * The review queue of one document (issue #11, item 2): its text with what extraction found drawn
 * over it, beside the items grouped by kind. Reviewers accept, reject, correct or reopen each, accept
 * the confident ones at once, re-run extraction, and make records of passages; the public sees the
 * accepted and corrected items only.
 */
export function ExtractionPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const path = `/api/documents/${encodeURIComponent(id)}`;
  const detail = useApi<DocumentDetail>(path);
  const extraction = useApi<DocumentExtraction>(`${path}/extraction`);
  const [view, setView] = useState<TextView>("cleaned");
  const [kind, setKind] = useState<Kind | "">("");
  const [status, setStatus] = useState<ItemStatus | "">("");
  const [selectedId, setSelectedId] = useState<string>();
  const d = detail.data;
  const x = extraction.data;

  const items = useMemo(() => (x ? allItems(x) : []), [x]);
  const shown = useMemo(
    () => items.filter((item) => (!kind || item.kind === kind) && (!status || item.status === status)),
    [items, kind, status],
  );
  const context: PassageContext | undefined = useMemo(
    () =>
      d && x
        ? {
            documentId: d.id,
            processId: d.processId,
            publishedOn: d.publishedOn,
            mayReview: x.mayReview,
            actors: actorsOf(x.mentions),
            items,
          }
        : undefined,
    [d, x, items],
  );

  useEffect(() => {
    if (!selectedId) return;
    document
      .querySelector(`[data-item-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  return (
    <Status
      loading={(detail.loading && !d) || (extraction.loading && !x)}
      error={detail.error ?? extraction.error}
    >
      {d && x && context && (
        <article className="extraction-page">
          <p>
            <Link to={`/documents/${encodeURIComponent(d.id)}`}>← {d.title}</Link>
          </p>
          <h1>{t("extraction.title")}</h1>
          <p className="muted">{x.mayReview ? t("extraction.reviewHelp") : t("extraction.publicHelp")}</p>
          {x.mayReview && <BulkActions documentId={d.id} onDone={extraction.reload} />}
          <div className="x-filters">
            <label>
              {t("extraction.filterKind")}
              <select value={kind} onChange={(event) => setKind(event.target.value as Kind | "")}>
                <option value="">{t("common.all")}</option>
                {kinds.map((option) => (
                  <option key={option} value={option}>
                    {t(`extraction.kinds.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("extraction.filterStatus")}
              <select value={status} onChange={(event) => setStatus(event.target.value as ItemStatus | "")}>
                <option value="">{t("common.all")}</option>
                {statuses.map((option) => (
                  <option key={option} value={option}>
                    {t(`extraction.status.${option}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="extraction-layout">
            <ExtractionText
              original={d.text}
              cleaned={d.cleanedText}
              edits={d.cleaningEdits ?? []}
              language={d.language}
              items={shown}
              selectedId={selectedId}
              onSelectItem={setSelectedId}
              view={view}
              onViewChange={setView}
            />
            <section className="extraction-items" aria-label={t("extraction.itemsLabel")}>
              {items.length === 0 && <p className="muted">{t("extraction.none")}</p>}
              {kinds.map((group) => {
                const members = shown.filter((item) => item.kind === group);
                if (members.length === 0) return null;
                return (
                  <section key={group} data-testid={`extraction-group-${group}`}>
                    <h2>
                      {t(`extraction.kinds.${group}`)} ({members.length})
                    </h2>
                    <ul className="x-items">
                      {members.map((item) => (
                        <ExtractionItemCard
                          key={item.id}
                          item={item}
                          context={context}
                          selected={item.id === selectedId}
                          onSelect={() => setSelectedId(item.id)}
                          onChanged={extraction.reload}
                        />
                      ))}
                    </ul>
                  </section>
                );
              })}
            </section>
          </div>
        </article>
      )}
    </Status>
  );
}

/** Accepting every confident suggestion at once, and reading the document again. */
function BulkActions({ documentId, onDone }: { documentId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const run = async (action: "accept-confident" | "rerun") => {
    setMessage(undefined);
    setError(undefined);
    try {
      const path = `/api/documents/${encodeURIComponent(documentId)}/extraction/${action}`;
      if (action === "rerun") {
        const answer = await sendJson<{ items: number }>("POST", path);
        setMessage(t("extraction.rerunDone", { count: answer.items }));
      } else {
        const answer = await sendJson<{ accepted: number }>("POST", path, { minimum: confidentEnough });
        setMessage(t("extraction.acceptedCount", { count: answer.accepted }));
      }
      onDone();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <div className="x-bulk">
      <button type="button" onClick={() => run("accept-confident")}>
        {t("extraction.acceptConfident", { percent: confidentEnough * 100 })}
      </button>
      <button type="button" onClick={() => run("rerun")}>
        {t("extraction.rerun")}
      </button>
      <span className="muted">{t("extraction.rerunNote")}</span>
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
