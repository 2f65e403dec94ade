import { useEffect, useState } from "react";
import type { EntityData, EntityName, EntitySummary } from "../domain/entities";

export type Envelope = {
  id: string;
  reviewState: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Set when a party representative submitted the record: that party's claim, not a finding. */
  claimOfPartyId?: string;
  /** What the caller may do to this record (the API's policy); absent on a few composite reads. */
  allowedActions?: string[];
};
export type Rec<E extends EntityName> = EntityData<E> & Envelope;
/** What list routes answer: the record less its long fields (a document's text), plus an excerpt. */
export type Summary<E extends EntityName> = EntitySummary<E> & Envelope;
export type Page<T> = { items: T[]; nextCursor: string | null };
export type Level = 0 | 1 | 2 | 3 | null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(response.status, error?.message ?? response.statusText, error?.details);
  }
  return body as T;
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export type Loadable<T> = { data?: T; error?: ApiError; loading: boolean; reload: () => void };

/** Fetches a path whenever it changes; null skips the request. */
export function useApi<T>(path: string | null): Loadable<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    getJson<T>(path)
      .then((data) => live && setState({ data, loading: false }))
      .catch(
        (error: unknown) =>
          live &&
          setState({
            error: error instanceof ApiError ? error : new ApiError(0, String(error)),
            loading: false,
          }),
      );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** A cursor-paginated list with "load more". */
export function usePagedList<T>(path: string | null) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const separator = path?.includes("?") ? "&" : "?";
  const page = useApi<Page<T>>(
    path === null ? null : cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the query changes
  useEffect(() => {
    setItems([]);
    setCursor(null);
  }, [path]);
  useEffect(() => {
    if (!page.data) return;
    const data = page.data;
    setItems((existing) => (cursor ? [...existing, ...data.items] : data.items));
    setNext(data.nextCursor);
  }, [page.data, cursor]);
  return {
    items,
    loading: page.loading,
    error: page.error,
    hasMore: next !== null,
    loadMore: () => setCursor(next),
  };
}
