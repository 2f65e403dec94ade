import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { GoverningCommitment } from "../../domain/corridor";
import { ObligationLevel } from "./common";

/**
 * What was promised for a place: each commitment that names it, with the latest confirmed assessment
 * of every obligor as of the page's date. An obligor nobody has assessed says so; it is not scored.
 */
export function GoverningCommitments({
  commitments,
  partyName,
}: {
  commitments: GoverningCommitment[];
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  if (commitments.length === 0) return <p className="muted">{t("corridor.promised.none")}</p>;
  return (
    <ul className="plain governing">
      {commitments.map((c) => (
        <li key={c.id} className="reading" data-testid="governing-commitment">
          {c.agreementId && (
            <p className="muted small">
              <Link
                to={`/agreements/${encodeURIComponent(c.agreementId)}${c.provisionPath ? `#point-${c.provisionPath}` : ""}`}
              >
                {c.provisionPath
                  ? t("agreement.pointOf", {
                      agreement: c.agreementTitle ?? c.agreementId,
                      path: c.provisionPath,
                    })
                  : (c.agreementTitle ?? c.agreementId)}
              </Link>
            </p>
          )}
          <h3>
            <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link>
          </h3>
          <p className="small">{c.action}</p>
          <table className="small">
            <thead>
              <tr>
                <th>{t("commitment.obligor")}</th>
                <th>{t("commitment.level")}</th>
                <th>{t("corridor.promised.rationale")}</th>
              </tr>
            </thead>
            <tbody>
              {c.obligors.map(({ partyId, assessment }) => (
                <tr key={partyId}>
                  <td>
                    <Link to={`/parties/${encodeURIComponent(partyId)}`}>{partyName(partyId)}</Link>
                  </td>
                  <td>
                    {assessment ? (
                      <ObligationLevel
                        level={assessment.level}
                        assessedOn={assessment.asOf}
                        reversed={assessment.reversed}
                      />
                    ) : (
                      <ObligationLevel />
                    )}
                  </td>
                  <td>
                    {assessment ? (
                      <>
                        {assessment.rationale}
                        <div className="muted">{t("commitment.assessor", { name: assessment.assessor })}</div>
                      </>
                    ) : (
                      <span className="muted">{t("corridor.promised.notAssessed")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}
