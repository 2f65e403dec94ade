import { type EntityData, entitySchemas } from "../domain/entities.js";

/** Small record bodies for tests that write through the use cases, on top of the demo process. */
let sequence = 0;

/** An id no other test of this run uses. */
export const freshId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${sequence++}`;

export const partyBody = (id = freshId("party")) => ({
  id,
  processId: "nk-2020",
  kind: "state",
  shortName: "X",
  names: [{ text: "X", lang: "en" }],
});

export const commitmentBody = (obligorPartyIds: string[], id = freshId("c")) => ({
  id,
  processId: "nk-2020",
  title: "Test commitment",
  obligorPartyIds,
  action: "Do",
});

export const placeBody = (id: string, parentPlaceId?: string) => ({
  id,
  processId: "nk-2020",
  kind: "site",
  names: [{ text: id, lang: "en" }],
  parentPlaceId,
});

/**
 * A whole incident record with every default filled in by the domain schema; `over` is applied after
 * validation, so a test can also build records the schema would refuse (to check the store's defences).
 */
export function incidentRecord(over: Partial<EntityData<"incidents">> & { id?: string } = {}) {
  const minimal = {
    processId: "nk-2020",
    title: "Test incident",
    monitoringType: "ceasefire_violation",
    startDate: "2023-01-01",
  };
  return { ...entitySchemas.incidents.parse(minimal), ...over } as EntityData<"incidents"> & { id?: string };
}
