import { createHash } from "node:crypto";
import type { ReviewState } from "../domain/common.js";
import type { EntityName } from "../domain/entities.js";
import { envelopeFields } from "../services/records.js";
import type { Db } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";

/**
 * Records the public must never see, put beside the demo data directly through the store: for each kind,
 * a copy of a demo record in a non-public review state, placed where every public output would pick it
 * up (the newest incident on the Lachin corridor, a commitment of the Trilateral Statement that governs
 * the corridor and was made at a meeting, …). Every id and every title carries `hiddenMarker`, so a test
 * can look for it in any output, JSON, CSV, XML, iCalendar or HTML alike. One incident is Armenia's own
 * claim (`claimMarker`): its representative may read it, nobody else outside the staff.
 */

export const hiddenMarker = "zzhidden";
export const claimMarker = "zzclaim";
export const demoProcess = "nk-2020";
export const corridor = "lachin-corridor";
export const meeting = "mtg-2021-01-11-leaders";
export const format = "osce-minsk-group";
export const commitment = "c-corridor-control";
export const agreement = "trilateral-2020";
export const party = "armenia";

/** A copy of a stored record as new input: its envelope left behind, `changes` applied. */
async function copyOf<E extends EntityName>(
  db: Db,
  kind: E,
  id: string,
  changes: Record<string, unknown>,
): Promise<NewRecord<E>> {
  const original = await repositories[kind].get(db, id);
  if (!original) throw new Error(`no ${kind} ${id} in the demo data`);
  const copy: Record<string, unknown> = { ...original, ...changes };
  for (const field of envelopeFields)
    if (field !== "id" && field !== "reviewState" && !(field in changes)) delete copy[field];
  return copy as NewRecord<E>;
}

/** The demo record each hidden copy starts from, and what makes it land in every output. */
const copies: { kind: EntityName; from: string; changes: (id: string) => Record<string, unknown> }[] = [
  { kind: "processes", from: demoProcess, changes: (id) => ({ name: id, slug: id }) },
  { kind: "parties", from: party, changes: (id) => ({ shortName: id }) },
  { kind: "persons", from: "", changes: (id) => ({ names: [{ text: id, lang: "en", usedBy: [] }] }) },
  {
    kind: "places",
    from: corridor,
    changes: (id) => ({ names: [{ text: id, lang: "en", usedBy: [] }], parentPlaceId: undefined }),
  },
  { kind: "formats", from: format, changes: (id) => ({ name: id }) },
  { kind: "meetings", from: meeting, changes: (id) => ({ title: id, formatId: format, date: "2025-06-01" }) },
  { kind: "agreements", from: agreement, changes: (id) => ({ title: id, shortTitle: id }) },
  { kind: "provisions", from: "trilateral-2020:p6", changes: (id) => ({ path: "99", heading: id }) },
  {
    kind: "commitments",
    from: commitment,
    changes: (id) => ({ title: id, meetingId: meeting, obligorPartyIds: [party] }),
  },
  { kind: "interpretations", from: "", changes: (id) => ({ commitmentId: commitment, reading: id }) },
  {
    kind: "assessments",
    from: "",
    changes: (id) => ({ commitmentId: commitment, partyId: party, asOf: "2026-01-01", rationale: id }),
  },
  {
    kind: "documents",
    from: "",
    // Bytes of its own: the same bytes twice in a process are one document (and a sighting).
    changes: (id) => {
      const text = `${id}: a statement that must not reach the public.`;
      return {
        title: id,
        text,
        cleanedText: text,
        cleaningEdits: [],
        sha256: createHash("sha256").update(text).digest("hex"),
        receivedAt: "2026-11-01T00:00:00.000Z",
      };
    },
  },
  {
    kind: "accessObservations",
    from: "",
    changes: (id) => ({ placeId: corridor, observedOn: "2025-06-01", status: "closed", note: id }),
  },
];

const hiddenStates: ReviewState[] = ["draft", "under_review", "retracted"];

/** The demo record of `kind` to copy when none is named: the first one the store lists. */
async function someRecord(db: Db, kind: EntityName): Promise<string> {
  const page = await repositories[kind].list(db, { limit: 1 });
  const first = page.items[0];
  if (!first) throw new Error(`the demo data has no ${kind}`);
  return first.id;
}

const incidentCopy = (id: string) => ({
  title: `${id} blockade`,
  description: `${id}: the road was closed.`,
  placeId: corridor,
  latitude: 39.64,
  longitude: 46.55,
  startDate: "2025-06-01",
  monitoringType: "blockade",
  verificationStatus: "reported",
  licence: "own",
  externalIds: {},
});

/** Seeds the hidden copies; answers their ids by kind. Run after the demo data is seeded. */
export async function seedHiddenRecords(db: Db): Promise<Map<EntityName, string[]>> {
  const seeded = new Map<EntityName, string[]>();
  const add = async <E extends EntityName>(kind: E, input: NewRecord<E>) => {
    await repositories[kind].create(db, input, "test-setup");
    seeded.set(kind, [...(seeded.get(kind) ?? []), input.id as string]);
  };
  for (const [index, { kind, from, changes }] of copies.entries()) {
    const state = hiddenStates[index % 2] as ReviewState;
    const id = `${hiddenMarker}-${kind}-${state}`;
    const source = from || (await someRecord(db, kind));
    await add(kind, { ...(await copyOf(db, kind, source, changes(id))), id, reviewState: state });
  }
  const incident = await someRecord(db, "incidents");
  for (const state of hiddenStates) {
    const id = `${hiddenMarker}-incidents-${state}`;
    await add("incidents", {
      ...(await copyOf(db, "incidents", incident, incidentCopy(id))),
      id,
      reviewState: state,
    });
  }
  // Armenia's own claim, not yet published: its representatives read it, the public does not.
  const claim = `${claimMarker}-incidents-${party}`;
  await add("incidents", {
    ...(await copyOf(db, "incidents", incident, { ...incidentCopy(claim), claimOfPartyId: party })),
    id: claim,
    reviewState: "draft",
  });
  return seeded;
}
