import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { type IntakeAnswer, percent } from "./types";

export type TakeInResult =
  | { kind: "taken"; answer: IntakeAnswer }
  | { kind: "failed"; code: string; message: string };

const documentHref = (id: string) => `/documents/${encodeURIComponent(id)}`;

/** What became of a source: a new document, one already held, near-duplicates found, or the reason it failed. */
export function IntakeOutcome({ result }: { result: TakeInResult }) {
  const { t } = useTranslation();
  if (result.kind === "failed")
    return (
      <div className="error intake-outcome" role="alert">
        <strong>{t("intake.failed")}</strong> {result.message} <code>{result.code}</code>
      </div>
    );
  const { answer } = result;
  const near = answer.intake.nearDuplicates ?? [];
  return (
    <div className="intake-outcome" role="status">
      {answer.intake.outcome === "created" ? (
        <p>
          {t("intake.created")} <Link to={documentHref(answer.id)}>{answer.title}</Link>
        </p>
      ) : (
        <p>
          {t("intake.alreadyHeld")} <Link to={documentHref(answer.id)}>{answer.title}</Link>{" "}
          <span className="muted">{t("intake.sightingAdded")}</span>
        </p>
      )}
      {near.length > 0 && (
        <>
          <p>{t("intake.nearDuplicates", { count: near.length })}</p>
          <ul>
            {near.map((duplicate) => (
              <li key={duplicate.documentId}>
                <Link to={documentHref(duplicate.documentId)}>{duplicate.documentId}</Link>{" "}
                <span className="muted">
                  {t("intake.similarity", {
                    score: percent(duplicate.score),
                    containment: percent(duplicate.containment),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
