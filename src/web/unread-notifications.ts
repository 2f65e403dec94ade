import { useSyncExternalStore } from "react";

/**
 * The signed-in person's unread notification count, shared by the header's bell and the
 * notifications page without a provider: the page publishes the count the server answers after
 * marking read, so that the bell drops at once rather than at its next poll.
 */

let unread: number | undefined;
const listeners = new Set<() => void>();

export function publishUnreadCount(count: number | undefined): void {
  unread = count;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useUnreadCount(): number | undefined {
  return useSyncExternalStore(subscribe, () => unread);
}

/** Reads the count again (one row asked for: the answer carries the count whatever the page size). */
export async function refreshUnreadCount(): Promise<void> {
  const response = await fetch("/api/notifications?limit=1", { headers: { accept: "application/json" } });
  if (!response.ok) {
    publishUnreadCount(undefined);
    return;
  }
  const body = (await response.json()) as { unreadCount: number };
  publishUnreadCount(body.unreadCount);
}
