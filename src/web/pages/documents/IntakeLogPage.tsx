import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { query, useApi } from "../../api";
import { Status } from "../../components/common";
import { useProcess } from "../../process-context";
import { dateTime } from "./DocumentSections";
import type { IntakeListItem } from "./types";

const outcomes = ["", "failed", "created", "sighting"] as const;

/** The intake log (staff): every source taken in, seen again, or refused — with the reason. */
export function IntakeLogPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const [outcome, setOutcome] = useState<(typeof outcomes)[number]>("");
  const intakes = useApi<{ items: IntakeListItem[] }>(
    process ? `/api/document-intakes${query({ processId: process.id, outcome, limit: 200 })}` : null,
  );
  return (
    <section>
      <h1>{t("intakes.title")}</h1>
      <label className="filter">
        {t("intakes.outcome")}{" "}
        <select value={outcome} onChange={(event) => setOutcome(event.target.value as typeof outcome)}>
          {outcomes.map((option) => (
            <option key={option} value={option}>
              {option ? t(`intakes.outcomes.${option}`) : t("common.all")}
            </option>
          ))}
        </select>
      </label>
      <Status loading={intakes.loading && !intakes.data} error={intakes.error}>
        {intakes.data?.items.length === 0 && <p className="muted">{t("intakes.none")}</p>}
        <table className="intake-log">
          <thead>
            <tr>
              <th>{t("intakes.at")}</th>
              <th>{t("intakes.outcome")}</th>
              <th>{t("documents.sightings.via")}</th>
              <th>{t("documents.sightings.location")}</th>
              <th>{t("documents.sightings.actor")}</th>
            </tr>
          </thead>
          <tbody>
            {intakes.data?.items.map((item) => (
              <tr key={item.id} className={`intake-${item.outcome}`}>
                <td>{dateTime(item.at)}</td>
                <td>
                  {item.documentId ? (
                    <Link to={`/documents/${encodeURIComponent(item.documentId)}`}>
                      {t(`intakes.outcomes.${item.outcome}`)}
                    </Link>
                  ) : (
                    t(`intakes.outcomes.${item.outcome}`)
                  )}
                  {item.outcome === "failed" && (
                    <div className="error-text">
                      {item.errorMessage} {item.errorCode && <code>{item.errorCode}</code>}
                    </div>
                  )}
                </td>
                <td>{t(`documents.via.${item.via}`)}</td>
                <td className="break">{item.location || "—"}</td>
                <td>{item.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </section>
  );
}
