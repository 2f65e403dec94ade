import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccessStatus } from "../../domain/events";
import { monitoringIncidentTypes } from "../../domain/incident-types";
import { ApiError, query, type Rec, useApi } from "../api";
import { useProcess } from "../process-context";
import { sendJson } from "../session";

/**
 * The forms of a party's submissions (issue #9, item 6). Each posts to the kind's ordinary create
 * route; for a representative the API stores the record as a draft claim of their party, whatever the
 * body says (src/services/records.ts), so these forms never send who speaks.
 */

export type ClaimPath = "documents" | "incidents" | "access-observations";
export type Submitted = {
  path: ClaimPath;
  id: string;
  label: string;
  reviewState: string;
  claimOfPartyId?: string;
  allowedActions?: string[];
  placeId?: string;
};

const evidenceKinds = ["report", "news_article", "interview", "court_order", "official_statement"] as const;
// The statuses of domain/events.ts (accessStatuses), typed against it: the browser takes no zod schema.
const accessStatuses = ["open", "restricted", "closed"] as const satisfies readonly AccessStatus[];

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const sourcesOf = (url: string) => (url ? [{ url }] : []);

/** One form: sends what `build` makes of its fields, and hands the created record up. */
function ClaimForm({
  path,
  testId,
  build,
  onSubmitted,
  children,
}: {
  path: ClaimPath;
  testId: string;
  build: (form: FormData) => { body: Record<string, unknown>; label: string };
  onSubmitted: (submitted: Submitted) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { body, label } = build(new FormData(element));
    setSending(true);
    setError(undefined);
    try {
      const created = await sendJson<Submitted & { placeId?: string }>("POST", `/api/${path}`, body);
      element.reset();
      onSubmitted({ ...created, path, label });
    } catch (caught) {
      const details = caught instanceof ApiError ? caught.details.map((d) => `${d.path}: ${d.message}`) : [];
      setError([caught instanceof Error ? caught.message : String(caught), ...details].join(" "));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="account-form claim-form" onSubmit={submit} data-testid={testId}>
      {children}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={sending}>
        {t("submit.send")}
      </button>
    </form>
  );
}

export function StatementForm({ onSubmitted }: { onSubmitted: (submitted: Submitted) => void }) {
  const { t } = useTranslation();
  const { process } = useProcess();
  return (
    <ClaimForm
      path="documents"
      testId="statement-form"
      onSubmitted={onSubmitted}
      build={(form) => ({
        label: text(form, "title"),
        body: {
          processId: process?.id,
          kind: "official_statement",
          title: text(form, "title"),
          publishedOn: text(form, "publishedOn") || null,
          ...(text(form, "url") ? { url: text(form, "url") } : {}),
          text: text(form, "text"),
        },
      })}
    >
      <label>
        {t("submit.title")}
        <input name="title" required maxLength={1000} />
      </label>
      <label>
        {t("submit.date")}
        <input name="publishedOn" type="date" />
      </label>
      <label>
        {t("submit.url")}
        <input name="url" type="url" />
      </label>
      <label>
        {t("submit.statementText")}
        <textarea name="text" required rows={8} />
      </label>
    </ClaimForm>
  );
}

export function EvidenceForm({ onSubmitted }: { onSubmitted: (submitted: Submitted) => void }) {
  const { t } = useTranslation();
  const { process } = useProcess();
  return (
    <ClaimForm
      path="documents"
      testId="evidence-form"
      onSubmitted={onSubmitted}
      build={(form) => ({
        label: text(form, "title"),
        body: {
          processId: process?.id,
          kind: text(form, "kind"),
          title: text(form, "title"),
          publisher: text(form, "publisher"),
          url: text(form, "url"),
          publishedOn: text(form, "publishedOn") || null,
          text: text(form, "text"),
        },
      })}
    >
      <label>
        {t("submit.evidenceKind")}
        <select name="kind" defaultValue="report">
          {evidenceKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`documentKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("submit.title")}
        <input name="title" required maxLength={1000} />
      </label>
      <label>
        {t("submit.url")}
        <input name="url" type="url" required />
      </label>
      <label>
        {t("submit.publisher")}
        <input name="publisher" maxLength={300} />
      </label>
      <label>
        {t("submit.date")}
        <input name="publishedOn" type="date" />
      </label>
      <label>
        {t("submit.evidenceText")}
        <textarea name="text" rows={4} />
      </label>
    </ClaimForm>
  );
}

function PlaceSelect({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const { process } = useProcess();
  const places = useApi<{ items: Rec<"places">[] }>(
    process ? `/api/places${query({ processId: process.id, limit: 500 })}` : null,
  );
  return (
    <label>
      {t("submit.place")}
      <select name="placeId" required={required} defaultValue="">
        <option value="">{required ? t("submit.choosePlace") : "—"}</option>
        {places.data?.items.map((place) => (
          <option key={place.id} value={place.id}>
            {[...new Set(place.names.map((name) => name.text))].join(" / ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/** An observation: an incident the party reports, or what it saw at a crossing on one day. */
export function ObservationForm({ onSubmitted }: { onSubmitted: (submitted: Submitted) => void }) {
  const { t } = useTranslation();
  const { process } = useProcess();
  const [kind, setKind] = useState<"incident" | "access">("incident");
  const chooser = (
    <label>
      {t("submit.observationKind")}
      <select value={kind} onChange={(event) => setKind(event.target.value as "incident" | "access")}>
        <option value="incident">{t("submit.incident")}</option>
        <option value="access">{t("submit.accessObservation")}</option>
      </select>
    </label>
  );
  if (kind === "access")
    return (
      <ClaimForm
        path="access-observations"
        testId="observation-form"
        onSubmitted={onSubmitted}
        build={(form) => ({
          label: `${text(form, "observedOn")} · ${t(`dayStatus.${text(form, "status")}`)}`,
          body: {
            processId: process?.id,
            placeId: text(form, "placeId"),
            observedOn: text(form, "observedOn"),
            status: text(form, "status"),
            note: text(form, "note"),
            sources: sourcesOf(text(form, "url")),
          },
        })}
      >
        {chooser}
        <PlaceSelect required />
        <label>
          {t("submit.observedOn")}
          <input name="observedOn" type="date" required />
        </label>
        <label>
          {t("submit.accessStatus")}
          <select name="status" defaultValue="open">
            {accessStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`dayStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("submit.note")}
          <textarea name="note" rows={4} maxLength={5000} />
        </label>
        <label>
          {t("submit.sourceUrl")}
          <input name="url" type="url" />
        </label>
      </ClaimForm>
    );
  return (
    <ClaimForm
      path="incidents"
      testId="observation-form"
      onSubmitted={onSubmitted}
      build={(form) => ({
        label: text(form, "title"),
        body: {
          processId: process?.id,
          title: text(form, "title"),
          monitoringType: text(form, "monitoringType"),
          startDate: text(form, "startDate"),
          ...(text(form, "placeId") ? { placeId: text(form, "placeId") } : {}),
          description: text(form, "description"),
          sources: sourcesOf(text(form, "url")),
        },
      })}
    >
      {chooser}
      <label>
        {t("submit.title")}
        <input name="title" required maxLength={500} />
      </label>
      <label>
        {t("incidents.type")}
        <select name="monitoringType" defaultValue={monitoringIncidentTypes[0]}>
          {monitoringIncidentTypes.map((type) => (
            <option key={type} value={type}>
              {t(`incidentType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("submit.date")}
        <input name="startDate" type="date" required />
      </label>
      <PlaceSelect required={false} />
      <label>
        {t("submit.description")}
        <textarea name="description" rows={6} maxLength={20000} />
      </label>
      <label>
        {t("submit.sourceUrl")}
        <input name="url" type="url" />
      </label>
    </ClaimForm>
  );
}
