import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { signOut, useSession } from "../session";

/** The header's corner: who is signed in and a way out, or the way in. */
export function AccountControl() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  if (!session) return null;
  if (session.actor.kind !== "account")
    return (
      <Link to="/sign-in" className="account-control">
        {t("account.signIn")}
      </Link>
    );
  return (
    <span className="account-control">
      <Link to="/account">{session.account?.email ?? session.actor.name}</Link>{" "}
      <button
        type="button"
        onClick={async () => {
          await signOut();
          navigate("/");
        }}
      >
        {t("account.signOut")}
      </button>
    </span>
  );
}
