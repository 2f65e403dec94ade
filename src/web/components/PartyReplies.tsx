import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Reply, ReplyableKind } from "../../domain/replies";
import { ApiError } from "../api";
import { useProcess } from "../process-context";
import { sendJson, useSession } from "../session";

/** A reply as the detail routes embed it (GET /api/{kind}/{id} → `replies`). */
export type ReplyView = Reply & { allowedActions: string[] };

/** What a detail of an incident, assessment or interpretation carries for its replies. */
export type Answerable = { replies?: ReplyView[]; allowedActions?: string[] };

/**
 * The parties' replies to one record, printed right after the record's own text and at the same size:
 * the right of reply (issue #9, item 5) gives a party's answer the prominence of what it answers. A
 * representative of a party the record concerns (the record's `allowedActions` holds "reply") gets the
 * form to answer in that party's name.
 */
export function PartyReplies({
  kind,
  recordId,
  replies,
  allowedActions,
  onReplied,
}: {
  kind: ReplyableKind;
  recordId: string;
  replies: readonly ReplyView[];
  allowedActions: readonly string[];
  onReplied: () => void;
}) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  const session = useSession();
  const partyId = session?.actor.kind === "account" ? session.actor.partyId : undefined;
  const published = replies.filter((reply) => reply.reviewState === "published");
  return (
    <section className="party-replies" aria-label={t("replies.title")}>
      {published.map((reply) => (
        <blockquote key={reply.id} className="party-reply" lang={reply.language}>
          <p className="party-reply-label">
            <strong>{t("replies.partyReply", { party: partyName(reply.partyId) })}</strong>
          </p>
          <ReplyBody reply={reply} onChanged={onReplied} />
        </blockquote>
      ))}
      {partyId && allowedActions.includes("reply") && (
        <ReplyForm kind={kind} recordId={recordId} party={partyName(partyId)} onReplied={onReplied} />
      )}
    </section>
  );
}

/**
 * A reply's text, and for its own party's representatives (the reply's `allowedActions`: the API lets
 * nobody else change it) the ways to correct it or take it back with a reason.
 */
function ReplyBody({ reply, onChanged }: { reply: ReplyView; onChanged: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"read" | "edit" | "retract">("read");
  const [text, setText] = useState(reply.text);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const send = async (method: string, path: string, body: unknown) => {
    setSending(true);
    setError(undefined);
    try {
      await sendJson(method, path, body);
      setMode("read");
      onChanged();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  };
  const path = `/api/replies/${encodeURIComponent(reply.id)}`;
  const mayEdit = reply.allowedActions.includes("update");
  const mayRetract = reply.allowedActions.includes("retract");
  if (mode === "read")
    return (
      <>
        <p className="pre">{reply.text}</p>
        {(mayEdit || mayRetract) && (
          <p className="reply-actions">
            {mayEdit && (
              <button
                type="button"
                onClick={() => {
                  setText(reply.text);
                  setMode("edit");
                }}
              >
                {t("replies.edit")}
              </button>
            )}{" "}
            {mayRetract && (
              <button type="button" onClick={() => setMode("retract")}>
                {t("replies.retract")}
              </button>
            )}
          </p>
        )}
      </>
    );
  const editing = mode === "edit";
  return (
    <form
      className="reply-form"
      onSubmit={(event) => {
        event.preventDefault();
        void (editing
          ? send("PATCH", path, { text })
          : send("POST", `${path}/retract`, { reason: reason.trim() }));
      }}
    >
      {!editing && <p className="pre">{reply.text}</p>}
      <label>
        {editing ? t("replies.text") : t("replies.retractReason")}
        <textarea
          value={editing ? text : reason}
          onChange={(event) => (editing ? setText : setReason)(event.target.value)}
          required
          rows={4}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={sending || (editing ? text : reason).trim() === ""}>
        {editing ? t("replies.save") : t("replies.retract")}
      </button>{" "}
      <button type="button" onClick={() => setMode("read")}>
        {t("review.cancel")}
      </button>
    </form>
  );
}

function ReplyForm({
  kind,
  recordId,
  party,
  onReplied,
}: {
  kind: ReplyableKind;
  recordId: string;
  party: string;
  onReplied: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      await sendJson("POST", "/api/replies", { answers: { kind, id: recordId }, text });
      setText("");
      onReplied();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    } finally {
      setSending(false);
    }
  }
  return (
    <form className="reply-form" onSubmit={submit}>
      <h3>{t("replies.formTitle", { party })}</h3>
      <label>
        {t("replies.text")}
        <textarea value={text} onChange={(event) => setText(event.target.value)} required rows={4} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={sending || text.trim() === ""}>
        {t("replies.publish")}
      </button>
    </form>
  );
}
