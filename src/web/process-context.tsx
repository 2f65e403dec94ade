import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { query, type Rec, useApi } from "./api";

interface ProcessState {
  processes: Rec<"processes">[];
  process?: Rec<"processes">;
  select: (id: string) => void;
  parties: Map<string, Rec<"parties">>;
  partyName: (id: string) => string;
  loading: boolean;
}

const ProcessContext = createContext<ProcessState | undefined>(undefined);
const storageKey = "peacetrack.process";

/** The process being viewed, and its parties for resolving ids to names everywhere. */
export function ProcessProvider({ children }: { children: ReactNode }) {
  const processes = useApi<{ items: Rec<"processes">[] }>("/api/processes?limit=500");
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(storageKey));
  const list = processes.data?.items ?? [];
  const process = list.find((p) => p.id === chosen) ?? list[0];
  const parties = useApi<{ items: Rec<"parties">[] }>(
    process ? `/api/parties${query({ processId: process.id, limit: 500 })}` : null,
  );
  const value = useMemo<ProcessState>(() => {
    const map = new Map((parties.data?.items ?? []).map((p) => [p.id, p]));
    return {
      processes: list,
      process,
      select: (id) => {
        localStorage.setItem(storageKey, id);
        setChosen(id);
      },
      parties: map,
      partyName: (id) => map.get(id)?.shortName ?? id,
      loading: processes.loading || parties.loading,
    };
  }, [list, process, parties.data, processes.loading, parties.loading]);
  return <ProcessContext.Provider value={value}>{children}</ProcessContext.Provider>;
}

export function useProcess(): ProcessState {
  const state = useContext(ProcessContext);
  if (!state) throw new Error("useProcess outside ProcessProvider");
  return state;
}
