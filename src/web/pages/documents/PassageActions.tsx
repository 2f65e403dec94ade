import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AccessStatus } from "../../../domain/events";
import type { ExtractionItemView } from "../../../domain/extraction";
import type { monitoringIncidentTypes } from "../../../domain/incident-types";
import { ApiError, query, type Rec, useApi } from "../../api";
import { sendJson } from "../../session";
import { type DocumentActor, suggestedPersonOf } from "./extraction-spans";
import type { EvidenceKind } from "./types";

/** What the review page knows of the document, handed to every item. */
export interface PassageContext {
  documentId: string;
  processId: string;
  publishedOn: string | null | undefined;
  mayReview: boolean;
  /** The persons and parties the document's mentions name. */
  actors: DocumentActor[];
  /** Every item of the document: the dates and places inside a passage prefill what is made of it. */
  items: ExtractionItemView[];
}

// The values of domain/events.ts and domain/incident-types.ts, typed against them: no runtime import.
const incidentTypes = [
  "ceasefire_violation",
  "movement_restriction",
  "blockade",
  "checkpoint_installed",
  "utility_cut",
  "threat_of_force",
  "line_of_contact_advance",
  "corridor_reopened",
] as const satisfies readonly (typeof monitoringIncidentTypes)[number][];
const accessStatuses = ["open", "restricted", "closed"] as const satisfies readonly AccessStatus[];
const crossingKinds = new Set(["corridor", "checkpoint", "road"]);

type Created = { id: string; label: string; href: string };

/** Items of `kind` lying inside the passage of `item`. */
const inside = (
  context: PassageContext,
  item: ExtractionItemView,
  match: (other: ExtractionItemView) => boolean,
) =>
  context.items.filter(
    (other) =>
      other.spanStart >= item.spanStart &&
      other.spanEnd <= item.spanEnd &&
      other.status !== "rejected" &&
      match(other),
  );

/** The day a passage speaks of: a date resolved inside it, else the document's own date. */
function dayOf(context: PassageContext, item: ExtractionItemView) {
  const date = inside(context, item, (other) => other.kind === "date" && !!other.resolved)[0];
  return date?.resolved?.start ?? context.publishedOn ?? "";
}

/**
 * One "make a record of this passage" action: a form that creates the record (a draft, as any new
 * record), then cites the passage for it, so the record lists it among its sources cited.
 */
function CreateFromPassage({
  summary,
  testId,
  create,
  children,
}: {
  summary: string;
  testId: string;
  create: (form: FormData) => Promise<Created>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<Created>();
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      setCreated(await create(new FormData(event.currentTarget)));
    } catch (caught) {
      const details = caught instanceof ApiError ? caught.details.map((d) => `${d.path}: ${d.message}`) : [];
      setError([caught instanceof Error ? caught.message : String(caught), ...details].join(" "));
    } finally {
      setSending(false);
    }
  };
  return (
    <details className="x-create" data-testid={testId}>
      <summary>{summary}</summary>
      {created ? (
        <p role="status">
          {t("extraction.create.done")} <Link to={created.href}>{created.label}</Link>
        </p>
      ) : (
        <form onSubmit={submit}>
          {children}
          <button type="submit" disabled={sending}>
            {t("extraction.create.submit")}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

async function citePassage(
  context: PassageContext,
  item: ExtractionItemView,
  kind: EvidenceKind,
  id: string,
) {
  await sendJson("POST", "/api/evidence-links", {
    documentId: context.documentId,
    recordKind: kind,
    recordId: id,
    passageStart: item.spanStart,
    passageEnd: item.spanEnd,
  });
}

/** Creating an incident, an access observation or a person from what an item found. */
export function PassageActions({
  item,
  context,
  onChanged,
}: {
  item: ExtractionItemView;
  context: PassageContext;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const suggested = suggestedPersonOf(item);
  if (item.kind === "mention" && suggested && !item.record?.id && item.status !== "rejected")
    return <CreatePerson item={item} context={context} suggested={suggested} onChanged={onChanged} />;
  if (item.kind !== "quote" && item.kind !== "claim") return null;
  const source = [{ documentId: context.documentId, quote: item.text.slice(0, 4000) }];
  const day = dayOf(context, item);
  return (
    <div className="x-passage-actions">
      <CreateFromPassage
        summary={t("extraction.create.incident")}
        testId="create-incident"
        create={async (form) => {
          const title = field(form, "title");
          const incident = await sendJson<{ id: string }>("POST", "/api/incidents", {
            processId: context.processId,
            title,
            monitoringType: field(form, "monitoringType"),
            startDate: field(form, "startDate"),
            description: item.text.slice(0, 20000),
            sources: source,
          });
          await citePassage(context, item, "incidents", incident.id);
          return { id: incident.id, label: title, href: `/incidents/${encodeURIComponent(incident.id)}` };
        }}
      >
        <label>
          {t("extraction.create.title")}
          <input name="title" required maxLength={500} defaultValue={item.text.slice(0, 120)} />
        </label>
        <label>
          {t("extraction.create.monitoringType")}
          <select
            name="monitoringType"
            defaultValue={item.claimType === "threatens" ? "threat_of_force" : ""}
            required
          >
            <option value="">—</option>
            {incidentTypes.map((type) => (
              <option key={type} value={type}>
                {t(`incidentType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("extraction.create.startDate")}
          <input name="startDate" type="date" required defaultValue={day} />
        </label>
      </CreateFromPassage>
      <CreateFromPassage
        summary={t("extraction.create.access")}
        testId="create-access"
        create={async (form) => {
          const placeId = field(form, "placeId");
          const observation = await sendJson<{ id: string }>("POST", "/api/access-observations", {
            processId: context.processId,
            placeId,
            observedOn: field(form, "observedOn"),
            status: field(form, "status"),
            note: item.text.slice(0, 5000),
            sources: source,
          });
          await citePassage(context, item, "accessObservations", observation.id);
          return {
            id: observation.id,
            label: t("extraction.create.accessLabel", { date: field(form, "observedOn") }),
            href: `/places/${encodeURIComponent(placeId)}/access`,
          };
        }}
      >
        <CrossingSelect context={context} item={item} />
        <label>
          {t("extraction.create.observedOn")}
          <input name="observedOn" type="date" required defaultValue={day} />
        </label>
        <label>
          {t("extraction.create.status")}
          <select name="status" defaultValue="closed">
            {accessStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`dayStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
      </CreateFromPassage>
    </div>
  );
}

/** The crossing places of the process; the one the passage names is chosen first. */
function CrossingSelect({ context, item }: { context: PassageContext; item: ExtractionItemView }) {
  const { t } = useTranslation();
  const places = useApi<{ items: Rec<"places">[] }>(
    `/api/places${query({ processId: context.processId, limit: 500 })}`,
  );
  const crossings = (places.data?.items ?? []).filter((place) => crossingKinds.has(place.kind));
  const named = inside(context, item, (other) => other.mentionKind === "place").map(
    (other) => other.record?.id,
  );
  const preferred = crossings.find((place) => named.includes(place.id))?.id ?? "";
  return (
    <label>
      {t("extraction.create.place")}
      <select name="placeId" required key={preferred} defaultValue={preferred}>
        <option value="">—</option>
        {crossings.map((place) => (
          <option key={place.id} value={place.id}>
            {[...new Set(place.names.map((name) => name.text))].join(" / ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A person the text names whom the registry does not know: created with the role the text gives,
 * the passage as its source, and the mention then corrected to name the new record.
 */
function CreatePerson({
  item,
  context,
  suggested,
  onChanged,
}: {
  item: ExtractionItemView;
  context: PassageContext;
  suggested: { name: string; office: string | null; partyId: string | null };
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="x-passage-actions">
      <CreateFromPassage
        summary={t("extraction.create.person")}
        testId="create-person"
        create={async (form) => {
          const name = field(form, "name");
          const office = field(form, "office");
          const person = await sendJson<{ id: string }>("POST", "/api/persons", {
            processId: context.processId,
            names: [{ text: name, lang: "en" }],
            roles: office
              ? [
                  {
                    office,
                    ...(suggested.partyId ? { partyId: suggested.partyId } : {}),
                    ...(context.publishedOn ? { from: context.publishedOn } : {}),
                  },
                ]
              : [],
            sources: [{ documentId: context.documentId, quote: item.text }],
          });
          await sendJson("POST", `/api/extraction-items/${encodeURIComponent(item.id)}/decision`, {
            action: "correct",
            correction: { recordId: person.id },
          });
          await citePassage(context, item, "persons", person.id);
          onChanged();
          return { id: person.id, label: name, href: `/search${query({ q: name })}` };
        }}
      >
        <label>
          {t("extraction.create.name")}
          <input name="name" required maxLength={300} defaultValue={suggested.name} />
        </label>
        <label>
          {t("extraction.create.office")}
          <input name="office" maxLength={300} defaultValue={suggested.office ?? ""} />
        </label>
      </CreateFromPassage>
    </div>
  );
}
