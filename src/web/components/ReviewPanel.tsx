import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReviewState } from "../../domain/common";
import type { EntityName } from "../../domain/entities";
import type { ReviewAction, ReviewMove, ReviewTransition } from "../../domain/review-transitions";
import { ApiError, getJson } from "../api";
import { sendJson } from "../session";

/**
 * A record's place in review (issue #9, item 4): a badge that says plainly when it is not published,
 * who moved it when and why, and buttons for exactly the review moves the API says the caller may make
 * (`allowedActions`, item 2). The server decides; this only offers what it would accept.
 */

export interface ReviewableRecord {
  id: string;
  reviewState: string;
  reviewHistory?: ReviewMove[];
  allowedActions?: readonly string[];
}

const reviewActionOrder: readonly ReviewAction[] = [
  "submit_for_review",
  "publish",
  "return_to_draft",
  "dispute",
  "retract",
];

type Transitions = { records: ReviewTransition[]; replies: ReviewTransition[] };
let transitions: Promise<Transitions> | undefined;

/**
 * Whether a move must say why, as the API's table of moves says (GET /api/review-transitions, read
 * once): the web app takes only types from the domain, so it asks rather than repeating the rule.
 * Until the answer arrives, and for a move the table does not know, it asks for a reason.
 */
export function useReasonRequired(kind: "records" | "replies" = "records") {
  const [table, setTable] = useState<ReviewTransition[]>();
  useEffect(() => {
    let live = true;
    transitions ??= getJson<Transitions>("/api/review-transitions");
    transitions
      .then((all) => live && setTable(all[kind]))
      .catch(() => {
        transitions = undefined; // asked again next time; meanwhile every move asks why
        if (live) setTable([]);
      });
    return () => {
      live = false;
    };
  }, [kind]);
  return {
    ready: table !== undefined,
    reasonRequired: (action: ReviewAction, from: string): boolean =>
      table?.find((move) => move.action === action && move.from === from)?.requiresReason ?? true,
  };
}

export const apiPathOfKind = (kind: EntityName) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** "Draft", "Under review", "Disputed", "Retracted": nothing unpublished passes for published. */
export function ReviewBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  if (state === "published") return null;
  return (
    <span className={`review-badge review-${state}`} data-testid="review-badge">
      {t(`review.badge.${state as ReviewState}`)}
    </span>
  );
}

/** The buttons for the review moves allowed on one record, asking for a reason where one is due. */
export function ReviewActions({
  kind,
  record,
  onMoved,
}: {
  kind: EntityName;
  record: ReviewableRecord;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<ReviewAction>();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The buttons wait for the table of moves, so that a click never skips a reason that is due.
  const { ready, reasonRequired } = useReasonRequired();
  const allowed = reviewActionOrder.filter((action) => record.allowedActions?.includes(action));
  if (allowed.length === 0) return null;

  const label = (action: ReviewAction) =>
    action === "publish" && record.reviewState === "disputed"
      ? t("review.action.reinstate")
      : t(`review.action.${action}`);
  const move = async (action: ReviewAction, why?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await sendJson(
        "POST",
        `/api/${apiPathOfKind(kind)}/${encodeURIComponent(record.id)}/review`,
        why ? { action, reason: why } : { action },
      );
      setAsking(undefined);
      setReason("");
      onMoved();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="review-actions">
      {allowed.map((action) => (
        <button
          key={action}
          type="button"
          disabled={busy || !ready}
          onClick={() => (reasonRequired(action, record.reviewState) ? setAsking(action) : void move(action))}
        >
          {label(action)}
        </button>
      ))}
      {asking && (
        <form
          className="review-reason"
          onSubmit={(event) => {
            event.preventDefault();
            void move(asking, reason.trim());
          }}
        >
          <label>
            {t("review.reasonFor", { action: label(asking) })}
            <textarea required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || reason.trim() === ""}>
            {label(asking)}
          </button>{" "}
          <button type="button" onClick={() => setAsking(undefined)}>
            {t("review.cancel")}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Who moved the record, when, from where to where, and why — oldest first, as the record keeps it. */
export function ReviewHistory({ moves }: { moves: readonly ReviewMove[] }) {
  const { t } = useTranslation();
  if (moves.length === 0) return null;
  return (
    <ol className="review-history" aria-label={t("review.history")}>
      {moves.map((move) => (
        <li key={`${move.at}-${move.action}`}>
          <time dateTime={move.at}>{new Date(move.at).toLocaleString()}</time> · <strong>{move.by}</strong> ·{" "}
          {t(`reviewState.${move.from}`)} → {t(`reviewState.${move.to}`)}
          {move.reason && <q className="review-why">{move.reason}</q>}
        </li>
      ))}
    </ol>
  );
}

/** The panel a detail page shows under its title: state, history and the allowed moves. */
export function ReviewPanel({
  kind,
  record,
  onChanged,
}: {
  kind: EntityName;
  record: ReviewableRecord;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const moves = record.reviewHistory ?? [];
  const actions = record.allowedActions ?? [];
  const nothingToSay =
    record.reviewState === "published" &&
    moves.length === 0 &&
    !reviewActionOrder.some((action) => actions.includes(action));
  if (nothingToSay) return null;
  return (
    <section className="review-panel" aria-label={t("review.title")} data-testid="review-panel">
      <p>
        {t("review.state")}: <ReviewBadge state={record.reviewState} />
        {record.reviewState === "published" && t("reviewState.published")}
      </p>
      <ReviewHistory moves={moves} />
      <ReviewActions kind={kind} record={record} onMoved={onChanged} />
    </section>
  );
}
