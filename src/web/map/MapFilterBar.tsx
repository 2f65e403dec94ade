import { useTranslation } from "react-i18next";
import type { MapChange, MapState } from "./map-url";
import type { IncidentPoints } from "./point-set";

/**
 * The map page's filters, each one a parameter of the address (map-url.ts). The vocabularies come
 * with the map's data (its dictionaries), so the page needs no copy of them.
 */
export function MapFilterBar({
  state,
  dictionaries,
  parties,
  namingParties,
  partyName,
  onChange,
  onLimitToView,
}: {
  state: MapState;
  dictionaries: IncidentPoints["dictionaries"] | undefined;
  parties: { id: string; shortName: string }[];
  namingParties: string[];
  partyName: (id: string) => string;
  onChange: (change: MapChange) => void;
  onLimitToView: () => void;
}) {
  const { t } = useTranslation();
  const { filters, settings } = state;
  const select = (
    key: "monitoringType" | "acledEventType" | "verificationStatus" | "allegedBy" | "actor",
    options: [value: string, label: string][],
  ) => (
    <label>
      {t(`map.filters.${key}`)}{" "}
      <select
        data-testid={`map-filter-${key}`}
        value={filters[key] ?? ""}
        onChange={(event) => onChange({ [key]: event.target.value || undefined })}
      >
        <option value="">{t("common.all")}</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
  const partyOptions = parties.map((p): [string, string] => [p.id, p.shortName]);
  const statuses = (dictionaries?.verificationStatus ?? []).filter((s) => s !== "machine_coded");
  return (
    <form className="filters map-filters" onSubmit={(event) => event.preventDefault()}>
      {select(
        "monitoringType",
        (dictionaries?.monitoringType ?? []).map((type) => [type, t(`incidentType.${type}`)]),
      )}
      {select(
        "acledEventType",
        (dictionaries?.acledEventType ?? []).map((type) => [type, type]),
      )}
      {select(
        "verificationStatus",
        statuses.map((status) => [status, t(`verification.${status}`)]),
      )}
      {select("allegedBy", partyOptions)}
      {select("actor", partyOptions)}
      <label>
        {t("common.fromDate")}{" "}
        <input
          type="date"
          data-testid="map-filter-from"
          value={filters.from ?? ""}
          onChange={(event) => onChange({ from: event.target.value || undefined })}
        />
      </label>
      <label>
        {t("common.toDate")}{" "}
        <input
          type="date"
          data-testid="map-filter-to"
          value={filters.to ?? ""}
          onChange={(event) => onChange({ to: event.target.value || undefined })}
        />
      </label>
      <span className="map-box-filter">
        {filters.bbox ? (
          <>
            <span className="small" data-testid="map-filter-bbox">
              {t("map.filters.box", { box: filters.bbox })}
            </span>{" "}
            <button type="button" onClick={() => onChange({ bbox: undefined })}>
              {t("map.filters.clearBox")}
            </button>
          </>
        ) : (
          <button type="button" onClick={onLimitToView}>
            {t("map.filters.limitToView")}
          </button>
        )}
      </span>
      <label>
        <input
          type="checkbox"
          data-testid="map-filter-signals"
          checked={settings.signals}
          disabled={filters.verificationStatus !== undefined}
          onChange={(event) => onChange({ signals: event.target.checked })}
        />{" "}
        {t("map.filters.signals")}
      </label>
      <label>
        {t("map.names.label")}{" "}
        <select
          data-testid="map-names"
          value={settings.namesOf}
          onChange={(event) => onChange({ namesOf: event.target.value })}
        >
          <option value="">{t("map.names.all")}</option>
          {namingParties.map((id) => (
            <option key={id} value={id}>
              {t("map.names.usedBy", { party: partyName(id) })}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
