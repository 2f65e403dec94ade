import type { Level } from "../api";
import { useProcess } from "../process-context";
import { ObligationLevel } from "./common";
import { type HistoryPoint, Sparkline } from "./Sparkline";

/** One obligor's part of a commitment, as the API's implementation reads return it. */
export interface Obligation {
  partyId: string;
  level?: Level;
  assessedOn?: string;
  reversed: boolean;
  overdueSince?: string;
  history: HistoryPoint[];
}

/** The obligor, its level and its history: three cells of a table row. */
export function ObligationCells({ obligation }: { obligation: Obligation }) {
  const { partyName } = useProcess();
  return (
    <>
      <td>{partyName(obligation.partyId)}</td>
      <td>
        <ObligationLevel {...obligation} />
      </td>
      <td>
        <Sparkline history={obligation.history} />
      </td>
    </>
  );
}
