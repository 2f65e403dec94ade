import { useTranslation } from "react-i18next";
import type { Role } from "../../domain/actor";
import { useProcess } from "../process-context";

/** Form pieces the administration pages share: roles, parties, times. */

export const roleOptions: readonly Role[] = ["administrator", "mediator", "monitor", "party_representative"];

export const shortTime = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace("T", " ") : null;

/** The parties of the process in view, to bind a representative to one. */
export function PartySelect({
  name,
  value,
  onChange,
}: {
  name: string;
  value: string;
  onChange?: (partyId: string) => void;
}) {
  const { t } = useTranslation();
  const { parties } = useProcess();
  return (
    <select
      name={name}
      aria-label={t("account.party")}
      value={onChange ? value : undefined}
      defaultValue={onChange ? undefined : value}
      onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      required
    >
      <option value="">{t("admin.chooseParty")}</option>
      {[...parties.values()].map((party) => (
        <option key={party.id} value={party.id}>
          {party.shortName}
        </option>
      ))}
    </select>
  );
}
