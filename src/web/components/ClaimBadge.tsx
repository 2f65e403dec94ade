import { useTranslation } from "react-i18next";
import { useProcess } from "../process-context";

/**
 * "Claim of Azerbaijan": a record a party's representative submitted (its `claimOfPartyId`) is that
 * party's claim, never a finding of the mission (issue #9, item 6), and says so wherever it is shown.
 */
export function ClaimBadge({ partyId }: { partyId?: string | null }) {
  const { t } = useTranslation();
  const { partyName } = useProcess();
  if (!partyId) return null;
  return (
    <span className="claim-badge" data-testid="claim-badge" title={t("claim.explained")}>
      {t("claim.of", { party: partyName(partyId) })}
    </span>
  );
}
