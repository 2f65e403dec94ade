import { createRecord, systemActor } from "../services/records.js";
import type { Database } from "../store/database.js";

/**
 * A small crossing-place process for the access tests (src/api/place-access.test.ts,
 * src/api/access-input.test.ts): a corridor with a line and two directions, a checkpoint on it
 * without coordinates, a town; observations by three reporters, two of them disagreeing on
 * 12 December 2022; a reopening; a checkpoint installed (ongoing); a commitment governing the
 * corridor, assessed twice.
 */

export const actor = systemActor("test");
export const names = (text: string) => [{ text, lang: "en" }];
export const corridorDirections = [
  {
    key: "to-stepanakert",
    names: [
      { text: "towards Stepanakert", lang: "en", usedBy: ["ax-am"] },
      { text: "towards Khankendi", lang: "en", usedBy: ["ax-az"] },
    ],
  },
  { key: "to-armenia", names: names("towards Armenia") },
];

export async function seedAccessProcess(db: Database["db"]) {
  await createRecord(db, "processes", { id: "ax", name: "Access test", slug: "access-test" }, actor);
  for (const id of ["ax-am", "ax-az", "ax-icrc"])
    await createRecord(
      db,
      "parties",
      { id, processId: "ax", kind: "state", shortName: id, names: names(id) },
      actor,
    );
  await createRecord(
    db,
    "places",
    {
      id: "ax-corridor",
      processId: "ax",
      kind: "corridor",
      names: names("Test corridor"),
      latitude: 39.7,
      longitude: 46.6,
      geometry: {
        type: "LineString",
        coordinates: [
          [46.5, 39.6],
          [46.75, 39.82],
        ],
      },
      directions: corridorDirections,
    },
    actor,
  );
  await createRecord(
    db,
    "places",
    {
      id: "ax-checkpoint",
      processId: "ax",
      kind: "checkpoint",
      names: names("Test checkpoint"),
      parentPlaceId: "ax-corridor",
    },
    actor,
  );
  await createRecord(
    db,
    "places",
    { id: "ax-town", processId: "ax", kind: "town", names: names("Town") },
    actor,
  );
  const observation = (id: string, observedOn: string, status: string, by: string, counts: unknown[] = []) =>
    createRecord(
      db,
      "accessObservations",
      { id, processId: "ax", placeId: "ax-corridor", observedOn, status, reportedByPartyId: by, counts },
      actor,
    );
  await observation("ax-o1", "2022-12-11", "open", "ax-am", [
    { direction: "to-stepanakert", category: "civilian", persons: 1200 },
  ]);
  await observation("ax-o2", "2022-12-12", "closed", "ax-am");
  await observation("ax-o3", "2022-12-12", "open", "ax-az");
  await observation("ax-o4", "2023-01-05", "restricted", "ax-icrc", [
    { direction: "to-stepanakert", category: "humanitarian", vehicles: 10, cargoTonnes: 120.5 },
    { direction: "to-armenia", category: "medical_evacuation", persons: 5 },
  ]);
  const incident = (
    id: string,
    monitoringType: string,
    placeId: string,
    startDate: string,
    ongoing = false,
  ) =>
    createRecord(
      db,
      "incidents",
      { id, processId: "ax", title: id, monitoringType, placeId, startDate, ongoing },
      actor,
    );
  await incident("ax-reopened", "corridor_reopened", "ax-corridor", "2023-02-01");
  await incident("ax-checkpoint-installed", "checkpoint_installed", "ax-checkpoint", "2023-04-23", true);
  await incident("ax-shots", "ceasefire_violation", "ax-town", "2023-01-01");
  await createRecord(
    db,
    "commitments",
    {
      id: "ax-c1",
      processId: "ax",
      title: "Safe movement",
      obligorPartyIds: ["ax-az", "ax-am"],
      action: "Guarantee",
      placeIds: ["ax-corridor"],
    },
    actor,
  );
  const assess = (id: string, asOf: string, level: number) =>
    createRecord(
      db,
      "assessments",
      { id, commitmentId: "ax-c1", partyId: "ax-az", asOf, level, rationale: "test", assessor: "tester" },
      actor,
    );
  await assess("ax-a1", "2023-01-10", 1);
  await assess("ax-a2", "2023-03-01", 0);
}
