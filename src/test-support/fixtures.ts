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
