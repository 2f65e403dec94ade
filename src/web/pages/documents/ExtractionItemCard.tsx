import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ExtractionDecision, ExtractionItemView } from "../../../domain/extraction";
import { ApiError } from "../../api";
import { sendJson } from "../../session";
import { dateTime } from "./DocumentSections";
import { CorrectionForm } from "./ExtractionCorrection";
import { spanStyleOf, suggestedPersonOf } from "./extraction-spans";
import { PassageActions, type PassageContext } from "./PassageActions";

type Named = { id: string | null; name: string } | null | undefined;

/** Where a named record is shown, when it has a page of its own. */
const pathOf: Record<string, string> = { party: "/parties", place: "/places", commitment: "/commitments" };

function NamedLink({ named, kind }: { named: Named; kind?: string }) {
  const { t } = useTranslation();
  if (!named) return <span className="muted">{t("extraction.unknown")}</span>;
  const path = kind ? pathOf[kind] : undefined;
  return named.id && path ? (
    <Link to={`${path}/${encodeURIComponent(named.id)}`}>{named.name}</Link>
  ) : (
    <span>{named.name}</span>
  );
}

/** Whom an actor id names: a party when one of the document's party mentions resolves to it. */
const actorKind = (context: PassageContext, named: Named) =>
  named?.id && context.actors.some((actor) => actor.id === named.id && actor.kind === "party")
    ? "party"
    : undefined;

/** What the item says, resolved: the record named, the speaker, who claims what of whom, the day. */
function Resolved({ item, context }: { item: ExtractionItemView; context: PassageContext }) {
  const { t } = useTranslation();
  if (item.kind === "mention") {
    const suggested = suggestedPersonOf(item);
    return (
      <p className="x-resolved">
        → <NamedLink named={item.record} kind={item.mentionKind} />
        {suggested && (
          <span className="muted">
            {" "}
            {t("extraction.suggestedPerson", { name: suggested.name, office: suggested.office ?? "—" })}
          </span>
        )}
      </p>
    );
  }
  if (item.kind === "quote")
    return (
      <p className="x-resolved" data-testid="quote-speaker">
        — <NamedLink named={item.speaker} kind={actorKind(context, item.speaker)} />
      </p>
    );
  if (item.kind === "claim")
    return (
      <>
        <p className="x-resolved" data-testid="claim-summary">
          <NamedLink named={item.claimant} kind={actorKind(context, item.claimant)} /> →{" "}
          <strong>{item.claimType ? t(`extraction.claimType.${item.claimType}`) : "—"}</strong> →{" "}
          <NamedLink named={item.target} kind={actorKind(context, item.target)} />
        </p>
        {item.bearsOn && item.bearsOn.length > 0 && (
          <p className="x-bears-on">
            {t("extraction.bearsOn")}{" "}
            {item.bearsOn.map((link, index) => (
              <span key={`${link.kind}:${link.id}`}>
                {index > 0 && "; "}
                <NamedLink named={{ id: link.id, name: link.title }} kind={link.kind} />{" "}
                <span className="muted">({Math.round(link.score * 100)} %)</span>
              </span>
            ))}
          </p>
        )}
      </>
    );
  return (
    <p className="x-resolved">
      {item.resolved ? (
        <>
          {item.resolved.start === item.resolved.end
            ? item.resolved.start
            : t("extraction.range", item.resolved)}
          {item.approximate && <span className="muted"> ({t("extraction.approximate")})</span>}
        </>
      ) : (
        <span className="muted">{t("extraction.unresolvedDate")}</span>
      )}
    </p>
  );
}

const excerpt = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}…` : text);

/** One suggestion with what it resolved to, who decided it, and (for reviewers) the decisions. */
export function ExtractionItemCard({
  item,
  context,
  selected,
  onSelect,
  onChanged,
}: {
  item: ExtractionItemView;
  context: PassageContext;
  selected: boolean;
  onSelect: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const [error, setError] = useState<string>();
  const decide = async (decision: ExtractionDecision) => {
    setError(undefined);
    try {
      await sendJson("POST", `/api/extraction-items/${encodeURIComponent(item.id)}/decision`, decision);
      setCorrecting(false);
      onChanged();
    } catch (caught) {
      const details = caught instanceof ApiError ? caught.details.map((d) => `${d.path}: ${d.message}`) : [];
      setError([caught instanceof Error ? caught.message : String(caught), ...details].join(" "));
    }
  };
  const style = spanStyleOf(item);
  return (
    <li
      className={`x-item x-item-${item.status}${selected ? " x-item-selected" : ""}`}
      data-item-id={item.id}
      data-testid={`extraction-item-${item.kind}`}
    >
      <div className="x-item-head">
        <mark className={`x-span x-${style}`}>{t(`extraction.style.${style}`)}</mark>{" "}
        <span className={`tag x-status-${item.status}`}>{t(`extraction.status.${item.status}`)}</span>{" "}
        <span className="muted">
          {t("extraction.confidence", { percent: Math.round(item.confidence * 100) })} ·{" "}
          {t("extraction.rule", { rule: item.rule })}
        </span>{" "}
        <button type="button" className="link-button" onClick={onSelect} aria-pressed={selected}>
          {t("extraction.showInText")}
        </button>
      </div>
      <blockquote className="x-item-text">{excerpt(item.text)}</blockquote>
      <Resolved item={item} context={context} />
      {item.decidedBy && item.decidedAt && (
        <p className="muted small" data-testid="decided">
          {t(`extraction.decidedBy.${item.status}`, { by: item.decidedBy })} · {dateTime(item.decidedAt)}
        </p>
      )}
      {context.mayReview && (
        <div className="x-actions">
          {item.status !== "accepted" && (
            <button type="button" onClick={() => decide({ action: "accept" })}>
              {t("extraction.accept")}
            </button>
          )}
          {item.status !== "rejected" && (
            <button type="button" onClick={() => decide({ action: "reject" })}>
              {t("extraction.reject")}
            </button>
          )}
          <button type="button" aria-expanded={correcting} onClick={() => setCorrecting(!correcting)}>
            {t("extraction.correct")}
          </button>
          {item.status !== "suggested" && (
            <button type="button" onClick={() => decide({ action: "reopen" })}>
              {t("extraction.reopen")}
            </button>
          )}
        </div>
      )}
      {context.mayReview && correcting && (
        <CorrectionForm
          item={item}
          context={context}
          onCorrect={(correction) => decide({ action: "correct", correction })}
          onCancel={() => setCorrecting(false)}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {context.mayReview && <PassageActions item={item} context={context} onChanged={onChanged} />}
    </li>
  );
}
