import { useEffect, useState } from "react";
import type { AllowedKindActions } from "../domain/allowed-actions";
import type { KindAction, PolicyKind } from "../domain/policy";
import { useSession } from "./session";

/**
 * What the caller may do per kind of record (GET /api/permissions), read again whenever who is signed
 * in changes. Controls that create or import are shown only when this allows them; records carry their
 * own `allowedActions` for everything done to one record.
 */
export function useKindActions(): AllowedKindActions | undefined {
  const session = useSession();
  const who = session ? JSON.stringify(session.actor) : undefined;
  const [actions, setActions] = useState<AllowedKindActions>();
  useEffect(() => {
    if (who === undefined) return;
    let current = true;
    fetch("/api/permissions", { headers: { accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { allowedKindActions: {} }))
      .then((body: { allowedKindActions: AllowedKindActions }) => {
        if (current) setActions(body.allowedKindActions);
      })
      .catch(() => {
        if (current) setActions({});
      });
    return () => {
      current = false;
    };
  }, [who]);
  return actions;
}

/** Whether the caller may take `action` on records of `kind`; false until the answer arrives. */
export function useMayOnKind(kind: PolicyKind, action: KindAction): boolean {
  return useKindActions()?.[kind]?.includes(action) ?? false;
}
