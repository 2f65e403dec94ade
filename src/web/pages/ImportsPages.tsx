import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { ImportRunView } from "../../domain/import-runs";
import { ApiError, query, useApi } from "../api";
import { Field, Status } from "../components/common";
import { useMayOnKind } from "../permissions";
import { useProcess } from "../process-context";
import { csrfHeaders } from "../session";

const finished = (run: ImportRunView) => !["queued", "running"].includes(run.state);

/** Sends the file's bytes as the body: the server streams them to disk, so size is no problem here. */
async function upload(file: File, params: Record<string, string>): Promise<ImportRunView> {
  const response = await fetch(`/api/imports${query({ ...params, fileName: file.name })}`, {
    method: "POST",
    // Signed in, a write must carry the session's CSRF token (src/web/session.ts).
    headers: { "content-type": "application/octet-stream", ...csrfHeaders() },
    body: file,
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok)
    throw new ApiError(response.status, body?.error?.message ?? response.statusText, body?.error?.details);
  return body as ImportRunView;
}

export function ImportsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const navigate = useNavigate();
  const runs = useApi<{ items: ImportRunView[] }>(
    process ? `/api/imports${query({ process: process.id })}` : null,
  );
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  // Only an administrator imports (docs/PERMISSIONS.md): nobody else is shown a form the API refuses.
  const mayImport = useMayOnKind("incidents", "import");

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || !process) return;
    setSending(true);
    setError(undefined);
    try {
      const run = await upload(file, {
        process: process.id,
        dataset: String(form.get("dataset")),
        kind: String(form.get("kind")),
        strict: form.get("strict") ? "true" : "false",
        dryRun: form.get("dryRun") ? "true" : "false",
      });
      navigate(`/imports/${encodeURIComponent(run.id)}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>{t("imports.title")}</h1>
      <p className="muted">{t("imports.intro")}</p>
      {!mayImport && (
        <p className="muted" data-testid="import-not-allowed">
          {t("imports.notAllowed")}
        </p>
      )}
      {mayImport && (
        <form className="upload-form" onSubmit={submit} data-testid="import-form">
          <label>
            {t("imports.file")} <input type="file" name="file" required accept=".csv,.tsv,.txt,.CSV" />
          </label>
          <label>
            {t("imports.dataset")}{" "}
            <select name="dataset" defaultValue="acled">
              <option value="acled">ACLED</option>
              <option value="ucdp">UCDP GED</option>
              <option value="gdelt">GDELT</option>
            </select>
          </label>
          <label>
            {t("imports.kind")}{" "}
            <select name="kind" defaultValue="incidents">
              <option value="incidents">{t("imports.kindIncidents")}</option>
              <option value="deletions">{t("imports.kindDeletions")}</option>
            </select>
          </label>
          <label>
            <input type="checkbox" name="strict" /> {t("imports.strict")}
          </label>
          <label>
            <input type="checkbox" name="dryRun" /> {t("imports.dryRun")}
          </label>
          <button type="submit" disabled={sending}>
            {sending ? t("imports.sending") : t("imports.send")}
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <h2>{t("imports.runs")}</h2>
      <Status loading={runs.loading && !runs.data} error={runs.error}>
        <table data-testid="import-runs">
          <thead>
            <tr>
              <th>{t("imports.file")}</th>
              <th>{t("imports.dataset")}</th>
              <th>{t("imports.state")}</th>
              <th>{t("imports.queued")}</th>
              <th>{t("imports.counts")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data?.items.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/imports/${encodeURIComponent(run.id)}`}>{run.fileName}</Link>
                </td>
                <td>{run.dataset}</td>
                <td>{t(`imports.states.${run.state}`)}</td>
                <td>{run.queuedAt.slice(0, 19).replace("T", " ")}</td>
                <td>{t("imports.countsLine", run.counts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </>
  );
}

/** Follows a run until it ends; the address is the run's, so a reload picks the progress up again. */
export function ImportRunPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const run = useApi<ImportRunView>(`/api/imports/${encodeURIComponent(id)}`);
  const { reload } = run;
  const data = run.data;
  useEffect(() => {
    if (!data || finished(data)) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [data, reload]);
  const share = data?.fileBytes ? Math.min(1, data.bytesRead / data.fileBytes) : undefined;
  return (
    <Status loading={run.loading && !data} error={run.error}>
      {data && (
        <article data-testid="import-run">
          <p>
            <Link to="/imports">{t("imports.title")}</Link>
          </p>
          <h1>{data.fileName}</h1>
          <p data-testid="import-state" className={`state state-${data.state}`}>
            {t(`imports.states.${data.state}`)}
            {data.dryRun && ` · ${t("imports.dryRun")}`}
            {data.strict && ` · ${t("imports.strict")}`}
          </p>
          {!finished(data) && (
            <progress max={1} value={share} aria-label={t("imports.progress")}>
              {share === undefined ? "" : `${Math.round(share * 100)} %`}
            </progress>
          )}
          <dl className="facts">
            <Field label={t("imports.dataset")}>{data.dataset}</Field>
            <Field label={t("imports.layout")}>{data.layout ?? "—"}</Field>
            <Field label={t("imports.encoding")}>{data.encoding ?? "—"}</Field>
            <Field label={t("imports.sha256")}>
              <code className="small">{data.fileSha256 ?? "—"}</code>
            </Field>
            <Field label={t("imports.counts")}>
              <span data-testid="import-counts">{t("imports.countsLine", data.counts)}</span>
            </Field>
            {data.errorMessage && <Field label={t("imports.error")}>{data.errorMessage}</Field>}
          </dl>
          {data.rejections.length > 0 && (
            <>
              <h2>{t("imports.rejections", { count: data.counts.rejected })}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t("imports.line")}</th>
                    <th>{t("imports.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rejections.map((rejection) => (
                    <tr key={`${rejection.line}-${rejection.reason}`}>
                      <td>{rejection.line}</td>
                      <td>{rejection.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </article>
      )}
    </Status>
  );
}
