import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { signIn, useSession } from "../session";

/** E-mail and password; there is no sign-up: accounts come from an administrator's invitation. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSending(true);
    setError(undefined);
    try {
      await signIn(String(form.get("email")), String(form.get("password")));
      navigate("/account");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  if (session?.actor.kind === "account")
    return (
      <section>
        <h1>{t("account.signIn")}</h1>
        <p>
          {t("account.signedInAs", { name: session.account?.email ?? session.actor.name })}{" "}
          <Link to="/account">{t("account.title")}</Link>
        </p>
      </section>
    );
  return (
    <section>
      <h1>{t("account.signIn")}</h1>
      <form className="account-form" onSubmit={submit} data-testid="sign-in-form">
        <label>
          {t("account.email")}
          <input type="email" name="email" required autoComplete="username" maxLength={320} />
        </label>
        <label>
          {t("account.password")}
          <input type="password" name="password" required autoComplete="current-password" maxLength={1024} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={sending}>
          {t("account.signIn")}
        </button>
      </form>
      <p className="muted">{t("account.noSignUp")}</p>
    </section>
  );
}
