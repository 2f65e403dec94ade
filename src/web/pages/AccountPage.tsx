import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ApiTokenView } from "../../domain/accounts";
import type { Role } from "../../domain/actor";
import { type Loadable, useApi } from "../api";
import { Field, Status } from "../components/common";
import { sendJson, signOut, useSession } from "../session";

/**
 * What a token of each role may carry, offered in the form (the web app takes only types from the
 * domain; the server applies the rule itself, domain/accounts.ts tokenRolesFor, and says why it refuses).
 */
const tokenRoles: Record<Role, Role[]> = {
  administrator: ["administrator", "mediator", "monitor"],
  mediator: ["mediator", "monitor"],
  monitor: ["monitor"],
  party_representative: ["party_representative"],
};

function NewTokenForm({ role, onCreated }: { role: Role; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const days = Number(form.get("expiresInDays"));
    setError(undefined);
    try {
      const created = await sendJson<{ secret: string }>("POST", "/api/tokens", {
        name: String(form.get("name")),
        role: String(form.get("role")),
        ...(days > 0 ? { expiresInDays: days } : {}),
      });
      element.reset();
      onCreated(created.secret);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <form className="account-form" onSubmit={submit} data-testid="new-token-form">
      <label>
        {t("account.tokenName")}
        <input name="name" required maxLength={100} />
      </label>
      <label>
        {t("account.tokenRole")}
        <select name="role" defaultValue={role}>
          {tokenRoles[role].map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("account.tokenExpiry")}
        <input name="expiresInDays" type="number" min={1} max={3650} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t("account.createToken")}</button>
    </form>
  );
}

function TokenList({ tokens }: { tokens: Loadable<{ items: ApiTokenView[] }> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const revoke = async (id: string) => {
    try {
      await sendJson("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
      tokens.reload();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <Status loading={tokens.loading && !tokens.data} error={tokens.error}>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tokens.data?.items.length === 0 ? (
        <p className="muted">{t("account.noTokens")}</p>
      ) : (
        <table data-testid="token-list">
          <thead>
            <tr>
              <th>{t("account.tokenName")}</th>
              <th>{t("account.tokenRole")}</th>
              <th>{t("account.tokenCreated")}</th>
              <th>{t("account.tokenLastUsed")}</th>
              <th>{t("account.tokenExpires")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data?.items.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{t(`role.${token.role}`)}</td>
                <td>{token.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td>{token.lastUsedAt?.slice(0, 16).replace("T", " ") ?? t("account.never")}</td>
                <td>{token.expiresAt?.slice(0, 10) ?? t("account.never")}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="muted">{t("account.revoked")}</span>
                  ) : (
                    <button type="button" onClick={() => revoke(token.id)}>
                      {t("account.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Status>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [secret, setSecret] = useState<string>();
  const tokens = useApi<{ items: ApiTokenView[] }>(session?.actor.kind === "account" ? "/api/tokens" : null);
  if (!session) return <p className="muted">{t("status.loading")}</p>;
  if (session.actor.kind !== "account" || !session.account)
    return (
      <section>
        <h1>{t("account.title")}</h1>
        <p>
          <Link to="/sign-in">{t("account.signIn")}</Link>
        </p>
      </section>
    );
  const { account } = session;
  return (
    <section>
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <Field label={t("account.email")}>{account.email}</Field>
        <Field label={t("account.role")}>{t(`role.${account.role}`)}</Field>
        {account.partyId && <Field label={t("account.party")}>{account.partyId}</Field>}
        {session.absoluteExpiresAt && (
          <Field label={t("account.sessionEnds")}>
            {session.absoluteExpiresAt.slice(0, 16).replace("T", " ")}
          </Field>
        )}
      </dl>
      <p>
        <button type="button" onClick={() => signOut()}>
          {t("account.signOut")}
        </button>{" "}
        <button type="button" onClick={() => signOut(true)}>
          {t("account.signOutEverywhere")}
        </button>
      </p>
      <h2>{t("account.tokens")}</h2>
      <p className="muted">{t("account.tokensIntro")}</p>
      {secret && (
        <div className="token-secret" role="status" data-testid="new-token">
          <p>{t("account.tokenShownOnce")}</p>
          <code>{secret}</code>
        </div>
      )}
      <NewTokenForm
        role={account.role}
        onCreated={(value) => {
          setSecret(value);
          tokens.reload();
        }}
      />
      <TokenList tokens={tokens} />
    </section>
  );
}
