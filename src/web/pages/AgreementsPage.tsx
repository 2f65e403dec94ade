import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { query, type Rec, usePagedList } from "../api";
import { PartyLinks, Status } from "../components/common";
import { useProcess } from "../process-context";

export function AgreementsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const list = usePagedList<Rec<"agreements">>(
    process ? `/api/agreements${query({ processId: process.id, limit: 100 })}` : null,
  );
  const agreements = [...list.items].sort((a, b) => (a.signedOn ?? "").localeCompare(b.signedOn ?? ""));
  return (
    <section>
      <h1>{t("nav.agreements")}</h1>
      <Status loading={list.loading && list.items.length === 0} error={list.error}>
        <table>
          <thead>
            <tr>
              <th>{t("agreement.title")}</th>
              <th>{t("agreement.kind")}</th>
              <th>{t("agreement.signedOn")}</th>
              <th>{t("agreement.signatories")}</th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/agreements/${encodeURIComponent(a.id)}`}>{a.shortTitle ?? a.title}</Link>
                </td>
                <td>{t(`agreementKind.${a.kind}`)}</td>
                <td>{a.signedOn ?? t("common.undated")}</td>
                <td>
                  <PartyLinks ids={a.issuerPartyId ? [a.issuerPartyId] : a.signatoryPartyIds} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </section>
  );
}
