import type { Actor } from "../domain/actor.js";
import { buildAssessmentIndex, currentLevels, pairKey } from "../domain/compliance.js";
import type {
  CorridorIncident,
  CorridorPlace,
  GoverningCommitment,
  ObservationDay,
  PlaceAccess,
  RestrictedCorridor,
  TrafficPoint,
} from "../domain/corridor.js";
import {
  type AccessIncident,
  type AccessReport,
  accessTimeline,
  dayCounter,
  incidentEffect,
  statusOnDate,
} from "../domain/restriction-periods.js";
import {
  commitmentsGoverningPlace,
  incidentsOnPlaces,
  observationsOfPlaces,
  type PlaceIncident,
  placesOfKinds,
} from "../store/access-queries.js";
import { assessmentsOfCommitments } from "../store/compliance-queries.js";
import type { Db } from "../store/database.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { checkAsOf } from "./compliance.js";
import { readRecord } from "./record-reads.js";

/** The other incidents listed on a place page besides those bearing on access: the latest so many. */
const otherIncidentsShown = 200;

/** The places the overview lists when restricted. */
const overviewPlaceKinds = ["corridor", "checkpoint"] as const;

const toReport = (o: StoredRecord<"accessObservations">): AccessReport => ({
  date: o.observedOn,
  status: o.status,
  reporterPartyId: o.reportedByPartyId,
});

function toAccessIncidents(incidents: readonly PlaceIncident[]): AccessIncident[] {
  return incidents.flatMap((incident) => {
    const effect = incidentEffect(incident.monitoringType);
    if (effect === "none") return [];
    return [
      {
        effect,
        startDate: incident.startDate,
        endDate: incident.endDate ?? undefined,
        ongoing: incident.ongoing,
      },
    ];
  });
}

function placeView(place: StoredRecord<"places">): CorridorPlace {
  return {
    id: place.id,
    processId: place.processId,
    kind: place.kind,
    names: place.names,
    location:
      place.latitude !== undefined && place.longitude !== undefined
        ? {
            known: true,
            latitude: place.latitude,
            longitude: place.longitude,
            geoPrecision: place.geoPrecision,
          }
        : { known: false, note: "location unknown" },
    geometry: place.geometry ?? null,
    directions: place.directions,
    parentPlaceId: place.parentPlaceId ?? null,
    description: place.description,
    sources: place.sources,
  };
}

function trafficOf(observations: readonly StoredRecord<"accessObservations">[]): TrafficPoint[] {
  return observations.flatMap((o) =>
    o.counts.map((count) => ({
      date: o.observedOn,
      category: count.category,
      direction: count.direction,
      persons: count.persons ?? null,
      vehicles: count.vehicles ?? null,
      cargoTonnes: count.cargoTonnes ?? null,
      reportedByPartyId: o.reportedByPartyId ?? null,
      observationId: o.id,
    })),
  );
}

/** The commitments governing the place, each obligor's latest confirmed assessment as of the date. */
async function governingCommitments(
  db: Db,
  readAs: Actor,
  placeId: string,
  asOf: string,
): Promise<GoverningCommitment[]> {
  const governing = await commitmentsGoverningPlace(db, placeId, readAs);
  if (governing.length === 0) return [];
  const provisionIds = [...new Set(governing.flatMap((c) => (c.provisionId ? [c.provisionId] : [])))];
  const [assessments, provisions] = await Promise.all([
    assessmentsOfCommitments(
      db,
      governing.map((c) => c.id),
    ),
    repositories.provisions.getMany(db, provisionIds, { readAs }),
  ]);
  // The compliance index's own choice of "latest": confirmed only, corrections applied, reversals seen.
  const index = buildAssessmentIndex(
    governing.map(({ id, processId, obligorPartyIds, categories, deadline }) => ({
      id,
      processId,
      obligorPartyIds,
      categories,
      deadline,
    })),
    assessments,
  );
  const current = currentLevels(index, asOf);
  const [agreements, records] = await Promise.all([
    repositories.agreements.getMany(db, [...new Set(provisions.map((p) => p.agreementId))], { readAs }),
    repositories.assessments.getMany(
      db,
      [...current.values()].map((c) => c.assessment.id),
      { readAs },
    ),
  ]);
  const provisionById = new Map(provisions.map((p) => [p.id, p]));
  const agreementById = new Map(agreements.map((a) => [a.id, a]));
  const recordById = new Map(records.map((a) => [a.id, a]));
  return governing.map((commitment) => {
    const provision = commitment.provisionId ? provisionById.get(commitment.provisionId) : undefined;
    const agreement = provision ? agreementById.get(provision.agreementId) : undefined;
    return {
      id: commitment.id,
      title: commitment.title,
      action: commitment.action,
      categories: commitment.categories,
      provisionId: commitment.provisionId ?? null,
      provisionPath: provision?.path ?? null,
      agreementId: agreement?.id ?? null,
      agreementTitle: agreement?.title ?? null,
      obligors: commitment.obligorPartyIds.map((partyId) => {
        const latest = current.get(pairKey(commitment.id, partyId));
        const record = latest ? recordById.get(latest.assessment.id) : undefined;
        return {
          partyId,
          assessment:
            latest && record
              ? {
                  id: record.id,
                  asOf: record.asOf,
                  level: record.level,
                  reversed: latest.reversed,
                  rationale: record.rationale,
                  assessor: record.assessor,
                }
              : null,
        };
      }),
    };
  });
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

/**
 * Everything the corridor page shows, as of a date: the place, every reporter's observations by day,
 * the status band and restriction periods, the day counter, the traffic, the incidents on the place
 * and its descendants, and the commitments that govern it. A fixed number of queries.
 */
export async function placeAccess(
  db: Db,
  readAs: Actor,
  placeId: string,
  asOfParam?: string,
): Promise<PlaceAccess> {
  const asOf = checkAsOf(asOfParam);
  const place = await readRecord(db, readAs, "places", placeId);
  // Observations, incidents and commitments are read as the caller: the band, the day counter and the
  // traffic rest only on what the caller may read (for the public: published and disputed records).
  const [observations, incidents, commitments] = await Promise.all([
    observationsOfPlaces(db, [placeId], readAs),
    incidentsOnPlaces(db, [placeId], otherIncidentsShown, readAs),
    governingCommitments(db, readAs, placeId, asOf),
  ]);
  const reports = observations.map(toReport);
  const accessIncidents = toAccessIncidents(incidents);
  // The band runs to the latest report when that is later than the as-of date: the page shows it all.
  let through = asOf;
  for (const o of observations) through = laterOf(through, o.observedOn);
  for (const i of incidents)
    if (incidentEffect(i.monitoringType) !== "none") through = laterOf(through, i.endDate ?? i.startDate);
  const timeline = accessTimeline(reports, accessIncidents, through);
  const byDate = groupBy(observations, (o) => o.observedOn);
  const observationsByDate: ObservationDay[] = [...byDate].map(([date, sameDay]) => ({
    date,
    status: statusOnDate(timeline.runs, date),
    observations: sameDay.map((o) => ({
      id: o.id,
      reviewState: o.reviewState,
      placeId: o.placeId,
      observedOn: o.observedOn,
      status: o.status,
      counts: o.counts,
      note: o.note,
      reportedByPartyId: o.reportedByPartyId ?? null,
      ...(o.claimOfPartyId ? { claimOfPartyId: o.claimOfPartyId } : {}),
      sources: o.sources,
    })),
  }));
  const incidentViews: CorridorIncident[] = incidents.map(({ rootPlaceId: _, ...incident }) => ({
    ...incident,
    monitoringType: incident.monitoringType as CorridorIncident["monitoringType"],
    verificationStatus: incident.verificationStatus as CorridorIncident["verificationStatus"],
    reviewState: incident.reviewState as CorridorIncident["reviewState"],
    effect: incidentEffect(incident.monitoringType),
  }));
  const partyIds = new Set<string>();
  for (const o of observations) if (o.reportedByPartyId) partyIds.add(o.reportedByPartyId);
  for (const i of incidents) for (const id of i.allegedByPartyIds) partyIds.add(id);
  for (const c of commitments) for (const o of c.obligors) partyIds.add(o.partyId);
  const parties = await repositories.parties.getMany(db, [...partyIds], { readAs });
  return {
    asOf,
    through,
    place: placeView(place),
    observationsByDate,
    statusBand: timeline.runs,
    periods: timeline.periods,
    dayCounter: dayCounter(reports, accessIncidents, asOf),
    traffic: trafficOf(observations),
    incidents: incidentViews,
    commitments,
    parties: parties
      .map((p) => ({ id: p.id, shortName: p.shortName, names: p.names }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The corridors and checkpoints of a process in a restriction as of a date, with their day count. */
export async function restrictedCorridors(
  db: Db,
  readAs: Actor,
  processId: string,
  asOf: string,
): Promise<RestrictedCorridor[]> {
  const crossings = await placesOfKinds(db, processId, overviewPlaceKinds, readAs);
  const ids = crossings.map((p) => p.id);
  const [observations, incidents] = await Promise.all([
    observationsOfPlaces(db, ids, readAs),
    incidentsOnPlaces(db, ids, 0, readAs),
  ]);
  const reportsOf = groupBy(observations, (o) => o.placeId);
  const incidentsOf = groupBy(incidents, (i) => i.rootPlaceId);
  return crossings.flatMap((place) => {
    const counter = dayCounter(
      (reportsOf.get(place.id) ?? []).map(toReport),
      toAccessIncidents(incidentsOf.get(place.id) ?? []),
      asOf,
    );
    if (counter.state !== "restricted" || counter.day === null || !counter.period) return [];
    return [
      {
        placeId: place.id,
        kind: place.kind,
        names: place.names,
        statusOnDay: counter.statusOnDay,
        since: counter.period.start,
        day: counter.day,
        lastReportedOn: counter.period.lastReportedOn,
      },
    ];
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
