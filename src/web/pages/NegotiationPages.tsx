import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { query, type Rec, useApi } from "../api";
import { Field, PartyLinks, Sources, Status, Tag } from "../components/common";
import { ReviewPanel } from "../components/ReviewPanel";
import { useProcess } from "../process-context";

function MeetingTable({ meetings }: { meetings: Rec<"meetings">[] }) {
  const { t } = useTranslation();
  if (meetings.length === 0) return <p className="muted">{t("meetings.none")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("meetings.date")}</th>
          <th>{t("meetings.title")}</th>
          <th>{t("meetings.level")}</th>
          <th>{t("meetings.mediator")}</th>
        </tr>
      </thead>
      <tbody>
        {meetings.map((m) => (
          <tr key={m.id}>
            <td>{m.date}</td>
            <td>
              <Link to={`/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>
            </td>
            <td>{t(`meetingLevel.${m.level}`)}</td>
            <td>
              <PartyLinks ids={m.mediatorPartyIds} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function NegotiationsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const scope = process ? query({ processId: process.id, limit: 500 }) : null;
  const formats = useApi<{ items: Rec<"formats">[] }>(scope ? `/api/formats${scope}` : null);
  const meetings = useApi<{ items: Rec<"meetings">[] }>(scope ? `/api/meetings${scope}` : null);
  return (
    <section>
      <h1>{t("nav.negotiations")}</h1>
      <h2>{t("formats.title")}</h2>
      <Status loading={formats.loading && !formats.data} error={formats.error}>
        <ul className="plain">
          {(formats.data?.items ?? []).map((f) => (
            <li key={f.id}>
              <Link to={`/formats/${encodeURIComponent(f.id)}`}>{f.name}</Link>
            </li>
          ))}
        </ul>
      </Status>
      <h2>{t("meetings.titlePlural")}</h2>
      <p>
        <a href={`/api/meetings.ics${query({ processId: process?.id })}`} download>
          {t("meetings.calendar")}
        </a>
      </p>
      <Status loading={meetings.loading && !meetings.data} error={meetings.error}>
        <MeetingTable meetings={meetings.data?.items ?? []} />
      </Status>
    </section>
  );
}

export function FormatPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const format = useApi<Rec<"formats"> & { meetings: Rec<"meetings">[] }>(
    `/api/formats/${encodeURIComponent(id)}`,
  );
  const f = format.data;
  return (
    <Status loading={format.loading && !f} error={format.error}>
      {f && (
        <article>
          <h1>{f.name}</h1>
          <ReviewPanel kind="formats" record={f} onChanged={format.reload} />
          <dl className="facts">
            <Field label={t("formats.mediators")}>
              <PartyLinks ids={f.mediatorPartyIds} />
            </Field>
            <Field label={t("formats.members")}>
              <PartyLinks ids={f.memberPartyIds} />
            </Field>
            <Field label={t("formats.principles")}>
              {f.principles || <span className="muted">{t("formats.noPrinciples")}</span>}
            </Field>
            <Field label={t("formats.status")}>
              {f.statusHistory.length === 0 ? (
                <span className="muted">{t("formats.noStatus")}</span>
              ) : (
                <ul className="plain">
                  {f.statusHistory.map((s) => (
                    <li key={`${s.status}-${s.from}`}>
                      {t(`formatStatus.${s.status}`)} {t("common.from", { date: s.from })}{" "}
                      {s.note && `— ${s.note}`}
                    </li>
                  ))}
                </ul>
              )}
            </Field>
          </dl>
          <h2>{t("meetings.titlePlural")}</h2>
          <MeetingTable meetings={f.meetings} />
          <h2>{t("sources.title")}</h2>
          <Sources sources={f.sources} />
        </article>
      )}
    </Status>
  );
}

export function MeetingPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const meeting = useApi<Rec<"meetings"> & { commitments: Rec<"commitments">[] }>(
    `/api/meetings/${encodeURIComponent(id)}`,
  );
  const m = meeting.data;
  return (
    <Status loading={meeting.loading && !m} error={meeting.error}>
      {m && (
        <article>
          <p className="muted">{t(`meetingLevel.${m.level}`)}</p>
          <h1>{m.title}</h1>
          <ReviewPanel kind="meetings" record={m} onChanged={meeting.reload} />
          <dl className="facts">
            <Field label={t("meetings.date")}>
              {m.date}
              {m.endDate && ` – ${m.endDate}`}
            </Field>
            {m.formatId && (
              <Field label={t("meetings.format")}>
                <Link to={`/formats/${encodeURIComponent(m.formatId)}`}>{m.formatId}</Link>
              </Field>
            )}
            {m.placeId && (
              <Field label={t("meetings.place")}>
                <Link to={`/places/${encodeURIComponent(m.placeId)}`}>{m.placeId}</Link>
              </Field>
            )}
            <Field label={t("meetings.mediator")}>
              <PartyLinks ids={m.mediatorPartyIds} />
            </Field>
            <Field label={t("meetings.participants")}>
              <PartyLinks ids={m.participantPartyIds} />
            </Field>
            <Field label={t("meetings.agenda")}>
              {m.agendaTopics.map((topic) => (
                <Tag key={topic}>{t(`agendaTopic.${topic}`)}</Tag>
              ))}
            </Field>
          </dl>
          <h2>{t("meetings.outcome")}</h2>
          <p>{m.outcome || <span className="muted">{t("meetings.noOutcome")}</span>}</p>
          <h2>{t("meetings.commitments")}</h2>
          {m.commitments.length === 0 ? (
            <p className="muted">{t("meetings.noCommitments")}</p>
          ) : (
            <ul>
              {m.commitments.map((c) => (
                <li key={c.id}>
                  <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                </li>
              ))}
            </ul>
          )}
          {m.documentIds.length > 0 && (
            <>
              <h2>{t("nav.documents")}</h2>
              <ul>
                {m.documentIds.map((d) => (
                  <li key={d}>
                    <Link to={`/documents/${encodeURIComponent(d)}`}>{d}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t("sources.title")}</h2>
          <Sources sources={m.sources} />
        </article>
      )}
    </Status>
  );
}
