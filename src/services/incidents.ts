import type { Actor } from "../domain/actor.js";
import {
  type IncidentExportQuery,
  type IncidentFilterQuery,
  type IncidentListQuery,
  parseBbox,
  searchWords,
} from "../domain/incident-list.js";
import { licenceOf } from "../domain/licences.js";
import { readableFilter } from "../domain/policy.js";
import { acledCurrentColumns, csvLine, incidentToAcledRow } from "../ingest/acled-columns.js";
import { decodeCursor, encodeCursor } from "../store/cursor.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import {
  type IncidentFilters,
  type IncidentKeyset,
  type IncidentPolicyFields,
  incidentFeaturePage,
  incidentRecordPage,
  incidentSummaryPage,
} from "../store/incident-queries.js";
import { type ExportedReply, publishedRepliesTo, replyCell } from "../store/reply-exports.js";
import { incidents } from "../store/schema.js";
import { type LicencePolicy, loadLicencePolicy } from "./licence-policy.js";
import { recordActionsFor } from "./record-reads.js";

/**
 * The incident list and its CSV and GeoJSON exports: one set of filters, one order, one cursor.
 * Each holds what the caller may read (for the public: published and disputed incidents), and licensed
 * rows as the licence policy says.
 */

export interface IncidentSelection {
  filters: IncidentFilters;
  after: IncidentKeyset | undefined;
}

/** The validated query as store filters; the cursor is checked here, before any SQL sees it. */
export function selectionOf(query: IncidentFilterQuery): IncidentSelection {
  const { cursor, bbox, q, ...rest } = query;
  const box = bbox === undefined ? undefined : parseBbox(bbox);
  if (typeof box === "string")
    throw new ValidationError("The bbox is not valid.", [{ path: "bbox", message: box }]);
  const words = q === undefined ? undefined : searchWords(q);
  return {
    filters: { ...rest, bbox: box, words },
    after: cursor ? decodeCursor(cursor, incidents.startDate) : undefined,
  };
}

const cursorOf = (next: IncidentKeyset | null) => (next ? encodeCursor(next[0], next[1]) : null);

/**
 * Adds the caller's allowed actions to one summary as JSON text, from the fields the policy reads
 * (envelope, actors, alleging parties: the database gives them apart), so the database's text is kept
 * as it is rather than parsed and encoded again.
 */
function withActionsText(actor: Actor, item: string, policy: IncidentPolicyFields): string {
  const actions = recordActionsFor(actor, "incidents", policy);
  return `${item.slice(0, -1)},"allowedActions":${JSON.stringify(actions)}}`;
}

/**
 * A list page as the JSON text the route sends: the database wrote the items, nothing re-encodes them.
 * Only incidents the actor may read are listed (store/readable.ts), each with its allowed actions.
 */
export async function incidentListJson(db: Db, actor: Actor, query: IncidentListQuery): Promise<string> {
  const { filters, after } = selectionOf(query);
  const readable = readableFilter(actor, "incidents");
  const page = await incidentSummaryPage(db, { ...filters, readable }, after, query.limit);
  const items = page.items.map((item, i) =>
    withActionsText(actor, item, page.policies[i] as IncidentPolicyFields),
  );
  return `{"items":[${items.join(",")}],"nextCursor":${JSON.stringify(cursorOf(page.next))}}`;
}

/** Rows are read from the database this many at a time while an export streams. */
const exportBatch = 1_000;

/** What one public output left out or credits, per licence, gathered as its rows go by. */
class LicenceTally {
  private readonly shown = new Set<string>();
  readonly countedOnly = new Map<string, number>();
  constructor(readonly policy: LicencePolicy) {}

  /** True when the row may be shown; a count-only row is counted instead. */
  admit(licence: string): boolean {
    if (this.policy.publicRowRule(licence) === "include") {
      this.shown.add(licence);
      return true;
    }
    this.countedOnly.set(licence, (this.countedOnly.get(licence) ?? 0) + 1);
    return false;
  }

  leftOut() {
    return [...this.countedOnly].map(([licence, count]) => ({
      licence,
      name: licenceOf(licence).name,
      count,
    }));
  }

  /** Attribution for every licence whose rows were shown or counted; excluded ones go unmentioned. */
  attribution() {
    return this.policy.attributionLines([...this.shown, ...this.countedOnly.keys()]);
  }
}

/**
 * A bounded walk over the selection in list order, `exportBatch` rows per query, at most `limit` rows.
 * The first batch is read before this returns, so an unreachable database is an error answer, not a
 * broken stream; `next` is the cursor of the rest once the walk is done.
 */
async function exportWalk<R extends { startDate: string; id: string }>(
  db: Db,
  actor: Actor,
  query: IncidentExportQuery,
  readPage: (filters: IncidentFilters, after: IncidentKeyset | undefined, limit: number) => Promise<R[]>,
) {
  const { filters, after } = selectionOf(query);
  const policy = await loadLicencePolicy(db);
  const excluded = [...policy.settings.values()]
    .filter((s) => s.publicUse === "exclude")
    .map((s) => s.licenceId);
  const publicFilters: IncidentFilters = {
    ...filters,
    readable: readableFilter(actor, "incidents"),
    excludeLicences: excluded,
  };
  const read = (from: IncidentKeyset | undefined, wanted: number) => readPage(publicFilters, from, wanted);
  // One row beyond the limit tells whether a next cursor is owed.
  let batch = await read(after, Math.min(exportBatch, query.limit + 1));
  const state = { next: null as IncidentKeyset | null };
  async function* rows(): AsyncGenerator<R> {
    let taken = 0;
    while (batch.length > 0) {
      for (const row of batch) {
        if (taken === query.limit) {
          state.next = [row.startDate, row.id];
          return;
        }
        taken++;
        yield row;
      }
      const last = batch[batch.length - 1] as R;
      if (batch.length < exportBatch) return;
      batch = await read([last.startDate, last.id], Math.min(exportBatch, query.limit + 1 - taken));
    }
  }
  return { rows: rows(), tally: new LicenceTally(policy), state };
}

/** The cursor of the rest: after the last row taken, when the walk stopped at its limit with rows left. */
function restCursor(lastTaken: IncidentKeyset | null, hasMore: boolean) {
  return hasMore && lastTaken ? encodeCursor(lastTaken[0], lastTaken[1]) : null;
}

/** Spreadsheets run cells that start like a formula; such text cells get a leading apostrophe. */
const formulaSafe = (cell: string) =>
  /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;

/**
 * One page of rows with the published replies to each (one query a page): a reply is published
 * beside what it answers, in the exports too. `wanted` false leaves the rows as they are.
 */
async function withReplies<R extends { id: string }>(
  db: Db,
  rows: R[],
  wanted = true,
): Promise<(R & { replies?: ExportedReply[] })[]> {
  if (!wanted) return rows;
  const byRecord = await publishedRepliesTo(
    db,
    "incidents",
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, replies: byRecord.get(row.id) ?? [] }));
}

/** A feature's JSON text (properties are its last member) with a `replies` property added. */
function featureWithReplies(feature: string, replies: readonly ExportedReply[] = []): string {
  const shown = replies.map(({ recordId: _answered, ...reply }) => reply);
  if (feature.endsWith("}}")) return `${feature.slice(0, -2)},"replies":${JSON.stringify(shown)}}}`;
  const parsed = JSON.parse(feature) as { properties: Record<string, unknown> };
  parsed.properties.replies = shown;
  return JSON.stringify(parsed);
}

/**
 * The selection as CSV in ACLED's current column order, streamed. Notes follow the rows as lines
 * starting with "#": rows left out under their licence, the attribution owed, and the cursor for more.
 * With `replies`, a last column "replies" holds each row's published replies ("Party: text (date)",
 * one a line); without it the file keeps ACLED's layout byte for byte, so it imports back unchanged.
 */
export async function incidentCsv(
  db: Db,
  actor: Actor,
  query: IncidentExportQuery,
  options: { replies?: boolean } = {},
): Promise<AsyncIterable<string>> {
  const withReplyColumn = options.replies === true;
  const walk = await exportWalk(db, actor, query, async (f, after, n) =>
    withReplies(db, await incidentRecordPage(db, f, after, n), withReplyColumn),
  );
  async function* lines(): AsyncGenerator<string> {
    let chunk = csvLine(withReplyColumn ? [...acledCurrentColumns, "replies"] : acledCurrentColumns);
    let lastTaken: IncidentKeyset | null = null;
    for await (const record of walk.rows) {
      lastTaken = [record.startDate, record.id];
      if (!walk.tally.admit(record.licence)) continue;
      const row = incidentToAcledRow(record);
      const cells = acledCurrentColumns.map((column) => formulaSafe(row[column]));
      if (withReplyColumn) cells.push(formulaSafe(replyCell(record.replies)));
      chunk += csvLine(cells);
      if (chunk.length >= 64 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    const notes = [
      ...walk.tally
        .leftOut()
        .map(
          (l) => `${l.count} row(s) under "${l.name}" left out: its terms do not allow handing the rows on.`,
        ),
      ...walk.tally.attribution().map((line) => `Source: ${line}`),
    ];
    const rest = restCursor(lastTaken, walk.state.next !== null);
    if (rest) notes.push(`More rows: repeat this request with cursor=${rest}`);
    yield chunk + notes.map((note) => `# ${note.replace(/[\r\n]+/g, " ")}\n`).join("");
  }
  return lines();
}

/**
 * The selection as an RFC 7946 FeatureCollection (CRS84, [longitude, latitude]), streamed. Members
 * after the features say what was left out: incidents without coordinates, rows a licence keeps out.
 */
export async function incidentGeoJson(
  db: Db,
  actor: Actor,
  query: IncidentExportQuery,
): Promise<AsyncIterable<string>> {
  const walk = await exportWalk(db, actor, query, async (f, after, n) =>
    withReplies(db, await incidentFeaturePage(db, f, after, n)),
  );
  async function* parts(): AsyncGenerator<string> {
    let chunk = '{"type":"FeatureCollection","features":[';
    let lastTaken: IncidentKeyset | null = null;
    let returned = 0;
    let withoutCoordinates = 0;
    for await (const row of walk.rows) {
      lastTaken = [row.startDate, row.id];
      if (!walk.tally.admit(row.licence)) continue;
      if (row.feature === null) {
        withoutCoordinates++;
        continue;
      }
      chunk += (returned++ === 0 ? "" : ",") + featureWithReplies(row.feature, row.replies);
      if (chunk.length >= 64 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    const tail = {
      numberReturned: returned,
      withoutCoordinates,
      leftOut: walk.tally.leftOut(),
      attribution: walk.tally.attribution(),
      nextCursor: restCursor(lastTaken, walk.state.next !== null),
    };
    yield `${chunk}],${JSON.stringify(tail).slice(1)}`;
  }
  return parts();
}
