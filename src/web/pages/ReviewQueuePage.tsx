import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { EntityName } from "../../domain/entities";
import type { ReviewQueue } from "../../domain/review-queue";
import { query, useApi } from "../api";
import { ClaimBadge } from "../components/ClaimBadge";
import { Status } from "../components/common";
import { ReviewActions, ReviewBadge } from "../components/ReviewPanel";
import { useSession } from "../session";

/** The kinds with a detail page of their own, and its path; the others are listed without a link. */
const detailPaths: Partial<Record<EntityName, string>> = {
  incidents: "/incidents",
  documents: "/documents",
  places: "/places",
  parties: "/parties",
  meetings: "/meetings",
  formats: "/formats",
  commitments: "/commitments",
  agreements: "/agreements",
};

const isStaff = (role: string | undefined) =>
  role === "monitor" || role === "mediator" || role === "administrator";

/**
 * The review queue (issue #9, item 4): what waits for review across every kind of record, newest
 * first, with the moves the reader may make on each; the reader's own drafts with `state=draft`.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<"under_review" | "draft">("under_review");
  const staff = session?.actor.kind === "account" && isStaff(session.actor.role);
  const queue = useApi<ReviewQueue>(staff ? `/api/review-queue${query({ state })}` : null);

  if (!session) return <p className="muted">{t("status.loading")}</p>;
  if (!staff)
    return (
      <section>
        <h1>{t("review.queue.title")}</h1>
        <p>{session.actor.kind === "account" ? t("review.queue.staffOnly") : t("review.queue.signIn")}</p>
      </section>
    );
  const items = queue.data?.items ?? [];
  return (
    <section>
      <h1>{t("review.queue.title")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("review.queue.show")}{" "}
          <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="under_review">{t("review.queue.underReview")}</option>
            <option value="draft">{t("review.queue.myDrafts")}</option>
          </select>
        </label>
      </form>
      <Status loading={queue.loading && !queue.data} error={queue.error}>
        {items.length === 0 ? (
          <p className="muted">{t("review.queue.empty")}</p>
        ) : (
          <table className="review-queue">
            <thead>
              <tr>
                <th>{t("review.queue.kind")}</th>
                <th>{t("review.queue.record")}</th>
                <th>{t("review.state")}</th>
                <th>{t("review.queue.submitted")}</th>
                <th>{t("review.queue.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const kind = item.kind as EntityName;
                const path = detailPaths[kind];
                return (
                  <tr key={`${item.kind}/${item.id}`} data-testid="review-queue-item">
                    <td>{item.kind}</td>
                    <td>
                      {path ? (
                        <Link to={`${path}/${encodeURIComponent(item.id)}`}>{item.label}</Link>
                      ) : (
                        item.label
                      )}{" "}
                      <ClaimBadge partyId={item.claimOfPartyId} />
                    </td>
                    <td>
                      <ReviewBadge state={item.reviewState} />
                    </td>
                    <td>
                      {item.submittedAt ? (
                        <>
                          {item.submittedBy},{" "}
                          <time dateTime={item.submittedAt}>
                            {new Date(item.submittedAt).toLocaleString()}
                          </time>
                        </>
                      ) : (
                        <span className="muted">{t("review.queue.notSubmitted")}</span>
                      )}
                    </td>
                    <td>
                      <ReviewActions kind={kind} record={item} onMoved={queue.reload} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Status>
    </section>
  );
}
