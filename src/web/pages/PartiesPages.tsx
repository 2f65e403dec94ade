import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { query, type Rec, useApi } from "../api";
import {
  AsOfInput,
  allNames,
  Field,
  LevelBadge,
  Names,
  PartyLinks,
  Sources,
  Status,
} from "../components/common";
import type { Obligation } from "../components/ObligationCells";
import { ReviewPanel } from "../components/ReviewPanel";
import { SaysAndDoes } from "../components/SaysAndDoes";
import { useProcess } from "../process-context";
import { type ComplianceGroup, formatIndex } from "./DashboardPage";

export function PartiesPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const parties = useApi<{ items: Rec<"parties">[] }>(
    process ? `/api/parties${query({ processId: process.id, limit: 500 })}` : null,
  );
  return (
    <section>
      <h1>{t("nav.parties")}</h1>
      <Status loading={parties.loading && !parties.data} error={parties.error}>
        <table>
          <thead>
            <tr>
              <th>{t("party.shortName")}</th>
              <th>{t("party.names")}</th>
              <th>{t("party.kind")}</th>
            </tr>
          </thead>
          <tbody>
            {(parties.data?.items ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/parties/${encodeURIComponent(p.id)}`}>{p.shortName}</Link>
                </td>
                <td>{allNames(p.names)}</td>
                <td>{t(`partyKind.${p.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </section>
  );
}

interface Scorecard {
  asOf: string;
  summary: ComplianceGroup | null;
  byCategory: ComplianceGroup[];
  series: { date: string; index: number | null; overdue: number }[];
  commitments: (Rec<"commitments"> & { obligation?: Obligation })[];
  latestAssessments: Rec<"assessments">[];
}

function ScorecardView({ partyId }: { partyId: string }) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState("");
  const card = useApi<Scorecard>(`/api/parties/${encodeURIComponent(partyId)}/scorecard${query({ asOf })}`);
  const data = card.data;
  const overdue = data?.commitments.filter((c) => c.obligation?.overdueSince) ?? [];
  return (
    <section>
      <h2>{t("scorecard.title")}</h2>
      <AsOfInput value={asOf} onChange={setAsOf} />
      <Status loading={card.loading && !data} error={card.error}>
        {data && data.commitments.length === 0 && <p className="muted">{t("scorecard.owesNothing")}</p>}
        {data && data.commitments.length > 0 && (
          <>
            <p className="big-number">
              {t("scorecard.index", { date: data.asOf })}:{" "}
              <strong>{formatIndex(data.summary?.index ?? null)}</strong>{" "}
              <span className="muted">
                {t("dashboard.counts", {
                  assessed: data.summary?.assessed ?? 0,
                  pairs: data.summary?.pairs ?? 0,
                  unassessed: data.summary?.unassessed ?? 0,
                })}
              </span>
            </p>
            <div className="chart" role="img" aria-label={t("scorecard.chart")}>
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={data.series.map((p) => ({ ...p, index: p.index ?? undefined }))}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="date" fontSize={11} />
                  <YAxis domain={[0, 100]} fontSize={11} />
                  <Tooltip />
                  <Line
                    type="stepAfter"
                    dataKey="index"
                    name={t("dashboard.index")}
                    stroke="#1f5fa8"
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <h3>{t("scorecard.owed")}</h3>
            <table>
              <thead>
                <tr>
                  <th>{t("commitment.title")}</th>
                  <th>{t("commitment.level")}</th>
                  <th>{t("commitment.deadline")}</th>
                </tr>
              </thead>
              <tbody>
                {data.commitments.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                    </td>
                    <td>
                      <LevelBadge level={c.obligation?.level} />
                      {c.obligation?.reversed && <span className="flag"> {t("level.reversed")}</span>}
                    </td>
                    <td>
                      {c.deadline.kind === "absolute" ? c.deadline.date : t(`deadline.${c.deadline.kind}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t("scorecard.overdue")}</h3>
            {overdue.length === 0 ? (
              <p className="muted">{t("scorecard.noOverdue")}</p>
            ) : (
              <ul>
                {overdue.map((c) => (
                  <li key={c.id}>
                    <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link> —{" "}
                    {t("commitment.overdueSince", { date: c.obligation?.overdueSince })}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t("scorecard.latestEvidence")}</h3>
            {data.latestAssessments.length === 0 ? (
              <p className="muted">{t("scorecard.noAssessments")}</p>
            ) : (
              <ul>
                {data.latestAssessments.map((a) => (
                  <li key={a.id}>
                    {a.asOf} <LevelBadge level={a.level} />{" "}
                    <Link to={`/commitments/${encodeURIComponent(a.commitmentId)}`}>
                      {a.rationale.slice(0, 160)}
                    </Link>
                    {a.reviewState !== "published" && (
                      <span className="tag">{t(`reviewState.${a.reviewState}`)}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Status>
    </section>
  );
}

export function PartyPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const party = useApi<Rec<"parties">>(`/api/parties/${encodeURIComponent(id)}`);
  const p = party.data;
  return (
    <Status loading={party.loading && !p} error={party.error}>
      {p && (
        <article>
          <p className="muted">{t(`partyKind.${p.kind}`)}</p>
          <h1>{p.shortName}</h1>
          <ReviewPanel kind="parties" record={p} onChanged={party.reload} />
          <dl className="facts">
            <Field label={t("party.names")}>
              <Names names={p.names} />
            </Field>
            {p.memberPartyIds.length > 0 && (
              <Field label={t("party.members")}>
                <PartyLinks ids={p.memberPartyIds} />
              </Field>
            )}
          </dl>
          {p.description && <p>{p.description}</p>}
          <ScorecardView partyId={p.id} />
          <SaysAndDoes partyId={p.id} />
          <h2>{t("sources.title")}</h2>
          <Sources sources={p.sources} />
        </article>
      )}
    </Status>
  );
}
