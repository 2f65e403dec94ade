import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Delivery } from "../../domain/notifications";
import { useApi } from "../api";
import { Status } from "./common";
import { RecordLink } from "./RecordLink";

export function When({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!at) return <span className="muted">{t("webhooks.never")}</span>;
  return <time dateTime={at}>{new Date(at).toLocaleString()}</time>;
}

/** How a receiver checks that a delivery came from this server (the few lines of docs/WEBHOOKS.md). */
const verifyExample = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the body exactly as received; headers: lower-case names.
export function isFromPeacetrack(secret, headers, rawBody, toleranceSeconds = 300) {
  const timestamp = headers["x-peacetrack-timestamp"] ?? "";
  const given = Buffer.from(headers["x-peacetrack-signature"] ?? "");
  const expected = Buffer.from(
    \`sha256=\${createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest("hex")}\`,
  );
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= toleranceSeconds;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}`;

/**
 * A new webhook's signing secret: shown this once (the server keeps it only to sign with), with a way
 * to copy it and how the receiver verifies what it is sent.
 */
export function WebhookSecret({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="token-secret webhook-secret" role="status" data-testid="webhook-secret">
      <p>
        <strong>{t("webhooks.secretShownOnce")}</strong>
      </p>
      <code data-testid="webhook-secret-value">{secret}</code>{" "}
      <button type="button" onClick={() => void copy()}>
        {t("webhooks.copy")}
      </button>{" "}
      {copied === true && <span className="muted">{t("webhooks.copied")}</span>}
      {copied === false && <span className="muted">{t("webhooks.copyFailed")}</span>}
      <details>
        <summary>{t("webhooks.howToVerify")}</summary>
        <p>{t("webhooks.verifyIntro")}</p>
        <pre className="code-example">{verifyExample}</pre>
        <p className="muted">{t("webhooks.verifyDocs")}</p>
      </details>
      <button type="button" onClick={onDismiss}>
        {t("webhooks.secretKept")}
      </button>
    </div>
  );
}

/** What one attempt came to: the HTTP status the receiver answered, or why none came. */
function AttemptOutcome({ attempt }: { attempt: Delivery["attemptLog"][number] }) {
  const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
  return (
    <li className={ok ? "attempt ok" : "attempt failed"}>
      <When at={attempt.at} />: {attempt.status !== undefined ? `HTTP ${attempt.status}` : ""}
      {attempt.error ? ` ${attempt.error}` : ""}{" "}
      <span className="muted">({Math.round(attempt.durationMs)} ms)</span>
    </li>
  );
}

/** A webhook's latest deliveries, newest first, each with every attempt and when the next one is due. */
export function WebhookDeliveryLog({ webhookId, onRefresh }: { webhookId: string; onRefresh?: () => void }) {
  const { t } = useTranslation();
  const log = useApi<{ items: Delivery[] }>(`/api/webhooks/${encodeURIComponent(webhookId)}/deliveries`);
  const items = log.data?.items ?? [];
  return (
    <div className="delivery-log" data-testid="delivery-log">
      <h3>
        {t("webhooks.deliveries")}{" "}
        <button
          type="button"
          onClick={() => {
            log.reload();
            onRefresh?.();
          }}
          disabled={log.loading}
        >
          {t("webhooks.refresh")}
        </button>
      </h3>
      <Status loading={log.loading && !log.data} error={log.error}>
        {items.length === 0 ? (
          <p className="muted">{t("webhooks.noDeliveries")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("webhooks.created")}</th>
                <th>{t("webhooks.event")}</th>
                <th>{t("webhooks.record")}</th>
                <th>{t("webhooks.state")}</th>
                <th>{t("webhooks.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((delivery) => (
                <tr key={delivery.id} data-testid="delivery" data-state={delivery.state}>
                  <td>
                    <When at={delivery.createdAt} />
                  </td>
                  <td>{t(`notifications.event.${delivery.event}`)}</td>
                  <td>
                    <RecordLink {...delivery.record} />
                  </td>
                  <td>
                    {t(`webhooks.deliveryState.${delivery.state}`)}
                    {delivery.state === "pending" && delivery.nextAttemptAt && (
                      <div className="muted">
                        {t("webhooks.nextAttempt")} <When at={delivery.nextAttemptAt} />
                      </div>
                    )}
                    {delivery.deliveredAt && (
                      <div className="muted">
                        <When at={delivery.deliveredAt} />
                      </div>
                    )}
                  </td>
                  <td>
                    {delivery.attempts}
                    {delivery.attemptLog.length > 0 && (
                      <ol className="attempt-log">
                        {delivery.attemptLog.map((attempt) => (
                          <AttemptOutcome key={attempt.at} attempt={attempt} />
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Status>
    </div>
  );
}
