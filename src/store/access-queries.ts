import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import type { Db } from "./database.js";
import { readableBy } from "./readable.js";
import { rowToRecord, type StoredRecord } from "./repository.js";
import { accessObservations, commitments, incidents, places } from "./schema.js";

/**
 * The reads behind access observations and restriction periods: by sets, a fixed number of queries
 * whatever the number of places, observations or incidents.
 */

/** Monitoring types that bear on a crossing place's restriction periods (domain/restriction-periods.ts). */
export const accessIncidentTypes = [
  "blockade",
  "checkpoint_installed",
  "movement_restriction",
  "corridor_reopened",
];

/** The directions among `keys` that live observations of the place still count traffic in, with a few of them. */
export async function directionsInUse(db: Db, placeId: string, keys: readonly string[]) {
  if (keys.length === 0) return [];
  const result = (await db.execute(sql`
    SELECT c.count ->> 'direction' AS key, count(DISTINCT o.id)::int AS n,
           (array_agg(DISTINCT o.id))[1:3] AS ids
    FROM ${accessObservations} o, jsonb_array_elements(o.counts) AS c(count)
    WHERE o.place_id = ${placeId} AND o.deleted_at IS NULL
      AND c.count ->> 'direction' IN (${sql.join(
        keys.map((key) => sql`${key}`),
        sql`, `,
      )})
    GROUP BY 1 ORDER BY 1`)) as unknown as { rows: { key: string; n: number; ids: string[] }[] };
  return result.rows;
}

/** The live observations of some places, oldest first. */
export async function observationsOfPlaces(
  db: Db,
  placeIds: readonly string[],
  readAs: Actor,
): Promise<StoredRecord<"accessObservations">[]> {
  if (placeIds.length === 0) return [];
  const rows = await db
    .select()
    .from(accessObservations)
    .where(
      and(
        inArray(accessObservations.placeId, [...placeIds]),
        isNull(accessObservations.deletedAt),
        readableBy(readAs, "accessObservations", accessObservations),
      ),
    )
    .orderBy(asc(accessObservations.observedOn), asc(accessObservations.id));
  return rows.map((row) => rowToRecord("accessObservations", row));
}

const incidentSummary = {
  id: incidents.id,
  title: incidents.title,
  monitoringType: incidents.monitoringType,
  startDate: incidents.startDate,
  endDate: incidents.endDate,
  ongoing: incidents.ongoing,
  placeId: incidents.placeId,
  verificationStatus: incidents.verificationStatus,
  reviewState: incidents.reviewState,
  allegedByPartyIds: incidents.allegedByPartyIds,
};
export type PlaceIncident = {
  id: string;
  title: string;
  monitoringType: string;
  startDate: string;
  endDate: string | null;
  ongoing: boolean;
  placeId: string;
  verificationStatus: string;
  reviewState: string;
  allegedByPartyIds: string[];
  /** Which of the asked places it falls under (itself, or an ancestor of the incident's place). */
  rootPlaceId: string;
};

/** Each asked place with its descendants (the checkpoints on a corridor), in one recursive query. */
async function placeTrees(db: Db, rootIds: readonly string[]) {
  const result = (await db.execute(sql`
    WITH RECURSIVE tree(root_id, place_id, depth) AS (
      SELECT id, id, 0 FROM ${places} WHERE id IN (${sql.join(
        rootIds.map((id) => sql`${id}`),
        sql`, `,
      )}) AND deleted_at IS NULL
      UNION ALL
      SELECT tree.root_id, p.id, tree.depth + 1 FROM ${places} p JOIN tree ON p.parent_place_id = tree.place_id
      WHERE p.deleted_at IS NULL AND tree.depth < 32
    )
    SELECT DISTINCT root_id, place_id FROM tree`)) as unknown as {
    rows: { root_id: string; place_id: string }[];
  };
  const rootsOf = new Map<string, string[]>();
  for (const row of result.rows)
    rootsOf.set(row.place_id, [...(rootsOf.get(row.place_id) ?? []), row.root_id]);
  return rootsOf;
}

/**
 * The incidents on some places or their descendants: every one that bears on restriction periods, and
 * the latest `othersLimit` of the other types (a place may have many). Three queries.
 */
export async function incidentsOnPlaces(
  db: Db,
  rootIds: readonly string[],
  othersLimit: number,
  readAs: Actor,
): Promise<PlaceIncident[]> {
  if (rootIds.length === 0) return [];
  const rootsOf = await placeTrees(db, rootIds);
  const placeIds = [...rootsOf.keys()];
  if (placeIds.length === 0) return [];
  const onPlaces = and(
    inArray(incidents.placeId, placeIds),
    isNull(incidents.deletedAt),
    readableBy(readAs, "incidents", incidents),
  );
  const [access, others] = await Promise.all([
    db
      .select(incidentSummary)
      .from(incidents)
      .where(and(onPlaces, inArray(incidents.monitoringType, accessIncidentTypes))),
    othersLimit > 0
      ? db
          .select(incidentSummary)
          .from(incidents)
          .where(and(onPlaces, notInArray(incidents.monitoringType, accessIncidentTypes)))
          .orderBy(desc(incidents.startDate), desc(incidents.id))
          .limit(othersLimit)
      : Promise.resolve([]),
  ]);
  return [...access, ...others]
    .flatMap((row) =>
      (rootsOf.get(row.placeId as string) ?? []).map(
        (rootPlaceId) => ({ ...row, rootPlaceId }) as PlaceIncident,
      ),
    )
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
}

/** The live commitments that name the place among those they govern (GIN index on place_ids). */
export async function commitmentsGoverningPlace(
  db: Db,
  placeId: string,
  readAs: Actor,
): Promise<StoredRecord<"commitments">[]> {
  const rows = await db
    .select()
    .from(commitments)
    .where(
      and(
        sql`${commitments.placeIds} @> ${JSON.stringify([placeId])}::jsonb`,
        isNull(commitments.deletedAt),
        readableBy(readAs, "commitments", commitments),
      ),
    )
    .orderBy(asc(commitments.id));
  return rows.map((row) => rowToRecord("commitments", row));
}

/** The live places of a process whose kinds are given (the crossing places, for the overview). */
export async function placesOfKinds(
  db: Db,
  processId: string,
  kinds: readonly string[],
  readAs: Actor,
): Promise<StoredRecord<"places">[]> {
  const rows = await db
    .select()
    .from(places)
    .where(
      and(
        eq(places.processId, processId),
        inArray(places.kind, [...kinds]),
        isNull(places.deletedAt),
        readableBy(readAs, "places", places),
      ),
    )
    .orderBy(asc(places.id));
  return rows.map((row) => rowToRecord("places", row));
}
