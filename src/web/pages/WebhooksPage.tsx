import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { SessionView } from "../../domain/accounts";
import type { Webhook } from "../../domain/notifications";
import { ApiError, query, useApi } from "../api";
import { Status } from "../components/common";
import { WebhookDeliveryLog, WebhookSecret, When } from "../components/WebhookParts";
import { useProcess } from "../process-context";
import { sendJson, useSession } from "../session";

/** An administrator manages any party's webhooks, a representative their own (policy: manage_webhooks). */
export function mayManageWebhooks(session: SessionView | undefined): boolean {
  const actor = session?.actor;
  if (actor?.kind !== "account") return false;
  return actor.role === "administrator" || (actor.role === "party_representative" && Boolean(actor.partyId));
}

const errorText = (caught: unknown) => (caught instanceof ApiError ? caught.message : String(caught));

function NewWebhookForm({
  partyId,
  onCreated,
}: {
  partyId: string | undefined;
  onCreated: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(undefined);
    try {
      const created = await sendJson<Webhook & { secret: string }>("POST", "/api/webhooks", {
        ...(partyId ? { partyId } : {}),
        url: String(data.get("url") ?? "").trim(),
        description: String(data.get("description") ?? "").trim(),
      });
      form.reset();
      onCreated(created.secret);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="webhook-form" onSubmit={(event) => void submit(event)} data-testid="webhook-form">
      <h2>{t("webhooks.register")}</h2>
      <label>
        {t("webhooks.url")}{" "}
        <input
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://hooks.example.org/peacetrack"
        />
      </label>{" "}
      <label>
        {t("webhooks.description")} <input name="description" maxLength={500} />
      </label>{" "}
      <button type="submit" disabled={busy || !partyId}>
        {t("webhooks.registerButton")}
      </button>
      {!partyId && <p className="muted">{t("webhooks.chooseParty")}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function WebhookRow({ webhook, onChanged }: { webhook: Webhook; onChanged: () => void }) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const remove = async () => {
    setError(undefined);
    try {
      await sendJson("DELETE", `/api/webhooks/${encodeURIComponent(webhook.id)}`);
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <li className="webhook" data-testid="webhook" data-url={webhook.url}>
      <div>
        <code>{webhook.url}</code> <span className="muted">· {partyName(webhook.partyId)}</span>
        {webhook.description && <div>{webhook.description}</div>}
      </div>
      <dl className="webhook-state">
        <dt>{t("webhooks.registered")}</dt>
        <dd>
          <When at={webhook.createdAt} /> ({webhook.createdBy})
        </dd>
        <dt>{t("webhooks.lastAttempt")}</dt>
        <dd>
          <When at={webhook.lastAttemptAt} />
        </dd>
        <dt>{t("webhooks.lastSuccess")}</dt>
        <dd>
          <When at={webhook.lastSuccessAt} />
        </dd>
        {webhook.lastError && (
          <>
            <dt>{t("webhooks.lastError")}</dt>
            <dd className="error">
              {webhook.lastError} (<When at={webhook.lastErrorAt} />)
            </dd>
          </>
        )}
        <dt>{t("webhooks.failedPending")}</dt>
        <dd data-testid="webhook-counts">
          {t("webhooks.counts", { failed: webhook.failedDeliveries, pending: webhook.pendingDeliveries })}
        </dd>
      </dl>
      <button type="button" onClick={() => setShowLog((shown) => !shown)}>
        {showLog ? t("webhooks.hideDeliveries") : t("webhooks.showDeliveries")}
      </button>{" "}
      {confirming ? (
        <>
          <button type="button" className="danger" onClick={() => void remove()}>
            {t("webhooks.confirmRemove")}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            {t("webhooks.cancel")}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t("webhooks.remove")}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {showLog && <WebhookDeliveryLog webhookId={webhook.id} onRefresh={onChanged} />}
    </li>
  );
}

/**
 * A party's webhooks (issue #9, item 5; docs/WEBHOOKS.md): their state, registering one (its secret
 * shown once), removing one, and what was sent to each. Administrators choose the party; a
 * representative manages their own party's.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { parties } = useProcess();
  // The party chosen is in the address, so that a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const chosenParty = params.get("party") ?? "";
  const setChosenParty = (party: string) => setParams(party ? { party } : {}, { replace: true });
  const [secret, setSecret] = useState<string>();
  const allowed = mayManageWebhooks(session);
  const actor = session?.actor.kind === "account" ? session.actor : undefined;
  const administrator = actor?.role === "administrator";
  const partyId = administrator ? chosenParty || undefined : actor?.partyId;
  const list = useApi<{ items: Webhook[] }>(allowed ? `/api/webhooks${query({ partyId })}` : null);

  if (!session) return <p className="muted">{t("status.loading")}</p>;
  if (!allowed)
    return (
      <section>
        <h1>{t("webhooks.title")}</h1>
        <p>{session.actor.kind === "account" ? t("webhooks.notAllowed") : t("webhooks.signIn")}</p>
      </section>
    );
  const items = list.data?.items ?? [];
  return (
    <section className="webhooks-page">
      <h1>{t("webhooks.title")}</h1>
      <p className="muted">{t("webhooks.intro")}</p>
      {administrator && (
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <label>
            {t("notifications.party")}{" "}
            <select value={chosenParty} onChange={(event) => setChosenParty(event.target.value)}>
              <option value="">{t("notifications.allParties")}</option>
              {[...parties.values()].map((party) => (
                <option key={party.id} value={party.id}>
                  {party.shortName}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {secret && <WebhookSecret secret={secret} onDismiss={() => setSecret(undefined)} />}
      <NewWebhookForm
        partyId={partyId}
        onCreated={(value) => {
          setSecret(value);
          list.reload();
        }}
      />
      <h2>{t("webhooks.registeredTitle")}</h2>
      <Status loading={list.loading && !list.data} error={list.error}>
        {items.length === 0 ? (
          <p className="muted">{t("webhooks.none")}</p>
        ) : (
          <ul className="webhook-list" data-testid="webhook-list">
            {items.map((webhook) => (
              <WebhookRow key={webhook.id} webhook={webhook} onChanged={list.reload} />
            ))}
          </ul>
        )}
      </Status>
    </section>
  );
}
