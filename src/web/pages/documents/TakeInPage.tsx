import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { query } from "../../api";
import { useProcess } from "../../process-context";
import { csrfHeaders } from "../../session";
import { useMayTakeIn } from "./DocumentsListPage";
import { IntakeOutcome, type TakeInResult } from "./IntakeOutcome";
import type { IntakeAnswer } from "./types";

type Tab = "paste" | "file" | "url";
const tabs: Tab[] = ["paste", "file", "url"];
const kinds = ["official_statement", "news_article", "interview", "report", "court_order", "agreement_text"];

/** What the browser says a file is, or what its name says, among the types the intake reads. */
function contentTypeOf(file: File): string {
  if (/\.(md|markdown)$/i.test(file.name)) return "text/markdown";
  const known = ["text/plain", "text/html", "text/markdown", "application/pdf", "application/xhtml+xml"];
  return known.includes(file.type) ? file.type : "application/octet-stream";
}

/** Sends one intake and reads its answer: the document (new or already held), or why it failed. */
async function sendIntake(path: string, init: RequestInit): Promise<TakeInResult> {
  const response = await fetch(path, {
    ...init,
    method: "POST",
    headers: { accept: "application/json", ...csrfHeaders(), ...(init.headers ?? {}) },
  });
  const body = await response.json().catch(() => undefined);
  if (response.ok) return { kind: "taken", answer: body as IntakeAnswer };
  return {
    kind: "failed",
    code: body?.error?.code ?? String(response.status),
    message: body?.error?.message ?? response.statusText,
  };
}

/** Metadata fields that are left out when empty, so the source's own metadata is used. */
function metadataOf(form: FormData): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const field of ["title", "publisher", "author", "kind", "publishedOn", "language", "sourceNote"]) {
    const value = String(form.get(field) ?? "").trim();
    if (value) metadata[field] = value;
  }
  return metadata;
}

/** Taking a source in: pasted text, an uploaded file, or a page fetched from its address. */
export function TakeInPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const mayTakeIn = useMayTakeIn();
  const [tab, setTab] = useState<Tab>("paste");
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TakeInResult>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!process) return;
    const form = new FormData(event.currentTarget);
    const metadata = { processId: process.id, ...metadataOf(form) };
    setSending(true);
    setResult(undefined);
    try {
      const file = form.get("file");
      if (tab === "file" && file instanceof File)
        setResult(
          await sendIntake(`/api/documents/files${query({ ...metadata, fileName: file.name })}`, {
            headers: { "content-type": contentTypeOf(file) },
            body: file,
          }),
        );
      else {
        const source = tab === "url" ? { url: String(form.get("url")) } : { text: String(form.get("text")) };
        setResult(
          await sendIntake("/api/documents", {
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ...metadata, ...source }),
          }),
        );
      }
    } catch (caught) {
      setResult({ kind: "failed", code: "network", message: String(caught) });
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="take-in">
      <h1>{t("intake.title")}</h1>
      {mayTakeIn === false && <p className="muted">{t("intake.notAllowed")}</p>}
      {mayTakeIn && (
        <>
          <div className="tabs" role="tablist">
            {tabs.map((option) => (
              <button
                key={option}
                type="button"
                role="tab"
                aria-selected={tab === option}
                onClick={() => {
                  setTab(option);
                  setResult(undefined);
                }}
              >
                {t(`intake.tab.${option}`)}
              </button>
            ))}
          </div>
          <form className="intake-form" onSubmit={submit}>
            {tab === "paste" && (
              <label>
                {t("intake.text")}
                <textarea name="text" rows={12} required />
              </label>
            )}
            {tab === "file" && (
              <label>
                {t("intake.file")}
                <input
                  type="file"
                  name="file"
                  required
                  accept=".txt,.html,.htm,.md,.markdown,.pdf,text/*,application/pdf"
                />
              </label>
            )}
            {tab === "url" && (
              <label>
                {t("intake.url")}
                <input type="url" name="url" required placeholder="https://" />
              </label>
            )}
            <fieldset>
              <legend>{t("intake.metadata")}</legend>
              <p className="muted">{t("intake.metadataHelp")}</p>
              <label>
                {t("documents.title")}
                <input name="title" required={tab === "paste"} />
              </label>
              <label>
                {t("documents.publisher")}
                <input name="publisher" />
              </label>
              <label>
                {t("documents.author")}
                <input name="author" />
              </label>
              <label>
                {t("documents.kind")}
                <select name="kind" defaultValue="">
                  <option value="">{t("intake.kindDefault")}</option>
                  {kinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`documentKind.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("documents.published")}
                <input type="date" name="publishedOn" />
              </label>
              <label>
                {t("documents.language")}
                <input name="language" placeholder={t("intake.languagePlaceholder")} pattern="[a-z]{2,3}" />
              </label>
              <label>
                {t("intake.sourceNote")}
                <input name="sourceNote" />
              </label>
            </fieldset>
            <button type="submit" disabled={sending || !process}>
              {sending ? t("intake.sending") : t("intake.submit")}
            </button>
          </form>
        </>
      )}
      {result && <IntakeOutcome result={result} />}
      <p>
        <Link to="/documents">{t("intake.back")}</Link>
      </p>
    </section>
  );
}
