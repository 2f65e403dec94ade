import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Deadline } from "../../domain/commitments";
import { query, type Rec, useApi } from "../api";
import { CitedEvidence } from "../components/CitedEvidence";
import { ClaimBadge } from "../components/ClaimBadge";
import { AsOfInput, Field, LevelBadge, PartyLinks, Sources, Status, Tag } from "../components/common";
import { type Obligation, ObligationCells } from "../components/ObligationCells";
import { type Answerable, PartyReplies } from "../components/PartyReplies";
import { ReviewPanel } from "../components/ReviewPanel";
import { SaysAndDoes } from "../components/SaysAndDoes";
import { safeHref } from "../components/safeHref";
import { useProcess } from "../process-context";

type Detail = Rec<"commitments"> & {
  asOf: string;
  provision?: Rec<"provisions">;
  agreement?: Rec<"agreements">;
  meeting?: Rec<"meetings">;
  obligations: Obligation[];
  assessments: (Rec<"assessments"> & Answerable & { superseded: boolean })[];
  interpretations: (Rec<"interpretations"> & Answerable)[];
};

export function DeadlineText({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  switch (deadline.kind) {
    case "absolute":
      return <>{t("deadline.by", { date: deadline.date })}</>;
    case "recurring":
      return <>{t("deadline.every", { days: deadline.everyDays, date: deadline.firstDate })}</>;
    case "relative":
      return (
        <>
          {t("deadline.after", {
            days: deadline.offsetDays,
            event: deadline.afterEvent ?? deadline.afterCommitmentId ?? "",
          })}
        </>
      );
    default:
      return <>{t("deadline.none")}</>;
  }
}

export function CommitmentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { partyName } = useProcess();
  const [asOf, setAsOf] = useState("");
  const detail = useApi<Detail>(`/api/commitments/${encodeURIComponent(id)}${query({ asOf })}`);
  const c = detail.data;
  return (
    <Status loading={detail.loading && !c} error={detail.error}>
      {c && (
        <article>
          <p className="muted">
            {c.agreement && (
              <Link to={`/agreements/${encodeURIComponent(c.agreement.id)}#point-${c.provision?.path}`}>
                {c.agreement.shortTitle ?? c.agreement.title}
                {c.provision && `, ${t("agreement.pointN", { path: c.provision.path })}`}
              </Link>
            )}
            {c.meeting && (
              <>
                {" "}
                · <Link to={`/meetings/${encodeURIComponent(c.meeting.id)}`}>{c.meeting.title}</Link>
              </>
            )}
          </p>
          <h1>{c.title}</h1>
          <ReviewPanel kind="commitments" record={c} onChanged={detail.reload} />
          <dl className="facts">
            <Field label={t("commitment.obligors")}>
              <PartyLinks ids={c.obligorPartyIds} />
            </Field>
            <Field label={t("commitment.beneficiaries")}>
              <PartyLinks ids={c.beneficiaryPartyIds} />
            </Field>
            <Field label={t("commitment.action")}>
              {c.action}
              {c.object && ` — ${c.object}`}
            </Field>
            <Field label={t("commitment.deadline")}>
              <DeadlineText deadline={c.deadline} />
            </Field>
            {c.duration && <Field label={t("commitment.duration")}>{c.duration}</Field>}
            {c.renewal && <Field label={t("commitment.renewal")}>{c.renewal}</Field>}
            {c.conditions && <Field label={t("commitment.conditions")}>{c.conditions}</Field>}
            {c.dependsOnCommitmentIds.length > 0 && (
              <Field label={t("commitment.dependsOn")}>
                {c.dependsOnCommitmentIds.map((d) => (
                  <Tag key={d}>
                    <Link to={`/commitments/${encodeURIComponent(d)}`}>{d}</Link>
                  </Tag>
                ))}
              </Field>
            )}
            <Field label={t("commitment.categories")}>
              {c.categories.map((cat) => (
                <Tag key={cat}>{t(`category.${cat}`, { defaultValue: cat })}</Tag>
              ))}
            </Field>
          </dl>
          <h2>{t("commitment.levels")}</h2>
          <AsOfInput value={asOf} onChange={setAsOf} />
          <table>
            <thead>
              <tr>
                <th>{t("commitment.obligor")}</th>
                <th>{t("commitment.level")}</th>
                <th>{t("commitment.history")}</th>
              </tr>
            </thead>
            <tbody>
              {c.obligations.map((o) => (
                <tr key={o.partyId}>
                  <ObligationCells obligation={o} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t("commitment.timeline")}</h2>
          {c.assessments.length === 0 ? (
            <p className="muted">{t("commitment.noAssessments")}</p>
          ) : (
            <ol className="timeline">
              {c.assessments.map((a) => (
                <li key={a.id} className={a.superseded ? "superseded" : undefined}>
                  <div>
                    <strong>{a.asOf}</strong> · {partyName(a.partyId)} · <LevelBadge level={a.level} />{" "}
                    <span className="tag">{t(`reviewState.${a.reviewState}`)}</span>
                    {a.superseded && <span className="tag">{t("commitment.superseded")}</span>}
                    {a.supersedesId && (
                      <span className="muted small">
                        {" "}
                        {t("commitment.supersedes", { id: a.supersedesId })}
                      </span>
                    )}
                  </div>
                  <p>{a.rationale}</p>
                  <PartyReplies
                    kind="assessments"
                    recordId={a.id}
                    replies={a.replies ?? []}
                    allowedActions={a.allowedActions ?? []}
                    onReplied={detail.reload}
                  />
                  {a.evidence.length > 0 && (
                    <ul className="small">
                      {a.evidence.map((e) => (
                        <li key={`${e.kind}-${e.id ?? e.url}`}>
                          {t(`evidence.${e.kind}`)}:{" "}
                          {e.kind === "incident" && e.id ? (
                            <Link to={`/incidents/${encodeURIComponent(e.id)}`}>{e.id}</Link>
                          ) : e.kind === "document" && e.id ? (
                            <Link to={`/documents/${encodeURIComponent(e.id)}`}>{e.id}</Link>
                          ) : e.url ? (
                            <a href={safeHref(e.url)} rel="noreferrer noopener">
                              {e.url}
                            </a>
                          ) : (
                            e.id
                          )}
                          {e.quote && <blockquote>{e.quote}</blockquote>}
                        </li>
                      ))}
                    </ul>
                  )}
                  <div className="muted small">{t("commitment.assessor", { name: a.assessor })}</div>
                  <Sources sources={a.sources} />
                </li>
              ))}
            </ol>
          )}
          <SaysAndDoes commitmentId={c.id} />
          <h2>{t("commitment.interpretations")}</h2>
          {c.interpretations.length === 0 ? (
            <p className="muted">{t("commitment.noInterpretations")}</p>
          ) : (
            <div className="side-by-side">
              {c.interpretations.map((i) => (
                <section key={i.id} className="reading">
                  <h3>{partyName(i.partyId)}</h3>
                  <ClaimBadge partyId={i.claimOfPartyId} />
                  {i.term && <p className="muted">“{i.term}”</p>}
                  {i.statedOn && <p className="muted small">{i.statedOn}</p>}
                  <p>{i.reading}</p>
                  <PartyReplies
                    kind="interpretations"
                    recordId={i.id}
                    replies={i.replies ?? []}
                    allowedActions={i.allowedActions ?? []}
                    onReplied={detail.reload}
                  />
                  <Sources sources={i.sources} />
                </section>
              ))}
            </div>
          )}
          <h2>{t("sources.title")}</h2>
          <Sources sources={c.sources} />
          <CitedEvidence recordKind="commitments" recordId={c.id} />
        </article>
      )}
    </Status>
  );
}
