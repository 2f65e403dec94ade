import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { crossingPlaceKinds } from "../../domain/actors";
import { query, type Rec, useApi } from "../api";
import { allNames, Field, Names, Sources, Status } from "../components/common";
import { ReviewPanel } from "../components/ReviewPanel";
import { useProcess } from "../process-context";
import { IncidentTable } from "./IncidentsPages";

/** Places people and goods pass through have a corridor page (the domain's crossingPlaceKinds, as types only). */
const crossingKinds: ReadonlySet<string> = new Set<(typeof crossingPlaceKinds)[number]>([
  "corridor",
  "checkpoint",
  "road",
]);

export function PlacesPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const places = useApi<{ items: Rec<"places">[] }>(
    process ? `/api/places${query({ processId: process.id, limit: 500 })}` : null,
  );
  return (
    <section>
      <h1>{t("nav.places")}</h1>
      <p className="muted">{t("place.namesNote")}</p>
      <Status loading={places.loading && !places.data} error={places.error}>
        <table>
          <thead>
            <tr>
              <th>{t("place.names")}</th>
              <th>{t("place.kind")}</th>
              <th>{t("place.coordinates")}</th>
            </tr>
          </thead>
          <tbody>
            {(places.data?.items ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/places/${encodeURIComponent(p.id)}`}>{allNames(p.names)}</Link>
                </td>
                <td>{t(`placeKind.${p.kind}`)}</td>
                <td>
                  {p.latitude !== undefined ? `${p.latitude}, ${p.longitude}` : t("place.noCoordinates")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Status>
    </section>
  );
}

export function PlacePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const place = useApi<Rec<"places">>(`/api/places/${encodeURIComponent(id)}`);
  const incidents = useApi<{ items: Rec<"incidents">[] }>(
    `/api/incidents${query({ placeId: id, limit: 50 })}`,
  );
  const p = place.data;
  return (
    <Status loading={place.loading && !p} error={place.error}>
      {p && (
        <article>
          <p className="muted">{t(`placeKind.${p.kind}`)}</p>
          <h1>{allNames(p.names)}</h1>
          <ReviewPanel kind="places" record={p} onChanged={place.reload} />
          <dl className="facts">
            <Field label={t("place.names")}>
              <Names names={p.names} />
            </Field>
            <Field label={t("place.coordinates")}>
              {p.latitude !== undefined ? `${p.latitude}, ${p.longitude}` : t("place.noCoordinates")}
            </Field>
            <Field label={t("place.geoPrecision")}>{t(`geoPrecision.${p.geoPrecision}`)}</Field>
            {p.parentPlaceId && (
              <Field label={t("place.parent")}>
                <Link to={`/places/${encodeURIComponent(p.parentPlaceId)}`}>{p.parentPlaceId}</Link>
              </Field>
            )}
          </dl>
          {p.description && <p>{p.description}</p>}
          {crossingKinds.has(p.kind) && (
            <p>
              <Link to={`/places/${encodeURIComponent(p.id)}/access`} data-testid="corridor-link">
                {t("corridor.link")}
              </Link>
            </p>
          )}
          <h2>{t("nav.incidents")}</h2>
          <IncidentTable incidents={incidents.data?.items ?? []} />
          <h2>{t("sources.title")}</h2>
          <Sources sources={p.sources} />
        </article>
      )}
    </Status>
  );
}
