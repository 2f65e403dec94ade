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
          <p className="pre">{reply.text}</p>
        </blockquote>
      ))}
      {partyId && allowedActions.includes("reply") && (
        <ReplyForm kind={kind} recordId={recordId} party={partyName(partyId)} onReplied={onReplied} />
      )}
    </section>
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
