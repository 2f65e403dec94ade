import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { InvitationView } from "../../domain/accounts";
import type { Role } from "../../domain/actor";
import { ApiError, useApi } from "../api";
import { useProcess } from "../process-context";
import { sendJson } from "../session";
import { PartySelect, roleOptions, shortTime } from "./AccountFields";
import { Status } from "./common";

/**
 * Invitations (issue #9, item 1): there is no open sign-up, so an administrator invites each person
 * with a role (and a representative with their party). The accept link carries a one-time secret that
 * the API shows only in its answer to the invitation: it is shown here once, to copy and send.
 */

type Created = { invitation: InvitationView; acceptPath: string };

function InvitationForm({ onCreated }: { onCreated: (link: string) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>("monitor");
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setSending(true);
    setError(undefined);
    try {
      const created = await sendJson<Created>("POST", "/api/invitations", {
        email: String(form.get("email")),
        role,
        ...(role === "party_representative" ? { partyId: String(form.get("partyId")) } : {}),
        expiresInHours: Number(form.get("expiresInHours")) || 72,
      });
      element.reset();
      onCreated(`${window.location.origin}${created.acceptPath}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="account-form" onSubmit={submit} data-testid="invitation-form">
      <label>
        {t("account.email")}
        <input name="email" type="email" required maxLength={320} />
      </label>
      <label>
        {t("account.role")}
        <select name="role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roleOptions.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {role === "party_representative" && <PartySelect name="partyId" value="" />}
      <label>
        {t("admin.expiresInHours")}
        <input name="expiresInHours" type="number" min={1} max={720} defaultValue={72} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={sending}>
        {t("admin.invite")}
      </button>
    </form>
  );
}

/** The one-time link, with a button that copies it (the clipboard may be refused: the link stays shown). */
function InvitationLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="token-secret" role="status" data-testid="invitation-link">
      <p>{t("admin.linkShownOnce")}</p>
      <code>{link}</code>{" "}
      <button
        type="button"
        onClick={() =>
          navigator.clipboard
            ?.writeText(link)
            .then(() => setCopied(true))
            .catch(() => setCopied(false))
        }
      >
        {copied ? t("admin.copied") : t("admin.copyLink")}
      </button>
    </div>
  );
}

export function InvitationsSection() {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  const invitations = useApi<{ items: InvitationView[] }>("/api/invitations");
  const [link, setLink] = useState<string>();
  const [error, setError] = useState<string>();
  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await sendJson("DELETE", `/api/invitations/${encodeURIComponent(id)}`);
      invitations.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  const pending = invitations.data?.items.filter((invitation) => !invitation.acceptedAt) ?? [];
  return (
    <section>
      <h2>{t("admin.invitations")}</h2>
      <p className="muted">{t("account.noSignUp")}</p>
      {link && <InvitationLink link={link} />}
      <InvitationForm
        onCreated={(created) => {
          setLink(created);
          invitations.reload();
        }}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Status loading={invitations.loading && !invitations.data} error={invitations.error}>
        {pending.length === 0 ? (
          <p className="muted">{t("admin.noInvitations")}</p>
        ) : (
          <table data-testid="invitation-list">
            <thead>
              <tr>
                <th>{t("account.email")}</th>
                <th>{t("account.role")}</th>
                <th>{t("account.party")}</th>
                <th>{t("account.tokenExpires")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {pending.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{t(`role.${invitation.role}`)}</td>
                  <td>{invitation.partyId ? partyName(invitation.partyId) : "—"}</td>
                  <td>{shortTime(invitation.expiresAt)}</td>
                  <td>
                    <button type="button" onClick={() => revoke(invitation.id)}>
                      {t("account.revoke")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </section>
  );
}
