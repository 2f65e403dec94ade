import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { AccountView } from "../../domain/accounts";
import { sendJson } from "../session";

/**
 * The invitation link carries its secret after "#": browsers never send that part to a server or in a
 * Referer. Once the page has it, it is removed from the address bar, so it stays out of the history.
 * (Read without side effects: React may render the page more than once before it shows it.)
 */
const secretInAddress = () => decodeURIComponent(window.location.hash.replace(/^#/, ""));

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [secret] = useState(secretInAddress);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
  }, []);
  const [account, setAccount] = useState<AccountView>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("repeat"))) return setError(t("account.passwordsDiffer"));
    setSending(true);
    setError(undefined);
    try {
      setAccount(
        await sendJson<AccountView>("POST", `/api/invitations/${encodeURIComponent(secret)}/accept`, {
          password,
        }),
      );
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  if (account)
    return (
      <section>
        <h1>{t("account.invitationTitle")}</h1>
        <p role="status" data-testid="invitation-accepted">
          {t("account.invitationAccepted", { email: account.email })}
        </p>
        <Link to="/sign-in">{t("account.signIn")}</Link>
      </section>
    );
  return (
    <section>
      <h1>{t("account.invitationTitle")}</h1>
      {!secret ? (
        <p className="error" role="alert">
          {t("account.invitationMissing")}
        </p>
      ) : (
        <form className="account-form" onSubmit={submit}>
          <p className="muted">{t("account.passwordRule")}</p>
          <label>
            {t("account.newPassword")}
            <input type="password" name="password" required minLength={12} autoComplete="new-password" />
          </label>
          <label>
            {t("account.repeatPassword")}
            <input type="password" name="repeat" required minLength={12} autoComplete="new-password" />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={sending}>
            {t("account.setPassword")}
          </button>
        </form>
      )}
    </section>
  );
}
