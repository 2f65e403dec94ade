import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ComplianceGroup } from "../../domain/compliance";
import { query, useApi } from "../api";
import { Status } from "../components/common";
import { useProcess } from "../process-context";

export type { ComplianceGroup };

interface Compliance {
  asOf: string;
  groups: ComplianceGroup[];
  method: string;
}

export const formatIndex = (index: number | null) =>
  index === null ? "—" : (Math.round(index * 10) / 10).toFixed(1);

function IndexBar({ index }: { index: number | null }) {
  if (index === null) return null;
  return (
    <span className="bar" aria-hidden="true">
      <span style={{ width: `${index}%` }} />
    </span>
  );
}

/** The process dashboard: the index per party (or category, or agreement) as of a chosen date. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { process, partyName } = useProcess();
  const [asOf, setAsOf] = useState("");
  const [since, setSince] = useState("");
  const [groupBy, setGroupBy] = useState<"party" | "category" | "agreement">("party");
  const compliance = useApi<Compliance>(
    process ? `/api/compliance${query({ process: process.id, asOf, groupBy })}` : null,
  );
  const label = (key: string) =>
    groupBy === "party"
      ? partyName(key)
      : groupBy === "category"
        ? t(`category.${key}`, { defaultValue: key })
        : key;
  const today = new Date().toISOString().slice(0, 10);
  const reportQuery = query({ process: process?.id, asOf, since });
  return (
    <section>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.intro")}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("dashboard.asOf")}{" "}
          <input type="date" value={asOf} max={today} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <label>
          {t("dashboard.groupBy")}{" "}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
            <option value="party">{t("dashboard.byParty")}</option>
            <option value="category">{t("dashboard.byCategory")}</option>
            <option value="agreement">{t("dashboard.byAgreement")}</option>
          </select>
        </label>
      </form>
      <Status loading={compliance.loading && !compliance.data} error={compliance.error}>
        {compliance.data && (
          <>
            <p className="muted">{t("dashboard.asOfValue", { date: compliance.data.asOf })}</p>
            <table data-testid="compliance-table">
              <thead>
                <tr>
                  <th>{t(`dashboard.group.${groupBy}`)}</th>
                  <th>{t("dashboard.index")}</th>
                  <th>{t("dashboard.assessed")}</th>
                  <th>{t("dashboard.unassessed")}</th>
                  <th>{t("dashboard.notApplicable")}</th>
                  <th>{t("dashboard.overdue")}</th>
                  <th>{t("dashboard.pastDueUnassessed")}</th>
                  <th>{t("dashboard.reversals")}</th>
                </tr>
              </thead>
              <tbody>
                {compliance.data.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">
                      {groupBy === "party" ? (
                        <Link to={`/parties/${encodeURIComponent(g.key)}`}>{label(g.key)}</Link>
                      ) : (
                        label(g.key)
                      )}
                    </th>
                    <td className="num">
                      {formatIndex(g.index)} <IndexBar index={g.index} />
                    </td>
                    <td className="num">
                      {g.assessed} / {g.pairs}
                    </td>
                    <td className="num">{g.unassessed}</td>
                    <td className="num">{g.notApplicable}</td>
                    <td className="num">{g.overdue}</td>
                    <td className="num">{g.pastDueUnassessed}</td>
                    <td className="num">{g.reversals}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t("report.title")}</h2>
            <form className="filters" onSubmit={(e) => e.preventDefault()}>
              <label>
                {t("report.since")}{" "}
                <input
                  type="date"
                  value={since}
                  max={asOf || today}
                  onChange={(e) => setSince(e.target.value)}
                />
              </label>
              <a
                className="button"
                href={`/api/reports/implementation${reportQuery}&format=html`}
                target="_blank"
                rel="noreferrer"
              >
                {t("report.html")}
              </a>
              <a className="button" href={`/api/reports/implementation${reportQuery}&format=pdf`}>
                {t("report.pdf")}
              </a>
            </form>
            <details>
              <summary>{t("dashboard.method")}</summary>
              <pre className="method">{compliance.data.method}</pre>
            </details>
          </>
        )}
      </Status>
    </section>
  );
}
