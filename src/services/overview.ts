import type { Db } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { getRecord } from "./records.js";

/** The first page of a process: what was agreed, who is involved, what happened lately. */
export async function processOverview(db: Db, processId: string) {
  const process = await getRecord(db, "processes", processId);
  const byProcess = { filters: { processId } };
  const [agreements, parties, latestIncidents, latestDocuments] = await Promise.all([
    repositories.agreements.list(db, { ...byProcess, limit: 200 }),
    repositories.parties.list(db, { ...byProcess, limit: 200 }),
    repositories.incidents.list(db, { ...byProcess, limit: 10 }),
    repositories.documents.listSummaries(db, { ...byProcess, limit: 10 }),
  ]);
  const counted = [
    "parties",
    "persons",
    "places",
    "agreements",
    "meetings",
    "commitments",
    "incidents",
    "documents",
  ] as const;
  const counts = Object.fromEntries(
    await Promise.all(
      counted.map(async (name) => [name, await repositories[name].count(db, { processId })] as const),
    ),
  );
  return {
    process,
    agreements: agreements.items.sort((a, b) => (a.signedOn ?? "").localeCompare(b.signedOn ?? "")),
    parties: parties.items,
    latestIncidents: latestIncidents.items,
    latestDocuments: latestDocuments.items,
    counts,
  };
}
