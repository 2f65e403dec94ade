import type { Db } from "../store/database.js";
import { incidentCounts, latestIncidents } from "../store/incident-queries.js";
import { repositories } from "../store/repository.js";
import { getRecord } from "./records.js";

/** The first page of a process: what was agreed, who is involved, what happened lately. */
export async function processOverview(db: Db, processId: string) {
  const process = await getRecord(db, "processes", processId);
  const byProcess = { filters: { processId } };
  const [agreements, parties, latest, latestDocuments, incidentsByStatus] = await Promise.all([
    repositories.agreements.list(db, { ...byProcess, limit: 200 }),
    repositories.parties.list(db, { ...byProcess, limit: 200 }),
    latestIncidents(db, processId, 10),
    repositories.documents.listSummaries(db, { ...byProcess, limit: 10 }),
    // Kept per process by the database (incident_counts): a million incidents are not counted here.
    incidentCounts(db, processId),
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
      counted.map(async (name) => [name, await repositories[name].count(db, { processId })] as const),
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
    process,
    agreements: agreements.items.sort((a, b) => (a.signedOn ?? "").localeCompare(b.signedOn ?? "")),
    parties: parties.items,
    latestIncidents: latest,
    latestDocuments: latestDocuments.items,
    counts,
  };
}
