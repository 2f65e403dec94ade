import { z } from "zod";

/**
 * The changes feed: every create, update and removal of every kind of record, in an order that only
 * ever grows at its end, so a client can mirror the data by following `nextCursor`.
 *
 * `record` is typed loosely on purpose: it is the record as it was stored when the change was made,
 * and history must stay readable after a kind's schema evolves. A client that knows the kind can
 * read it as `EntityData<kind>` of the version that wrote it.
 */
export const ChangeKind = z.enum(["created", "updated", "deleted"]);

export const ChangeEvent = z.object({
  cursor: z.string().describe("the position just after this change: pass it as `since` to resume from here"),
  entity: z.string().describe("the kind of record, as the schemas name it (e.g. agreementVersions)"),
  recordId: z.string(),
  kind: ChangeKind,
  record: z
    .record(z.string(), z.unknown())
    .describe("the record after the change; for a removal, the record as it was before"),
  actor: z.string().describe("who made the change"),
  at: z
    .string()
    .describe(
      "when the change was written (ISO 8601, UTC; its transaction's start, so not ordered like the feed)",
    ),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const ChangesPage = z.object({
  items: z.array(ChangeEvent),
  nextCursor: z
    .string()
    .describe("pass as `since` for the next page; when there was nothing new, the `since` you sent"),
  hasMore: z
    .boolean()
    .describe("true: more changes are ready, ask again now; false: caught up, poll again later"),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

export const changesGuarantee =
  "Changes come in a fixed order that only ever grows at its end: a reader that follows nextCursor " +
  "from the start (no `since`) receives every committed change exactly once, never skipping one and " +
  "never seeing one twice. A change appears once its transaction and every transaction that began " +
  "writing before it have ended; the changes of one record come in the order they were made. " +
  "Each reader sees the changes of the records it may read: for the public, published and disputed " +
  "records. A record that becomes readable (a draft is published) comes as `created` with the record as " +
  "it now is; one that stops being readable (it is retracted) comes as `deleted`; changes of records the " +
  "reader cannot read on either side are not shown. A mirror that applies the feed holds exactly what " +
  "its reader may read.";
