import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router-dom";
import type { SessionView } from "../../domain/accounts";
import { useSession } from "../session";
import { publishUnreadCount, refreshUnreadCount, useUnreadCount } from "../unread-notifications";

const pollEveryMs = 60_000;

/** Staff read every party's notifications, a representative their own party's (policy: read_notifications). */
export function mayReadNotifications(session: SessionView | undefined): boolean {
  const actor = session?.actor;
  if (actor?.kind !== "account") return false;
  return actor.role !== "party_representative" || Boolean(actor.partyId);
}

/**
 * The header's bell: how many notifications the signed-in person has not read, read again every
 * minute and on each navigation. The public is never polled: it has no notifications.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  const allowed = mayReadNotifications(session);
  const who = session?.actor.kind === "account" ? session.actor.accountId : undefined;
  const unread = useUnreadCount();

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again on navigation and on a change of account
  useEffect(() => {
    if (!allowed) {
      publishUnreadCount(undefined);
      return;
    }
    void refreshUnreadCount().catch(() => {});
    const timer = setInterval(() => void refreshUnreadCount().catch(() => {}), pollEveryMs);
    return () => clearInterval(timer);
  }, [allowed, who, pathname]);

  if (!allowed) return null;
  const count = unread ?? 0;
  return (
    <NavLink
      to="/notifications"
      className={count > 0 ? "notification-bell has-unread" : "notification-bell"}
      aria-label={t("notifications.bell", { count })}
      title={t("notifications.bell", { count })}
      data-testid="notification-bell"
    >
      {/* Drawn, not an emoji: a machine without an emoji font would show a box. */}
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className="bell-icon">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {count > 0 && (
        <span className="unread-count" data-testid="unread-count">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </NavLink>
  );
}
