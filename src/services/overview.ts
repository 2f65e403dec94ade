import type { Actor } from "../domain/actor.js";
import type { Db } from "../store/database.js";
import { incidentCounts, latestIncidents } from "../store/incident-queries.js";
import { repositories } from "../store/repository.js";
import { restrictedCorridors } from "./place-access.js";
import { allWithActions, readRecord, withActions } from "./record-reads.js";

/**
 * The first page of a process: what was agreed, who is involved, what happened lately. Read as the
 * caller: every list and count holds only what it may read.
 */
export async function processOverview(db: Db, actor: Actor, processId: string) {
  const process = await readRecord(db, actor, "processes", processId);
  const byProcess = { filters: { processId }, readAs: actor };
  const today = new Date().toISOString().slice(0, 10);
  const [agreements, parties, latest, latestDocuments, incidentsByStatus, restricted] = await Promise.all([
    repositories.agreements.list(db, { ...byProcess, limit: 200 }),
    repositories.parties.list(db, { ...byProcess, limit: 200 }),
    latestIncidents(db, processId, 10, actor),
    repositories.documents.listSummaries(db, { ...byProcess, limit: 10 }),
    // Kept per process by the database (incident_counts): a million incidents are not counted here.
    incidentCounts(db, processId, actor),
    restrictedCorridors(db, actor, processId, today),
  ]);
  const counted = [
    "parties",
    "persons",
    "places",
    "agreements",
    "meetings",
    "commitments",
    "documents",
  ] as const;
  const counts: Record<string, number> = Object.fromEntries(
    await Promise.all(
      counted.map(async (name) => [name, await repositories[name].count(db, { processId }, actor)] as const),
    ),
  );
  // Machine-coded signals (GDELT) are leads, not incidents: counted apart, never among incidents.
  const signals = incidentsByStatus.get("machine_coded") ?? 0;
  let incidents = 0;
  for (const n of incidentsByStatus.values()) incidents += n;
  counts.incidents = incidents - signals;
  counts.verifiedIncidents = incidentsByStatus.get("verified") ?? 0;
  counts.machineCodedSignals = signals;
  return {
    process: withActions(actor, "processes", process),
    agreements: allWithActions(
      actor,
      "agreements",
      agreements.items.sort((a, b) => (a.signedOn ?? "").localeCompare(b.signedOn ?? "")),
    ),
    parties: allWithActions(actor, "parties", parties.items),
    latestIncidents: allWithActions(actor, "incidents", latest),
    latestDocuments: allWithActions(actor, "documents", latestDocuments.items),
    counts,
    /** Corridors and checkpoints in a restriction as of today, with their day count. */
    restrictedCorridors: restricted,
  };
}
