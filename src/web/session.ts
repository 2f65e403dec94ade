import { useEffect, useSyncExternalStore } from "react";
import type { SessionView } from "../domain/accounts";
import { ApiError } from "./api";

/**
 * Who is signed in, shared by every component without a provider: one GET /api/session, re-read
 * after signing in or out. The session's CSRF token lives here only (never in storage): every write
 * the web app sends while signed in must carry it (csrfHeaders), or the server answers 403.
 */

let current: SessionView | undefined;
let loading: Promise<SessionView> | undefined;
const listeners = new Set<() => void>();

function publish(view: SessionView | undefined) {
  current = view;
  for (const listener of listeners) listener();
}

export function refreshSession(): Promise<SessionView> {
  loading = fetch("/api/session", { headers: { accept: "application/json" } })
    .then((response) => response.json() as Promise<SessionView>)
    .then((view) => {
      publish(view);
      return view;
    })
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The session as last read; undefined until the first answer arrives. */
export function useSession(): SessionView | undefined {
  const view = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!current && !loading) void refreshSession();
  }, []);
  return view;
}

/** The header every write must carry while a browser session is signed in. */
export function csrfHeaders(): Record<string, string> {
  return current?.csrfToken ? { "x-csrf-token": current.csrfToken } : {};
}

/** A JSON write with the CSRF header; errors come back as ApiError in the API's one error shape. */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...csrfHeaders(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = answer?.error;
    throw new ApiError(response.status, error?.message ?? response.statusText, error?.details);
  }
  return answer as T;
}

export async function signIn(email: string, password: string): Promise<SessionView> {
  const view = await sendJson<SessionView>("POST", "/api/session", { email, password });
  publish(view);
  return view;
}

export async function signOut(everywhere = false): Promise<void> {
  try {
    await sendJson("DELETE", everywhere ? "/api/sessions" : "/api/session");
  } finally {
    await refreshSession();
  }
}
