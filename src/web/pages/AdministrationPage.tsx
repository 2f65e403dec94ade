import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AccountView } from "../../domain/accounts";
import type { Role } from "../../domain/actor";
import { ApiError, useApi } from "../api";
import { PartySelect, roleOptions, shortTime } from "../components/AccountFields";
import { Status } from "../components/common";
import { InvitationsSection } from "../components/InvitationsSection";
import { useProcess } from "../process-context";
import { sendJson, useSession } from "../session";

/**
 * Administration (issue #9, item 1): the accounts, their roles and access, and the invitations that
 * bring new people in. Only administrators see it; the API refuses everyone else anyway, and says why
 * it refuses a change (the last administrator, a representative without a party), shown beside the row.
 * Tokens are managed on the account page, each person their own.
 */

function AccountRow({ account, onChanged }: { account: AccountView; onChanged: () => void }) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  const [role, setRole] = useState<Role>(account.role);
  const [partyId, setPartyId] = useState(account.partyId ?? "");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const change = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await sendJson("PATCH", `/api/accounts/${encodeURIComponent(account.id)}`, body);
      onChanged();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const roleChanged =
    role !== account.role || (role === "party_representative" && partyId !== account.partyId);
  return (
    <tr data-testid="account-row" data-email={account.email}>
      <td>{account.email}</td>
      <td>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void change(role === "party_representative" ? { role, partyId } : { role, partyId: null });
          }}
        >
          <select
            aria-label={t("account.role")}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roleOptions.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
          {role === "party_representative" && (
            <PartySelect name="partyId" value={partyId} onChange={setPartyId} />
          )}{" "}
          {roleChanged && (
            <button type="submit" disabled={busy}>
              {t("admin.changeRole")}
            </button>
          )}
        </form>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>{account.partyId ? partyName(account.partyId) : "—"}</td>
      <td>{shortTime(account.lastSignInAt) ?? <span className="muted">{t("account.never")}</span>}</td>
      <td>
        {account.disabled ? <span className="tag">{t("admin.disabled")}</span> : t("admin.enabled")}{" "}
        <button type="button" disabled={busy} onClick={() => change({ disabled: !account.disabled })}>
          {account.disabled ? t("admin.enable") : t("admin.disable")}
        </button>
      </td>
    </tr>
  );
}

function AccountsSection() {
  const { t } = useTranslation();
  const accounts = useApi<{ items: AccountView[] }>("/api/accounts");
  return (
    <section>
      <h2>{t("admin.accounts")}</h2>
      <Status loading={accounts.loading && !accounts.data} error={accounts.error}>
        <table data-testid="account-list">
          <thead>
            <tr>
              <th>{t("account.email")}</th>
              <th>{t("account.role")}</th>
              <th>{t("account.party")}</th>
              <th>{t("admin.lastSignIn")}</th>
              <th>{t("admin.access")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data?.items.map((account) => (
              // Keyed by what the row shows, so that its form starts afresh after a change.
              <AccountRow
                key={`${account.id}:${account.updatedAt}`}
                account={account}
                onChanged={accounts.reload}
              />
            ))}
          </tbody>
        </table>
      </Status>
    </section>
  );
}

export function AdministrationPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session) return <p className="muted">{t("status.loading")}</p>;
  const actor = session.actor;
  if (actor.kind !== "account" || actor.role !== "administrator")
    return (
      <section>
        <h1>{t("admin.title")}</h1>
        <p className="muted">{t("admin.onlyAdministrators")}</p>
      </section>
    );
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      <p className="muted">
        {t("admin.tokensElsewhere")} <Link to="/account">{t("account.title")}</Link>
      </p>
      <AccountsSection />
      <InvitationsSection />
    </section>
  );
}
