import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { Notification } from "../../domain/notifications";
import { ApiError, query, usePagedList } from "../api";
import { Status } from "../components/common";
import { mayReadNotifications } from "../components/NotificationBell";
import { RecordLink } from "../components/RecordLink";
import { useProcess } from "../process-context";
import { sendJson, useSession } from "../session";
import { publishUnreadCount, refreshUnreadCount } from "../unread-notifications";

/** One notification as GET /api/notifications answers it. */

const pageSize = 25;

/**
 * What was published, disputed, retracted or answered about a party (issue #9, item 5), newest
 * first, unread ones emphasised. Staff see every party's and may narrow to one; a representative
 * sees their own party's. Read marks are the reader's own.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { parties, partyName } = useProcess();
  // The party chosen is in the address, so that a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [markedRead, setMarkedRead] = useState<ReadonlySet<string>>(new Set());
  const [allMarked, setAllMarked] = useState(false);
  const [error, setError] = useState<string>();
  const allowed = mayReadNotifications(session);
  const staff = session?.actor.kind === "account" && session.actor.role !== "party_representative";
  // A representative reads their own party's only: the filter is staff's.
  const partyId = staff ? (params.get("party") ?? "") : "";
  const setPartyId = (party: string) => setParams(party ? { party } : {}, { replace: true });
  const path = allowed
    ? `/api/notifications${query({ partyId: partyId || undefined, unread: onlyUnread ? "true" : undefined, limit: pageSize })}`
    : null;
  const list = usePagedList<Notification>(path);
  // A new query answers read marks afresh: the local ones are only for what is already shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the query changes
  useEffect(() => {
    setMarkedRead(new Set());
    setAllMarked(false);
  }, [path]);

  if (!session) return <p className="muted">{t("status.loading")}</p>;
  if (!allowed)
    return (
      <section>
        <h1>{t("notifications.title")}</h1>
        <p>{session.actor.kind === "account" ? t("notifications.notAllowed") : t("notifications.signIn")}</p>
      </section>
    );

  const act = async (write: () => Promise<{ unreadCount: number }>, mark: () => void) => {
    setError(undefined);
    try {
      const { unreadCount } = await write();
      mark();
      // The server's count is for everything the reader sees; a party filter's count would differ.
      if (!partyId) publishUnreadCount(unreadCount);
      else void refreshUnreadCount().catch(() => {});
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  const markOne = (id: string) =>
    act(
      () => sendJson("POST", `/api/notifications/${encodeURIComponent(id)}/read`),
      () => setMarkedRead((set) => new Set([...set, id])),
    );
  const markAll = () =>
    act(
      () => sendJson("POST", "/api/notifications/read-all", partyId ? { partyId } : undefined),
      () => setAllMarked(true),
    );
  const isRead = (n: Notification) => n.read || allMarked || markedRead.has(n.id);

  return (
    <section className="notifications-page">
      <h1>{t("notifications.title")}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        {staff && (
          <label>
            {t("notifications.party")}{" "}
            <select value={partyId} onChange={(event) => setPartyId(event.target.value)}>
              <option value="">{t("notifications.allParties")}</option>
              {[...parties.values()].map((party) => (
                <option key={party.id} value={party.id}>
                  {party.shortName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <input
            type="checkbox"
            checked={onlyUnread}
            onChange={(event) => setOnlyUnread(event.target.checked)}
          />{" "}
          {t("notifications.onlyUnread")}
        </label>
        <button type="button" onClick={() => void markAll()} disabled={list.items.every(isRead)}>
          {t("notifications.markAllRead")}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Status loading={list.loading && list.items.length === 0} error={list.error}>
        {list.items.length === 0 ? (
          <p className="muted">{t("notifications.empty")}</p>
        ) : (
          <ul className="notification-list" data-testid="notification-list">
            {list.items.map((notification) => {
              const read = isRead(notification);
              return (
                <li
                  key={notification.id}
                  className={read ? "notification" : "notification unread"}
                  data-testid="notification"
                  data-read={read}
                >
                  <span className={`notification-event event-${notification.event}`}>
                    {t(`notifications.event.${notification.event}`)}
                  </span>{" "}
                  <RecordLink {...notification.record} />
                  {staff && <span className="muted"> · {partyName(notification.partyId)}</span>}
                  <div className="muted">
                    {t("notifications.byWhom", { actor: notification.actorName })},{" "}
                    <time dateTime={notification.createdAt}>
                      {new Date(notification.createdAt).toLocaleString()}
                    </time>
                  </div>
                  <p className="notification-summary">{notification.summary}</p>
                  {!read && (
                    <button type="button" onClick={() => void markOne(notification.id)}>
                      {t("notifications.markRead")}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {list.hasMore && (
          <button type="button" onClick={list.loadMore} disabled={list.loading}>
            {t("notifications.more")}
          </button>
        )}
      </Status>
    </section>
  );
}
