import { readFileSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import type { Deadline } from "../../domain/commitments.js";
import type { SourceRef } from "../../domain/common.js";
import { fromRoot } from "../../project-root.js";
import type {
  AgreementSection,
  ChangeRow,
  IncidentRow,
  Level,
  ObligationRow,
  PartyIndexRow,
  PartyReplyRow,
  ReportModel,
} from "./model.js";

const english = JSON.parse(readFileSync(fromRoot("src/services/report/locales/en.json"), "utf8"));
const i18n = i18next.createInstance();
await i18n.init({
  lng: "en",
  resources: { en: { translation: english } },
  interpolation: { escapeValue: false },
});

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** A tagged template that escapes every interpolated value unless it is already rendered HTML. */
class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}
function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

const levelText = (t: TFunction, level: Level | undefined) =>
  level === undefined ? "—" : t(level === null ? "level_null" : `level_${level}`);
const formatIndex = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : (Math.round(value * 10) / 10).toFixed(1);

function deadlineText(t: TFunction, deadline: Deadline): string {
  switch (deadline.kind) {
    case "none":
      return t("deadline_none");
    case "absolute":
      return t("deadline_absolute", { date: deadline.date });
    case "relative":
      return t("deadline_relative", {
        days: deadline.offsetDays,
        event: deadline.afterEvent ?? deadline.afterCommitmentId ?? "",
      });
    case "recurring":
      return t("deadline_recurring", { days: deadline.everyDays, date: deadline.firstDate });
  }
}

/**
 * Only web addresses become links: a stored `javascript:`, `data:` or `file:` address would run or
 * open something on click (in the browser on our own origin, or from the PDF). `new URL` parses the
 * way browsers do, so spaces, tabs and mixed case cannot disguise a scheme.
 */
export function webUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link where the address is a web address, else the same text without one. */
function link(url: string, text: string) {
  const href = webUrl(url);
  return href ? html`<a href="${href}" rel="noreferrer noopener">${text}</a>` : text;
}

function sourceList(sources: SourceRef[]) {
  if (sources.length === 0) return "";
  return html`<ul class="sources">${sources.map(
    (s) =>
      html`<li>${s.url ? link(s.url, s.title ?? s.url) : (s.title ?? `document ${s.documentId}`)}${s.publisher ? html` — ${s.publisher}` : ""}${s.quote ? html`<blockquote>${s.quote}</blockquote>` : ""}</li>`,
  )}</ul>`;
}

/** Each party's reply, right after what it answers and at the size of its text: equal prominence. */
function partyReplies(t: TFunction, replies: PartyReplyRow[] = []) {
  return replies.map(
    (r) =>
      html`<div class="party-reply"><strong>${t("partyReply", { party: r.partyName })}:</strong> ${r.text}</div>`,
  );
}

function partyTable(t: TFunction, rows: PartyIndexRow[], since?: string) {
  return html`<table><thead><tr><th>${t("party")}</th><th>${t("index")}</th>${since ? html`<th>${t("indexThen", { date: since })}</th><th>${t("change")}</th>` : ""}<th>${t("pairs")}</th><th>${t("assessed")}</th><th>${t("unassessed")}</th><th>${t("notApplicable")}</th><th>${t("overdue")}</th><th>${t("pastDueUnassessed")}</th><th>${t("reversals")}</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.partyName}</th><td class="num">${r.index === null ? html`<span title="${t("noIndex")}">—</span>` : formatIndex(r.index)}</td>${since ? html`<td class="num">${formatIndex(r.indexSince)}</td><td class="num">${r.index !== null && r.indexSince !== null && r.indexSince !== undefined ? signed(r.index - r.indexSince) : "—"}</td>` : ""}<td class="num">${r.pairs}</td><td class="num">${r.assessed}</td><td class="num">${r.unassessed}</td><td class="num">${r.notApplicable}</td><td class="num">${r.overdue}</td><td class="num">${r.pastDueUnassessed}</td><td class="num">${r.reversals}</td></tr>`,
  )}</tbody></table>`;
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${formatIndex(n)}`;

function obligationRow(t: TFunction, o: ObligationRow, since?: string) {
  return html`<tr><td>${o.partyName}</td><td class="level level-${o.level === undefined ? "none" : String(o.level)}">${levelText(t, o.level)}${o.assessedOn ? html`<br><small>${o.assessedOn}</small>` : ""}${o.reversed ? html` <strong class="flag">${t("reversed")}</strong>` : ""}${o.overdueSince ? html`<br><strong class="flag">${t("overdueSince", { date: o.overdueSince })}</strong>` : ""}</td>${since ? html`<td>${levelText(t, o.levelSince)}</td>` : ""}<td>${o.rationale ?? html`<em>${t("noAssessment")}</em>`}${partyReplies(t, o.replies)}${o.evidence.length ? html`<div><strong>${t("evidence")}:</strong> ${o.evidence.map((e) => html`${e.url ? link(e.url, e.label) : e.label}${e.quote ? html` “${e.quote}”` : ""}; `)}</div>` : ""}${sourceList(o.sources)}</td></tr>`;
}

function agreementSection(t: TFunction, a: AgreementSection, since?: string) {
  const commitments = a.provisions.flatMap((p) => p.commitments);
  return html`<section class="agreement" id="agreement-${a.id}"><h3>${a.title}</h3>${a.signedOn ? html`<p>${t("signedOn", { date: a.signedOn })}</p>` : ""}${sourceList(a.sources)}${commitments.length === 0 ? html`<p><em>${t("noCommitments")}</em></p>` : ""}${a.provisions
    .filter((p) => p.commitments.length > 0)
    .map(
      (p) =>
        html`<h4>${t("provision", { path: p.path })}</h4>${p.text ? html`<blockquote class="provision">${p.text}</blockquote>` : ""}${p.commitments.map(
          (c) =>
            html`<div class="commitment"><h5>${c.title}</h5><p>${c.action} · <strong>${t("deadline")}:</strong> ${deadlineText(t, c.deadline)}</p><table><thead><tr><th>${t("obligor")}</th><th>${t("level")}</th>${since ? html`<th>${t("levelThen", { date: since })}</th>` : ""}<th>${t("rationale")}</th></tr></thead><tbody>${c.obligations.map((o) => obligationRow(t, o, since))}</tbody></table></div>`,
        )}`,
    )}</section>`;
}

function changesSection(t: TFunction, rows: ChangeRow[]) {
  if (rows.length === 0) return html`<p>${t("noChanges")}</p>`;
  return html`<table><thead><tr><th>${t("date")}</th><th>${t("commitment")}</th><th>${t("obligor")}</th><th>${t("level")}</th><th>${t("rationale")}</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.date}</td><td>${r.commitmentTitle}</td><td>${r.partyName}</td><td>${levelText(t, r.from)} → ${levelText(t, r.to)}</td><td>${r.rationale}${partyReplies(t, r.replies)}${sourceList(r.sources)}</td></tr>`,
  )}</tbody></table>`;
}

function incidentsSection(t: TFunction, rows: IncidentRow[]) {
  if (rows.length === 0) return html`<p>${t("noIncidents")}</p>`;
  return html`<ul>${rows.map(
    (r) =>
      html`<li><strong>${r.date}</strong> ${r.title}${r.place ? html` (${r.place})` : ""}${r.allegedBy.length ? html` — ${t("allegedBy", { parties: r.allegedBy.join(", ") })}` : ""}${partyReplies(t, r.replies)}${sourceList(r.sources)}</li>`,
  )}</ul>`;
}

const styles = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:1100px;margin:0 auto;padding:24px}
h1{margin-bottom:0}table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid #c9ced6;padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:#eef1f5}.num{text-align:right;font-variant-numeric:tabular-nums}.demo{background:#fff4ce;border:1px solid #e0b400;padding:8px 12px;margin:12px 0}
.flag{color:#a4262c}.party-reply{margin:4px 0;padding-left:8px;border-left:3px solid #1f5fa8}blockquote{margin:4px 0 4px 12px;padding-left:8px;border-left:3px solid #c9ced6;color:#3b4452}.sources{font-size:12px;margin:4px 0;padding-left:18px}
.level-0{background:#fde7e9}.level-1{background:#fff1e0}.level-2{background:#fff9d6}.level-3{background:#e3f4e1}.method{white-space:pre-wrap;font-size:12px;background:#f6f8fa;padding:8px}
@media print{body{padding:0}.agreement{break-inside:auto}h3{break-after:avoid}}`;

/** The report runs no script and loads nothing: its own policy says so, stricter than the app's. */
export const reportContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** The same in the page itself, for a saved file and the PDF printer (a meta tag cannot say frame-ancestors). */
const metaContentSecurityPolicy = reportContentSecurityPolicy.replace("; frame-ancestors 'none'", "");

/** The implementation report as one self-contained HTML page (no external resources, printable). */
export function renderReportHtml(model: ReportModel): string {
  const t = i18n.t.bind(i18n) as TFunction;
  const page = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy}"><title>${t("title")} — ${model.processName} — ${model.asOf}</title><style>${new Html(styles)}</style></head><body>
<h1>${t("title")}: ${model.processName}</h1><p><strong>${t("asOf", { date: model.asOf })}</strong>${model.since ? html` · ${t("since", { date: model.since })}` : ""}</p>
${model.isDemonstration ? html`<p class="demo" role="note">${t("demo")}</p>` : ""}
<h2 id="index">${t("indexByParty")}</h2>${partyTable(t, model.parties, model.since)}
${model.since ? html`<h2 id="changes">${t("changes")}</h2>${changesSection(t, model.changes)}<h2 id="incidents">${t("incidents")}</h2>${incidentsSection(t, model.incidents)}` : ""}
<h2 id="agreements">${t("agreements")}</h2>${model.agreements.map((a) => agreementSection(t, a, model.since))}
<h2 id="method">${t("method")}</h2><div class="method">${model.method}</div>
<footer><p><small>${t("generated", { version: model.version, at: model.generatedAt })}</small></p></footer></body></html>`;
  return page.value;
}
