import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { query, useApi } from "../../api";
import { sendJson } from "../../session";
import type { Passage } from "./DocumentText";
import { citableKinds, type EvidenceKind, type EvidenceLinkView } from "./types";

type Labelled = { id: string; title?: string; name?: string; text?: string };

/**
 * Staff cite the selected passage (offsets into the original text) — or, with none selected, the whole
 * document — as evidence for a record. Recent records of the chosen kind are offered by title.
 */
export function CitePassageForm({
  documentId,
  processId,
  original,
  passage,
  onClear,
  onCited,
}: {
  documentId: string;
  processId: string;
  original: string;
  passage: Passage | undefined;
  onClear: () => void;
  onCited: (link: EvidenceLinkView) => void;
}) {
  const { t } = useTranslation();
  const [recordKind, setRecordKind] = useState<EvidenceKind>("incidents");
  const [recordId, setRecordId] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const recent = useApi<{ items: Labelled[] }>(
    `/api/${recordKind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}${query({ processId, limit: 50 })}`,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      const link = await sendJson<EvidenceLinkView>("POST", "/api/evidence-links", {
        documentId,
        recordKind,
        recordId: recordId.trim(),
        ...(passage ? { passageStart: passage.start, passageEnd: passage.end } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setDone(t("documents.cite.done"));
      setNote("");
      onCited(link);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <form className="cite-form" onSubmit={submit} aria-labelledby="cite-heading">
      <h3 id="cite-heading">{t("documents.cite.title")}</h3>
      <p className="muted">{t("documents.cite.help")}</p>
      {passage ? (
        <p className="cite-passage">
          <span className="muted">{t("documents.cite.passage", passage)}</span>{" "}
          <q data-testid="cite-quote">{original.slice(passage.start, passage.end)}</q>{" "}
          <button type="button" className="link-button" onClick={onClear}>
            {t("documents.cite.clear")}
          </button>
        </p>
      ) : (
        <p className="muted">{t("documents.cite.whole")}</p>
      )}
      <label>
        {t("documents.cite.recordKind")}
        <select value={recordKind} onChange={(event) => setRecordKind(event.target.value as EvidenceKind)}>
          {citableKinds.map(({ kind }) => (
            <option key={kind} value={kind}>
              {t(`documents.recordKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("documents.cite.recordId")}
        <input
          value={recordId}
          onChange={(event) => setRecordId(event.target.value)}
          list="cite-record-options"
          required
        />
        <datalist id="cite-record-options">
          {(recent.data?.items ?? []).map((record) => (
            <option key={record.id} value={record.id}>
              {record.title ?? record.name ?? record.text?.slice(0, 80) ?? record.id}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t("documents.cite.note")}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} />
      </label>
      <button type="submit">{t("documents.cite.submit")}</button>
      {done && <p role="status">{done}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
