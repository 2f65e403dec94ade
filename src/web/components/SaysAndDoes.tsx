import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type {
  AllegedIncident,
  CommitmentSaysAndDoes,
  DoneAssessment,
  MonthCount,
  PartySaysAndDoes,
  SaidClaim,
} from "../../domain/says-and-does";
import { type Level, query, useApi } from "../api";
import { LevelBadge, Status } from "./common";

/**
 * "Says and does" (issue #11, item 3): what a party said — its confirmed claims — on one time axis
 * with what it did — the assessments of what it owes (a step line, levels 0–3) and the incidents
 * alleged against it (ticks) — with each claim's source passage one click away in the list below.
 * Plain SVG, no chart library, so the section costs the page nothing to load; the default export
 * lets a page take it with React.lazy all the same.
 */

type Subject = { partyId: string } | { commitmentId: string };
type Answer = PartySaysAndDoes | CommitmentSaysAndDoes;

const claimColours: Record<SaidClaim["claimType"], string> = {
  alleges_violation: "#b3261e",
  denies: "#6d4c9f",
  calls_on: "#1f5fa8",
  commits: "#2e7d32",
  threatens: "#e65100",
  demands: "#8d6e00",
};

/** Where the document page opens the claim's passage (offsets into the original text). */
const passageHref = (claim: SaidClaim) =>
  `/documents/${encodeURIComponent(claim.documentId)}?passage=${claim.spanStart}-${claim.spanEnd}`;

export function SaysAndDoes(subject: Subject) {
  const { t } = useTranslation();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const base =
    "partyId" in subject
      ? `/api/parties/${encodeURIComponent(subject.partyId)}/says-and-does`
      : `/api/commitments/${encodeURIComponent(subject.commitmentId)}/says-and-does`;
  const answer = useApi<Answer>(`${base}${query({ from, to })}`);
  const data = answer.data;
  const isEmpty = data && data.claims.length + data.assessments.length + data.incidents.length === 0;
  return (
    <section className="says-and-does" aria-labelledby="says-and-does-title">
      <h2 id="says-and-does-title">{t("saysAndDoes.title")}</h2>
      <p className="muted">{t("saysAndDoes.intro")}</p>
      <p className="says-and-does-range">
        <label>
          {t("saysAndDoes.from")} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>{" "}
        <label>
          {t("saysAndDoes.to")} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </p>
      <Status loading={answer.loading && !data} error={answer.error}>
        {isEmpty && <p className="muted">{t("saysAndDoes.empty")}</p>}
        {data && !isEmpty && (
          <>
            {data.truncated && <p className="flag">{t("saysAndDoes.truncated")}</p>}
            <Timeline answer={data} byParty={"commitmentId" in subject} />
            {"threatsPerMonth" in data && <ThreatBars months={data.threatsPerMonth} />}
            <ClaimList claims={data.claims} showParty={"commitmentId" in subject} />
            <AssessmentList assessments={data.assessments} byParty={"commitmentId" in subject} />
            <IncidentList incidents={data.incidents} />
          </>
        )}
      </Status>
    </section>
  );
}

export default SaysAndDoes;

const width = 720;
const left = 110;
const right = 12;
const claimBand = { top: 12, height: 44 };
const levelBand = { top: 72, height: 66 };
const incidentBand = { top: 150, height: 14 };
const height = 186;

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The x scale over every dated thing shown (a single day gets a month either side). */
function scaleOf(dates: string[]) {
  const times = dates.map(day);
  let start = Math.min(...times);
  let end = Math.max(...times);
  if (start === end) {
    start -= 30 * 86_400_000;
    end += 30 * 86_400_000;
  }
  const x = (date: string) => left + ((day(date) - start) / (end - start)) * (width - left - right);
  return {
    x,
    start: new Date(start).toISOString().slice(0, 10),
    end: new Date(end).toISOString().slice(0, 10),
  };
}

/** Assessments grouped into one step line each: per commitment on a party's page, per party on a commitment's. */
function stepLines(assessments: DoneAssessment[], byParty: boolean) {
  const lines = new Map<string, DoneAssessment[]>();
  for (const assessment of assessments) {
    const key = byParty ? assessment.partyId : assessment.commitmentId;
    lines.set(key, [...(lines.get(key) ?? []), assessment]);
  }
  return [...lines];
}

function Timeline({ answer, byParty }: { answer: Answer; byParty: boolean }) {
  const { t } = useTranslation();
  const dates = [
    ...answer.claims.map((c) => c.date),
    ...answer.assessments.map((a) => a.asOf),
    ...answer.incidents.map((i) => i.date),
    ...[answer.from, answer.to].filter((d): d is string => d !== null),
  ];
  const { x, start, end } = scaleOf(dates);
  const levelY = (level: number) => levelBand.top + levelBand.height - (level / 3) * levelBand.height;
  const label = t("saysAndDoes.chartLabel", {
    claims: answer.claims.length,
    assessments: answer.assessments.length,
    incidents: answer.incidents.length,
    start,
    end,
  });
  const types = [...new Set(answer.claims.map((c) => c.claimType))];
  return (
    <figure className="says-and-does-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%">
        <text x={4} y={claimBand.top + claimBand.height / 2} className="axis-label">
          {t("saysAndDoes.claims")}
        </text>
        <text x={4} y={levelBand.top + levelBand.height / 2} className="axis-label">
          {t("saysAndDoes.assessments")}
        </text>
        <text x={4} y={incidentBand.top + incidentBand.height} className="axis-label">
          {t("saysAndDoes.incidents")}
        </text>
        {[0, 1, 2, 3].map((level) => (
          <text
            key={`label-${level}`}
            x={left - 6}
            y={levelY(level) + 3}
            textAnchor="end"
            className="axis-label"
          >
            {level}
          </text>
        ))}
        {[0, 1, 2, 3].map((level) => (
          <line
            key={level}
            x1={left}
            x2={width - right}
            y1={levelY(level)}
            y2={levelY(level)}
            stroke="#e3e3e3"
          />
        ))}
        {answer.claims.map((claim, index) => (
          <circle
            key={claim.id}
            cx={x(claim.date)}
            // Claims of one type share a row, so a day's several claims stay apart by type.
            cy={claimBand.top + ((types.indexOf(claim.claimType) + 0.5) / types.length) * claimBand.height}
            r={4}
            fill={claimColours[claim.claimType]}
            data-index={index}
          >
            <title>{`${claim.date} ${t(`extraction.claimType.${claim.claimType}`)}: ${claim.text}`}</title>
          </circle>
        ))}
        {stepLines(answer.assessments, byParty).map(([key, line]) => (
          <polyline
            key={key}
            fill="none"
            stroke="#1f5fa8"
            strokeWidth={2}
            strokeOpacity={0.7}
            points={stepPoints(line, x, levelY, x(end))}
          >
            <title>{line[0] ? (byParty ? line[0].partyName : line[0].commitmentTitle) : key}</title>
          </polyline>
        ))}
        {answer.incidents.map((incident) => (
          <line
            key={incident.id}
            x1={x(incident.date)}
            x2={x(incident.date)}
            y1={incidentBand.top}
            y2={incidentBand.top + incidentBand.height}
            stroke="#b3261e"
            strokeWidth={2}
          >
            <title>{`${incident.date} ${incident.title}`}</title>
          </line>
        ))}
        <text x={left} y={height - 4} className="axis-label">
          {start}
        </text>
        <text x={width - right} y={height - 4} textAnchor="end" className="axis-label">
          {end}
        </text>
      </svg>
      <figcaption className="says-and-does-legend">
        {types.map((type) => (
          <span key={type}>
            <svg width="10" height="10" aria-hidden="true">
              <circle cx="5" cy="5" r="4" fill={claimColours[type]} />
            </svg>{" "}
            {t(`extraction.claimType.${type}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A step line: each level holds until the next assessment; an unassessable (null) one breaks it at 0. */
function stepPoints(
  line: DoneAssessment[],
  x: (date: string) => number,
  levelY: (level: number) => number,
  endX: number,
): string {
  const points: string[] = [];
  line.forEach((assessment, index) => {
    const y = levelY(assessment.level ?? 0);
    const next = line[index + 1];
    points.push(`${x(assessment.asOf)},${y}`, `${next ? x(next.asOf) : endX},${y}`);
  });
  return points.join(" ");
}

function ThreatBars({ months }: { months: MonthCount[] }) {
  const { t } = useTranslation();
  if (months.length === 0) return <p className="muted">{t("saysAndDoes.threatsNone")}</p>;
  const most = Math.max(...months.map((m) => m.count));
  const barWidth = 48;
  const chartHeight = 80;
  const label = t("saysAndDoes.threatsLabel", {
    months: months.map((m) => `${m.month}: ${m.count}`).join("; "),
  });
  return (
    <figure className="says-and-does-threats">
      <figcaption>{t("saysAndDoes.threats")}</figcaption>
      <svg
        viewBox={`0 0 ${months.length * barWidth + 4} ${chartHeight + 28}`}
        width={months.length * barWidth + 4}
        height={chartHeight + 28}
        role="img"
        aria-label={label}
      >
        {months.map((month, index) => {
          const barHeight = (month.count / most) * chartHeight;
          return (
            <g key={month.month} transform={`translate(${index * barWidth + 2},0)`}>
              <rect
                x={3}
                y={chartHeight - barHeight + 12}
                width={barWidth - 6}
                height={barHeight}
                fill="#e65100"
              />
              <text
                x={barWidth / 2}
                y={chartHeight - barHeight + 10}
                textAnchor="middle"
                className="axis-label"
              >
                {month.count}
              </text>
              <text x={barWidth / 2} y={chartHeight + 24} textAnchor="middle" className="axis-label">
                {month.month}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function ClaimList({ claims, showParty }: { claims: SaidClaim[]; showParty: boolean }) {
  const { t } = useTranslation();
  if (claims.length === 0) return null;
  return (
    <>
      <h3>{t("saysAndDoes.claims")}</h3>
      <ul className="says-and-does-claims">
        {claims.map((claim) => (
          <li key={claim.id}>
            <span className="muted">
              {claim.date}
              {claim.dateSource === "received" && ` (${t("saysAndDoes.received")})`}
            </span>{" "}
            <span className={`tag claim-type claim-type-${claim.claimType}`}>
              {t(`extraction.claimType.${claim.claimType}`)}
            </span>{" "}
            {showParty && claim.partyId && (
              <>
                <Link to={`/parties/${encodeURIComponent(claim.partyId)}`}>
                  {claim.partyName ?? claim.partyId}
                </Link>
                {": "}
              </>
            )}
            <q>{claim.text}</q> — <Link to={passageHref(claim)}>{claim.documentTitle}</Link>{" "}
            <span className="muted">({t("saysAndDoes.source")})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function AssessmentList({ assessments, byParty }: { assessments: DoneAssessment[]; byParty: boolean }) {
  const { t } = useTranslation();
  if (assessments.length === 0) return null;
  return (
    <>
      <h3>{t("saysAndDoes.assessments")}</h3>
      <ul>
        {assessments.map((a) => (
          <li key={a.id}>
            <span className="muted">{a.asOf}</span> <LevelBadge level={a.level as Level} />{" "}
            {byParty ? (
              <Link to={`/parties/${encodeURIComponent(a.partyId)}`}>{a.partyName}</Link>
            ) : (
              <Link to={`/commitments/${encodeURIComponent(a.commitmentId)}`}>{a.commitmentTitle}</Link>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function IncidentList({ incidents }: { incidents: AllegedIncident[] }) {
  const { t } = useTranslation();
  if (incidents.length === 0) return null;
  return (
    <>
      <h3>{t("saysAndDoes.incidents")}</h3>
      <ul>
        {incidents.map((incident) => (
          <li key={incident.id}>
            <span className="muted">{incident.date}</span>{" "}
            <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
