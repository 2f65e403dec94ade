import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExtractionDecision, ExtractionItemView } from "../../../domain/extraction";
import { query, type Rec, useApi } from "../../api";
import type { PassageContext } from "./PassageActions";

type Correction = NonNullable<ExtractionDecision["correction"]>;
type ActorValue = { text: string; recordId: string | null } | null;
type ClaimType = NonNullable<ExtractionItemView["claimType"]>;

// The claim types of domain/extraction.ts, typed against it: the browser takes no zod schema.
const claimTypes = [
  "alleges_violation",
  "denies",
  "calls_on",
  "commits",
  "threatens",
  "demands",
] as const satisfies readonly ClaimType[];

const otherValue = "__other__";

/**
 * Who speaks, claims or is targeted: one of the persons and parties the document names, a name typed
 * in (kept as text, with no record), or nobody.
 */
function ActorChoice({
  label,
  value,
  onChange,
  context,
}: {
  label: string;
  value: ActorValue;
  onChange: (value: ActorValue) => void;
  context: PassageContext;
}) {
  const { t } = useTranslation();
  const id = useId();
  const known = value?.recordId && context.actors.some((actor) => actor.id === value.recordId);
  const [typing, setTyping] = useState(value !== null && !known);
  const selectValue = typing ? otherValue : (value?.recordId ?? "");
  return (
    <div className="x-actor-choice">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={selectValue}
        onChange={(event) => {
          const chosen = event.target.value;
          setTyping(chosen === otherValue);
          if (chosen === otherValue) onChange({ text: value?.text ?? "", recordId: null });
          else if (chosen === "") onChange(null);
          else
            onChange({
              text: context.actors.find((actor) => actor.id === chosen)?.name ?? chosen,
              recordId: chosen,
            });
        }}
      >
        <option value="">{t("extraction.nobody")}</option>
        {context.actors.map((actor) => (
          <option key={actor.id} value={actor.id}>
            {actor.name}
          </option>
        ))}
        <option value={otherValue}>{t("extraction.typeName")}</option>
      </select>
      {typing && (
        <input
          aria-label={t("extraction.nameOf", { what: label })}
          value={value?.text ?? ""}
          maxLength={300}
          onChange={(event) => onChange({ text: event.target.value, recordId: null })}
        />
      )}
    </div>
  );
}

const actorOf = (named: { id: string | null; name: string } | null | undefined): ActorValue =>
  named ? { text: named.name, recordId: named.id } : null;

/** What a reviewer may change: the speaker, the claim and its link, the day, the record named. */
export function CorrectionForm({
  item,
  context,
  onCorrect,
  onCancel,
}: {
  item: ExtractionItemView;
  context: PassageContext;
  onCorrect: (correction: Correction) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [speaker, setSpeaker] = useState(actorOf(item.speaker));
  const [claimType, setClaimType] = useState<ClaimType>(item.claimType ?? "alleges_violation");
  const [claimant, setClaimant] = useState(actorOf(item.claimant));
  const [target, setTarget] = useState(actorOf(item.target));
  const firstCommitment = item.bearsOn?.find((link) => link.kind === "commitment")?.id ?? "";
  const [commitmentId, setCommitmentId] = useState(firstCommitment);
  const [start, setStart] = useState(item.resolved?.start ?? "");
  const [end, setEnd] = useState(item.resolved?.end ?? "");
  const [recordId, setRecordId] = useState(item.record?.id ?? "");
  const commitments = useApi<{ items: Rec<"commitments">[] }>(
    item.kind === "claim" ? `/api/commitments${query({ processId: context.processId, limit: 500 })}` : null,
  );

  const correction = (): Correction => {
    if (item.kind === "quote") return { speaker };
    if (item.kind === "date") return { resolved: start ? { start, end: end || start } : null };
    if (item.kind === "mention") return { recordId: recordId.trim() || null };
    const others = (item.bearsOn ?? [])
      .filter((link) => link.kind !== "commitment")
      .map(({ kind, id, score }) => ({ kind, id, score }));
    return {
      claimType,
      claimant,
      target,
      bearsOn: commitmentId ? [{ kind: "commitment", id: commitmentId, score: 1 }, ...others] : others,
    };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCorrect(correction());
  };

  return (
    <form className="x-correction" onSubmit={submit} data-testid="correction-form">
      {item.kind === "quote" && (
        <ActorChoice
          label={t("extraction.speaker")}
          value={speaker}
          onChange={setSpeaker}
          context={context}
        />
      )}
      {item.kind === "claim" && (
        <>
          <label>
            {t("extraction.claimTypeLabel")}
            <select value={claimType} onChange={(event) => setClaimType(event.target.value as ClaimType)}>
              {claimTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`extraction.claimType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <ActorChoice
            label={t("extraction.claimant")}
            value={claimant}
            onChange={setClaimant}
            context={context}
          />
          <ActorChoice label={t("extraction.target")} value={target} onChange={setTarget} context={context} />
          <label>
            {t("extraction.commitment")}
            <select value={commitmentId} onChange={(event) => setCommitmentId(event.target.value)}>
              <option value="">{t("extraction.noCommitment")}</option>
              {commitments.data?.items.map((commitment) => (
                <option key={commitment.id} value={commitment.id}>
                  {commitment.title}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {item.kind === "date" && (
        <>
          <label>
            {t("extraction.start")}
            <input type="date" value={start} onChange={(event) => setStart(event.target.value)} />
          </label>
          <label>
            {t("extraction.end")}
            <input type="date" value={end} min={start} onChange={(event) => setEnd(event.target.value)} />
          </label>
        </>
      )}
      {item.kind === "mention" && (
        <label>
          {t("extraction.recordId")}
          <input value={recordId} maxLength={120} onChange={(event) => setRecordId(event.target.value)} />
        </label>
      )}
      <div className="x-actions">
        <button type="submit">{t("extraction.saveCorrection")}</button>
        <button type="button" onClick={onCancel}>
          {t("extraction.cancel")}
        </button>
      </div>
    </form>
  );
}
