import type { GeoPrecision, TimePrecision } from "../domain/common.js";
import type { Row } from "./csv-stream.js";
import type { FileRow, OpenOptions } from "./incident-file.js";
import {
  clip,
  decimal,
  type IncidentCandidate,
  isoDateCell,
  makeTitle,
  RowError,
  rejectOnRowError,
  validateIncident,
  wholeNumber,
} from "./values.js";

/** One row of the UCDP Georeferenced Event Dataset (GED) CSV to an incident. */

const violenceNames: Record<string, string> = {
  "1": "State-based conflict",
  "2": "Non-state conflict",
  "3": "One-sided violence",
};

/** date_prec: 1 the day, 2 a span of 2–6 days, 3 a week, 4 a month, 5 more than a month (a year). */
const precisionByDatePrec: Record<number, TimePrecision> = {
  1: "day",
  2: "week",
  3: "week",
  4: "month",
  5: "year",
};

/**
 * where_prec (1 the place, 2 within 25 km, 3 a second-order unit, 4 a first-order unit, 5 a
 * linear feature or area, 6 the country, 7 international waters or air) in ACLED's three steps.
 */
const geoPrecisionByWherePrec: Record<number, GeoPrecision> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3 };

const columnOfField: Record<string, string> = {
  title: "title (made from type_of_violence, dyad_name, where_coordinates, country)",
  startDate: "date_start",
  endDate: "date_end",
  startPrecision: "date_prec",
  endPrecision: "date_prec",
  ucdpWherePrecision: "where_prec",
  geoPrecision: "where_prec",
  admin1: "adm_1",
  admin2: "adm_2",
  locationName: "where_coordinates",
  locationDescription: "where_description",
  fatalities: "best/low/high",
  sourceNames: "source_office",
  externalIds: "id",
};

export function ucdpRowReader(options: OpenOptions): (row: Row, line: number) => FileRow {
  return (row, line) =>
    rejectOnRowError(line, () =>
      validateIncident(line, ucdpCandidate(row, options), ([field, index]) =>
        field === "actors"
          ? index === 0
            ? "side_a"
            : "side_b"
          : (columnOfField[String(field)] ?? String(field)),
      ),
    );
}

/** UCDP writes NA for a missing value. */
const cell = (row: Row, column: string) => {
  const value = row.get(column);
  return value === "NA" ? "" : value;
};

function ucdpCandidate(row: Row, options: OpenOptions): IncidentCandidate {
  const id = cell(row, "id");
  if (id === "") throw new RowError("id", "empty: every GED event has an id");
  const violenceCode = cell(row, "type_of_violence");
  const violence = violenceNames[violenceCode];
  if (!violence) throw new RowError("type_of_violence", `${JSON.stringify(violenceCode)} is not 1, 2 or 3`);
  const startDate = isoDateCell("date_start", cell(row, "date_start"));
  if (!startDate) throw new RowError("date_start", "empty: every GED event has a start date");
  const endDate = isoDateCell("date_end", cell(row, "date_end"));
  const precision = datePrecision(cell(row, "date_prec"));
  const wherePrec = wholeNumber("where_prec", cell(row, "where_prec"));
  const place = cell(row, "where_coordinates");
  const country = cell(row, "country");
  const ends = endDate !== undefined && endDate !== startDate;
  return {
    processId: options.processId,
    title: makeTitle(`${violence}: ${dyadOf(row)}`, [place || cell(row, "adm_1"), country], startDate),
    monitoringType: options.monitoringType ?? "unclassified",
    // One-sided violence is by definition an organised actor's violence against civilians.
    civilianTargeting: violenceCode === "3",
    startDate,
    startPrecision: precision,
    endDate: ends ? endDate : undefined,
    endPrecision: ends ? precision : undefined,
    country: country || undefined,
    region: cell(row, "region") || undefined,
    admin1: cell(row, "adm_1") || undefined,
    admin2: cell(row, "adm_2") || undefined,
    // Long free-text places are cut to the schema's limit rather than losing the event.
    locationName: place ? clip(place, 300) : undefined,
    locationDescription: clip(cell(row, "where_description"), 500),
    latitude: decimal("latitude", cell(row, "latitude")),
    longitude: decimal("longitude", cell(row, "longitude")),
    geoPrecision: wherePrec === undefined ? undefined : (geoPrecisionByWherePrec[wherePrec] ?? 3),
    ucdpWherePrecision: wherePrec,
    actors: ucdpActors(row),
    fatalities: ucdpFatalities(row),
    description: ucdpDescription(row, violence, violenceCode),
    sourceNames: cell(row, "source_office") ? clip(cell(row, "source_office"), 2000) : undefined,
    verificationStatus: "reported",
    externalIds: { ucdp: id },
    licence: "ucdp-cc-by-4.0",
  };
}

function datePrecision(value: string): TimePrecision {
  const code = wholeNumber("date_prec", value);
  if (code === undefined) return "day";
  const precision = precisionByDatePrec[code];
  if (!precision) throw new RowError("date_prec", `${JSON.stringify(value)} is not 1 to 5`);
  return precision;
}

const dyadOf = (row: Row) =>
  cell(row, "dyad_name") ||
  cell(row, "conflict_name") ||
  [cell(row, "side_a"), cell(row, "side_b")].filter((s) => s !== "").join(" - ") ||
  "UCDP event";

/**
 * side_a and side_b. As with ACLED, "perpetrator" and "target" only carry the dataset's order
 * (side_a is the government, or the first party); in one-sided violence side_b is the civilians,
 * and there the order does say who did what to whom.
 */
function ucdpActors(row: Row): NonNullable<IncidentCandidate["actors"]> {
  const actors: NonNullable<IncidentCandidate["actors"]> = [];
  const a = cell(row, "side_a");
  const b = cell(row, "side_b");
  if (a) actors.push({ name: clip(a, 300), role: "perpetrator", side: 1, associated: false });
  if (b) actors.push({ name: clip(b, 300), role: "target", side: 2, associated: false });
  return actors;
}

/** best, low and high; a missing low or high is taken to be the best estimate. */
function ucdpFatalities(row: Row): IncidentCandidate["fatalities"] {
  const best = wholeNumber("best", cell(row, "best"));
  const low = wholeNumber("low", cell(row, "low"));
  const high = wholeNumber("high", cell(row, "high"));
  if (best === undefined) {
    if (low !== undefined || high !== undefined)
      throw new RowError("best", "empty while low or high is given");
    return undefined;
  }
  return { best, low: low ?? best, high: high ?? best };
}

function ucdpDescription(row: Row, violence: string, code: string): string {
  const deaths = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"].map(
    (c) => cell(row, c) || "?",
  );
  const parts = [
    `${violence} (UCDP type of violence ${code}).`,
    cell(row, "conflict_name") && `Conflict: ${cell(row, "conflict_name")}.`,
    cell(row, "dyad_name") && `Dyad: ${cell(row, "dyad_name")}.`,
    `Deaths: side A ${deaths[0]}, side B ${deaths[1]}, civilians ${deaths[2]}, unknown ${deaths[3]}.`,
    cell(row, "event_clarity") && `Event clarity: ${cell(row, "event_clarity")}.`,
    cell(row, "number_of_sources") && `Sources: ${cell(row, "number_of_sources")}.`,
    cell(row, "source_headline") && `Headline: ${cell(row, "source_headline")}`,
    cell(row, "source_article") && `Articles: ${cell(row, "source_article")}`,
    cell(row, "source_original") && `Original sources: ${cell(row, "source_original")}`,
  ];
  return clip(parts.filter((part) => part !== "").join("\n"), 20000);
}
