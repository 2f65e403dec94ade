import { and, eq } from "drizzle-orm";
import type { Actor } from "../domain/actor.js";
import {
  type IncidentPointsQuery,
  type IncidentTitles,
  unlocatedListMax,
} from "../domain/incident-points.js";
import { licences } from "../domain/licences.js";
import { readableFilter } from "../domain/policy.js";
import type { Db } from "../store/database.js";
import { NotFoundError } from "../store/errors.js";
import { incidentPointsJson, incidentTitles, unlocatedIncidents } from "../store/incident-point-queries.js";
import { readableBy } from "../store/readable.js";
import { processes } from "../store/schema.js";
import { selectionOf } from "./incidents.js";
import { loadLicencePolicy } from "./licence-policy.js";

/**
 * The map's reads: the incident list's filters (parsed once, by the list's own `selectionOf`), every
 * match as compact arrays, and titles for the few incidents a reader opens on the map.
 */

/** The process, if the actor may read it; otherwise 404, as if it did not exist. */
async function requireProcess(db: Db, actor: Actor, processId: string) {
  const readable = readableBy(actor, "processes", processes);
  const [found] = await db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.id, processId), ...(readable ? [readable] : [])));
  if (!found) throw new NotFoundError("processes", processId);
}

/**
 * The JSON text of `IncidentPoints`, written by the database; the route sends it as it is. Only the
 * incidents the actor may read are drawn, and only readable places lend them a position.
 */
export async function incidentPointsText(
  db: Db,
  actor: Actor,
  processId: string,
  query: IncidentPointsQuery,
) {
  await requireProcess(db, actor, processId);
  const { signals, limit, ...filterQuery } = query;
  const { filters } = selectionOf({ ...filterQuery, processId });
  const readable = readableFilter(actor, "incidents");
  const selection = {
    ...filters,
    includeSignals: signals === "include",
    readable,
    excludeLicences: "all" in readable ? [] : await licencesWithheldFromThePublic(db),
  };
  const unlocated = await unlocatedIncidents(db, selection, unlocatedListMax);
  return incidentPointsJson(db, selection, limit, unlocated);
}

/**
 * The public map is a public output: rows under a licence whose setting is not "include" (ACLED's,
 * by default) are not drawn for it, as they are not exported. Staff, who read everything, see them.
 */
async function licencesWithheldFromThePublic(db: Db): Promise<string[]> {
  const policy = await loadLicencePolicy(db);
  const known = new Set([...Object.keys(licences), ...policy.settings.keys()]);
  return [...known].filter((licence) => policy.publicRowRule(licence) !== "include");
}

export async function incidentTitleList(
  db: Db,
  actor: Actor,
  processId: string,
  ids: string[],
): Promise<IncidentTitles> {
  await requireProcess(db, actor, processId);
  return { items: await incidentTitles(db, processId, ids, readableFilter(actor, "incidents")) };
}
