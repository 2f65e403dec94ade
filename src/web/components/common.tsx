import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { LocalizedName, SourceRef } from "../../domain/common";
import type { ApiError, Level } from "../api";
import { useProcess } from "../process-context";
import { safeHref } from "./safeHref";

export function DemoBanner() {
  const { t } = useTranslation();
  const { process } = useProcess();
  if (!process?.isDemonstration) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      <strong>{t("demo.title")}</strong> {t("demo.text")}
    </div>
  );
}

export function Status({
  loading,
  error,
  children,
}: {
  loading: boolean;
  error?: ApiError;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (error)
    return (
      <div className="error" role="alert">
        {error.status === 404 ? t("status.notFound") : t("status.error")}: {error.message}
      </div>
    );
  if (loading) return <p className="muted">{t("status.loading")}</p>;
  return <>{children}</>;
}

/** Every name of a record, each with the parties that use it; none is singled out. */
export function Names({ names }: { names: LocalizedName[] }) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  return (
    <ul className="names">
      {names.map((name) => (
        <li key={`${name.lang}-${name.text}`}>
          <span lang={name.lang} className="name">
            {name.text}
          </span>{" "}
          <span className="muted">
            ({name.lang}
            {name.usedBy.length > 0 && (
              <>; {t("names.usedBy", { parties: name.usedBy.map(partyName).join(", ") })}</>
            )}
            )
          </span>
          {name.note && <span className="muted"> — {name.note}</span>}
        </li>
      ))}
    </ul>
  );
}

/** All names joined, in the record's order, for compact places such as table cells. */
export const allNames = (names: LocalizedName[]) => [...new Set(names.map((n) => n.text))].join(" / ");

export function Sources({ sources }: { sources: SourceRef[] }) {
  const { t } = useTranslation();
  if (sources.length === 0) return <p className="muted">{t("sources.none")}</p>;
  return (
    <ul className="sources">
      {sources.map((source, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sources have no id and never reorder
        <li key={index}>
          {source.documentId ? (
            <Link to={`/documents/${encodeURIComponent(source.documentId)}`}>
              {source.title ?? t("sources.document")}
            </Link>
          ) : (
            <a href={safeHref(source.url)} rel="noreferrer noopener">
              {source.title ?? source.url}
            </a>
          )}
          {source.publisher && <span className="muted"> — {source.publisher}</span>}
          {source.publishedOn && <span className="muted"> ({source.publishedOn})</span>}
          {source.quote && <blockquote>{source.quote}</blockquote>}
          {source.note && <div className="muted">{source.note}</div>}
        </li>
      ))}
    </ul>
  );
}

export function PartyLinks({ ids }: { ids: string[] }) {
  const { partyName } = useProcess();
  if (ids.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 && ", "}
          <Link to={`/parties/${encodeURIComponent(id)}`}>{partyName(id)}</Link>
        </span>
      ))}
    </>
  );
}

export function LevelBadge({ level }: { level: Level | undefined }) {
  const { t } = useTranslation();
  const key = level === undefined ? "none" : level === null ? "na" : String(level);
  return <span className={`level level-${key}`}>{t(`level.${key}`)}</span>;
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag">{children}</span>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A level with what qualifies it: when it was assessed, whether it fell back, whether it is overdue. */
export function ObligationLevel({
  level,
  assessedOn,
  reversed,
  overdueSince,
}: {
  level?: Level;
  assessedOn?: string;
  reversed?: boolean;
  overdueSince?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <LevelBadge level={level} /> {assessedOn && <span className="muted small">({assessedOn})</span>}
      {reversed && <span className="flag"> {t("level.reversed")}</span>}
      {overdueSince && (
        <div className="flag small">{t("commitment.overdueSince", { date: overdueSince })}</div>
      )}
    </>
  );
}

/** An as-of date picker that cannot pick the future (the API refuses it). */
export function AsOfInput({ value, onChange }: { value: string; onChange: (date: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t("dashboard.asOf")}{" "}
      <input
        type="date"
        value={value}
        max={new Date().toISOString().slice(0, 10)}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
