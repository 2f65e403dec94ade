import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { EntityName } from "../../domain/entities";
import { getJson } from "../api";
import { ClaimBadge } from "../components/ClaimBadge";
import {
  type ClaimPath,
  EvidenceForm,
  ObservationForm,
  StatementForm,
  type Submitted,
} from "../components/ClaimForms";
import { ReviewActions, ReviewBadge } from "../components/ReviewPanel";
import { useKindActions } from "../permissions";
import { useProcess } from "../process-context";
import { useSession } from "../session";

/**
 * A party representative's submissions (issue #9, item 6): statements, evidence and observations,
 * each stored as a draft claim of their party and shown as such, never as a finding. What was sent
 * during this visit is listed above the forms with where it stands and, while a draft, the way to
 * send it to the mission's review.
 */

const kindOfPath: Record<ClaimPath, EntityName> = {
  documents: "documents",
  incidents: "incidents",
  "access-observations": "accessObservations",
};

function detailLink(submitted: Submitted): string {
  if (submitted.path === "access-observations")
    return `/places/${encodeURIComponent(submitted.placeId ?? "")}/access`;
  return `/${submitted.path}/${encodeURIComponent(submitted.id)}`;
}

function SubmittedItem({
  submitted,
  onChanged,
}: {
  submitted: Submitted;
  onChanged: (s: Submitted) => void;
}) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  const reread = async () => {
    const fresh = await getJson<Submitted>(`/api/${submitted.path}/${encodeURIComponent(submitted.id)}`);
    onChanged({ ...submitted, ...fresh, path: submitted.path, label: submitted.label });
  };
  const party = submitted.claimOfPartyId ? partyName(submitted.claimOfPartyId) : "";
  return (
    <li data-testid="submission-result" data-state={submitted.reviewState}>
      <Link to={detailLink(submitted)}>{submitted.label}</Link> <ReviewBadge state={submitted.reviewState} />{" "}
      <ClaimBadge partyId={submitted.claimOfPartyId} />
      <p className="muted small">
        {submitted.reviewState === "draft"
          ? t("submit.draftAwaitingReview", { party })
          : t("submit.underReview", { party })}
      </p>
      <ReviewActions kind={kindOfPath[submitted.path]} record={submitted} onMoved={() => void reread()} />
    </li>
  );
}

export function SubmitPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { partyName } = useProcess();
  const kindActions = useKindActions();
  const [submitted, setSubmitted] = useState<Submitted[]>([]);
  if (!session || (session.actor.kind === "account" && !kindActions))
    return <p className="muted">{t("status.loading")}</p>;
  const actor = session.actor;
  const may = (kind: string) => kindActions?.[kind]?.includes("submit_claim") ?? false;
  if (actor.kind !== "account" || !actor.partyId || !(may("documents") || may("incidents")))
    return (
      <section>
        <h1>{t("submit.pageTitle")}</h1>
        <p className="muted">{t("submit.onlyRepresentatives")}</p>
      </section>
    );
  const add = (item: Submitted) => setSubmitted((list) => [item, ...list]);
  const replace = (item: Submitted) =>
    setSubmitted((list) => list.map((other) => (other.id === item.id ? item : other)));
  return (
    <section>
      <h1>{t("submit.heading", { party: partyName(actor.partyId) })}</h1>
      <p className="muted">{t("submit.intro", { party: partyName(actor.partyId) })}</p>
      {submitted.length > 0 && (
        <section aria-label={t("submit.sent")}>
          <h2>{t("submit.sent")}</h2>
          <ul className="submissions">
            {submitted.map((item) => (
              <SubmittedItem key={`${item.path}/${item.id}`} submitted={item} onChanged={replace} />
            ))}
          </ul>
        </section>
      )}
      {may("documents") && (
        <>
          <h2>{t("submit.statement")}</h2>
          <StatementForm onSubmitted={add} />
          <h2>{t("submit.evidence")}</h2>
          <EvidenceForm onSubmitted={add} />
        </>
      )}
      {(may("incidents") || may("accessObservations")) && (
        <>
          <h2>{t("submit.observation")}</h2>
          <ObservationForm onSubmitted={add} />
        </>
      )}
    </section>
  );
}
