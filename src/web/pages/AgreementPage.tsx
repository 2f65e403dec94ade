import { diffWords } from "diff";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { type Rec, useApi } from "../api";
import { Field, PartyLinks, Sources, Status, Tag } from "../components/common";
import { type Obligation, ObligationCells } from "../components/ObligationCells";
import { ReviewPanel } from "../components/ReviewPanel";
import { safeHref } from "../components/safeHref";

type ProvisionWithTexts = Rec<"provisions"> & {
  texts: Record<string, { text: string; incomplete: boolean }>;
};
type AgreementWithText = Rec<"agreements"> & {
  versions: Rec<"agreementVersions">[];
  provisions: ProvisionWithTexts[];
  commitments: Rec<"commitments">[];
};
type Implementation = { commitments: { commitmentId: string; obligations: Obligation[] }[] };

/** The words of `text` that differ from `base`, marked; the base itself is shown plain. */
function DiffedText({ base, text }: { base: string | undefined; text: string }) {
  if (base === undefined || base === text) return <>{text}</>;
  return (
    <>
      {diffWords(base, text).map((part, index) =>
        part.added ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts are positional
          <ins key={index}>{part.value}</ins>
        ) : part.removed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: diff parts are positional
          <del key={index}>{part.value}</del>
        ) : (
          part.value
        ),
      )}
    </>
  );
}

function VersionsTable({ agreement }: { agreement: AgreementWithText }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [differencesOnly, setDifferencesOnly] = useState(false);
  const shown = agreement.versions.filter((v) => !hidden.has(v.id));
  const base = shown[0];
  const rows = agreement.provisions.filter((provision) => {
    if (!differencesOnly) return true;
    const texts = shown.map((v) => provision.texts[v.id]?.text);
    return new Set(texts).size > 1;
  });
  const toggle = (id: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      <fieldset className="toggles">
        <legend>{t("agreement.showVersions")}</legend>
        {agreement.versions.map((v) => (
          <label key={v.id}>
            <input type="checkbox" checked={!hidden.has(v.id)} onChange={() => toggle(v.id)} /> {v.label}
          </label>
        ))}
        <label>
          <input
            type="checkbox"
            checked={differencesOnly}
            onChange={(e) => setDifferencesOnly(e.target.checked)}
          />{" "}
          {t("agreement.differencesOnly")}
        </label>
      </fieldset>
      {base && shown.length > 1 && (
        <p className="muted">{t("agreement.diffLegend", { version: base.label })}</p>
      )}
      <div className="table-scroll">
        <table className="versions" data-testid="versions-table">
          <thead>
            <tr>
              <th scope="col">{t("agreement.point")}</th>
              {shown.map((v) => (
                <th key={v.id} scope="col" data-testid="version-col">
                  {v.label}
                  <div className="muted small">
                    {v.publisher} · {v.language}
                    {!v.complete && <> · {t("agreement.partial")}</>}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((provision) => {
              const baseText = base ? provision.texts[base.id]?.text : undefined;
              return (
                <tr key={provision.id} id={`point-${provision.path}`}>
                  <th scope="row">
                    {provision.path}
                    {provision.heading && <div className="small">{provision.heading}</div>}
                  </th>
                  {shown.map((v) => {
                    const cell = provision.texts[v.id];
                    if (!cell)
                      return (
                        <td key={v.id} className="absent">
                          {t("agreement.notInVersion")}
                        </td>
                      );
                    return (
                      <td key={v.id}>
                        {v.id === base?.id ? cell.text : <DiffedText base={baseText} text={cell.text} />}
                        {cell.incomplete && <div className="flag small">{t("agreement.incomplete")}</div>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CommitmentsByProvision({
  agreement,
  implementation,
}: {
  agreement: AgreementWithText;
  implementation?: Implementation;
}) {
  const { t } = useTranslation();
  const obligations = useMemo(
    () => new Map((implementation?.commitments ?? []).map((c) => [c.commitmentId, c.obligations])),
    [implementation],
  );
  return (
    <>
      {agreement.provisions.map((provision) => {
        const commitments = agreement.commitments.filter((c) => c.provisionId === provision.id);
        return (
          <section key={provision.id} className="provision">
            <h3>
              {t("agreement.pointN", { path: provision.path })}{" "}
              {provision.heading && `— ${provision.heading}`}
            </h3>
            <p>
              {provision.categories.map((c) => (
                <Tag key={c}>{t(`category.${c}`, { defaultValue: c })}</Tag>
              ))}
            </p>
            {provision.note && <p className="note">{provision.note}</p>}
            {commitments.length > 0 ? (
              <table>
                <thead>
                  <tr>
                    <th>{t("commitment.title")}</th>
                    <th>{t("commitment.obligor")}</th>
                    <th>{t("commitment.level")}</th>
                    <th>{t("commitment.history")}</th>
                  </tr>
                </thead>
                <tbody>
                  {commitments.flatMap((c) =>
                    (
                      obligations.get(c.id) ??
                      c.obligorPartyIds.map((partyId) => ({ partyId, reversed: false, history: [] }))
                    ).map((o: Obligation, index: number) => (
                      <tr key={`${c.id}-${o.partyId}`}>
                        {index === 0 && (
                          <td rowSpan={c.obligorPartyIds.length}>
                            <Link to={`/commitments/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                          </td>
                        )}
                        <ObligationCells obligation={o} />
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            ) : (
              <p className="muted">{t("agreement.noCommitments")}</p>
            )}
          </section>
        );
      })}
    </>
  );
}

export function AgreementPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const agreement = useApi<AgreementWithText>(`/api/agreements/${encodeURIComponent(id)}`);
  const implementation = useApi<Implementation>(`/api/agreements/${encodeURIComponent(id)}/implementation`);
  const a = agreement.data;
  return (
    <Status loading={agreement.loading && !a} error={agreement.error}>
      {a && (
        <article>
          <p className="muted">{t(`agreementKind.${a.kind}`)}</p>
          <h1>{a.shortTitle ?? a.title}</h1>
          <ReviewPanel kind="agreements" record={a} onChanged={agreement.reload} />
          {a.shortTitle && <p className="lead">{a.title}</p>}
          <dl className="facts">
            <Field label={t("agreement.signedOn")}>{a.signedOn ?? t("common.undated")}</Field>
            {a.effectiveAt && (
              <Field label={t("agreement.effectiveAt")}>{new Date(a.effectiveAt).toUTCString()}</Field>
            )}
            <Field label={t("agreement.signatories")}>
              <PartyLinks ids={a.signatoryPartyIds} />
            </Field>
            {a.issuerPartyId && (
              <Field label={t("agreement.issuer")}>
                <PartyLinks ids={[a.issuerPartyId]} />
              </Field>
            )}
            {a.statusHistory.length > 0 && (
              <Field label={t("agreement.status")}>
                <ul className="plain">
                  {a.statusHistory.map((s) => (
                    <li key={`${s.status}-${s.from}`}>
                      {t(`agreementStatus.${s.status}`)} {t("common.from", { date: s.from })}{" "}
                      {s.note && `— ${s.note}`}
                    </li>
                  ))}
                </ul>
              </Field>
            )}
          </dl>
          {a.summary && <p>{a.summary}</p>}
          <h2>{t("agreement.versions")}</h2>
          <ul className="plain">
            {a.versions.map((v) => (
              <li key={v.id}>
                <strong>{v.label}</strong> — {v.publisher} ({v.language}
                {v.publishedOn && `, ${v.publishedOn}`}){" "}
                {v.sourceUrl && (
                  <a href={safeHref(v.sourceUrl)} rel="noreferrer noopener">
                    {t("sources.link")}
                  </a>
                )}
                {!v.complete && (
                  <div className="flag small">{v.completenessNote || t("agreement.partial")}</div>
                )}
              </li>
            ))}
          </ul>
          <h2>{t("agreement.text")}</h2>
          {a.versions.length === 0 ? (
            <p className="muted">{t("agreement.noText")}</p>
          ) : (
            <VersionsTable agreement={a} />
          )}
          <h2>{t("agreement.commitments")}</h2>
          <CommitmentsByProvision agreement={a} implementation={implementation.data} />
          <h2>{t("sources.title")}</h2>
          <Sources sources={a.sources} />
        </article>
      )}
    </Status>
  );
}
