import { once } from "node:events";
import type { Writable } from "node:stream";
import type { z } from "zod";
import type { IncidentActor } from "../domain/events.js";
import { interactionText, interNames, timePrecisionCode } from "./acled-values.js";
import type { IncidentFromFile } from "./incident-file.js";

/**
 * Incidents back to ACLED's current export layout: the inverse of the ACLED reader, so an ACLED
 * file read and written again has the same rows and columns. It writes what the current export
 * writes: ISO dates, actor types and interactions as text ("State forces-Civilians"), "; " lists.
 */

/** ACLED's current export columns, in order (population_* and any later extras are not kept). */
// biome-ignore format: one list, kept dense
export const acledCurrentColumns = [
  "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
  "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
  "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
  "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
  "fatalities", "tags", "timestamp",
] as const;

export type AcledColumn = (typeof acledCurrentColumns)[number];

type Actor = z.output<typeof IncidentActor>;

/** Records made elsewhere may name roles but no side: whoever acts is side 1, the rest side 2. */
const sideOf = (actor: Actor) =>
  actor.side ?? (actor.role === "perpetrator" || actor.role === "alleged_perpetrator" ? 1 : 2);

function sideColumns(actors: readonly Actor[], side: 1 | 2) {
  const ofSide = actors.filter((actor) => sideOf(actor) === side);
  const main = ofSide.find((actor) => !actor.associated);
  return {
    actor: main?.name ?? "",
    associated: ofSide
      .filter((actor) => actor.associated)
      .map((actor) => actor.name ?? "")
      .filter((name) => name !== "")
      .join("; "),
    inter: main?.typeCode ? (interNames[main.typeCode] ?? "") : "",
  };
}

const text = (value: number | string | undefined) => (value === undefined ? "" : String(value));

const unixSeconds = (iso: string | undefined) =>
  iso === undefined ? "" : String(Math.floor(Date.parse(iso) / 1000));

/** One incident as the cells of ACLED's current layout. */
export function incidentToAcledRow(record: IncidentFromFile): Record<AcledColumn, string> {
  const side1 = sideColumns(record.actors, 1);
  const side2 = sideColumns(record.actors, 2);
  return {
    event_id_cnty: record.externalIds.acled ?? "",
    event_date: record.startDate,
    year: record.startDate.slice(0, 4),
    time_precision: timePrecisionCode(record.startPrecision),
    disorder_type: text(record.disorderType),
    event_type: text(record.acledEventType),
    sub_event_type: text(record.acledSubEventType),
    actor1: side1.actor,
    assoc_actor_1: side1.associated,
    inter1: side1.inter,
    actor2: side2.actor,
    assoc_actor_2: side2.associated,
    inter2: side2.inter,
    interaction: interactionText(record.interactionCode),
    civilian_targeting: record.civilianTargeting ? "Civilian targeting" : "",
    iso: text(record.isoCode),
    region: text(record.region),
    country: text(record.country),
    admin1: text(record.admin1),
    admin2: text(record.admin2),
    admin3: text(record.admin3),
    location: text(record.locationName),
    latitude: text(record.latitude),
    longitude: text(record.longitude),
    geo_precision: String(record.geoPrecision),
    source: text(record.sourceNames),
    source_scale: text(record.sourceScale),
    notes: record.description,
    fatalities: text(record.fatalities?.best),
    tags: record.tags.join("; "),
    timestamp: unixSeconds(record.sourceUpdatedAt),
  };
}

/** RFC 4180: quote a field holding a comma, a quote or a line end, doubling its quotes. */
export const csvField = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

export const csvLine = (cells: readonly string[]) => `${cells.map(csvField).join(",")}\n`;

/** Batches of this many characters are written at once: one write per row would be slow. */
const batchChars = 64 * 1024;

/**
 * Write incidents as an ACLED current-layout CSV (UTF-8, no byte-order mark, `\n` line ends),
 * waiting whenever `out` asks to. `out` is left open for the caller to end. Returns the row count.
 */
export async function writeAcledCsv(
  records: AsyncIterable<IncidentFromFile> | Iterable<IncidentFromFile>,
  out: Writable,
): Promise<number> {
  let batch = csvLine(acledCurrentColumns);
  let count = 0;
  for await (const record of records) {
    const row = incidentToAcledRow(record);
    batch += csvLine(acledCurrentColumns.map((column) => row[column]));
    count += 1;
    if (batch.length >= batchChars) {
      await writeBatch(out, batch);
      batch = "";
    }
  }
  if (batch !== "") await writeBatch(out, batch);
  return count;
}

async function writeBatch(out: Writable, batch: string): Promise<void> {
  if (!out.write(batch, "utf8")) await once(out, "drain");
}
