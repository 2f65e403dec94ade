import type { IncidentDataset } from "../domain/events.js";
import { acledCurrentColumns } from "./acled-columns.js";
import { type IncidentFileLayout, UnreadableFileError } from "./incident-file.js";
import type { Sample } from "./sniff.js";

/**
 * The known layouts of each dataset's files, and which one a file is, from its header (or, for
 * GDELT, which has none, from the shape of its first row). Never from the file's name.
 */

// biome-ignore format: one list, kept dense
export const acled2021Columns = [
  "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
  "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
  "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
  "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
] as const;

// biome-ignore format: one list, kept dense
export const acledOldColumns = [
  "GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION", "EVENT_TYPE",
  "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2", "INTERACTION", "COUNTRY",
  "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE", "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES",
  "FATALITIES",
] as const;

// biome-ignore format: one list, kept dense
export const ucdpGedColumns = [
  "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
  "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
  "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
  "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
  "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
  "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
  "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
  "gwnoa", "gwnob",
] as const;

const gdeltActor = (n: number) =>
  ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"]
    .concat(["Type1Code", "Type2Code", "Type3Code"])
    .map((part) => `Actor${n}${part}`);
const gdeltGeo = (who: string, adm2: boolean) =>
  [
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    ...(adm2 ? ["ADM2Code"] : []),
    "Lat",
    "Long",
    "FeatureID",
  ].map((part) => `${who}Geo_${part}`);
const gdeltColumns = (adm2: boolean) => [
  ...["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"],
  ...gdeltActor(1),
  ...gdeltActor(2),
  ...["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"],
  ...["NumMentions", "NumSources", "NumArticles", "AvgTone"],
  ...gdeltGeo("Actor1", adm2),
  ...gdeltGeo("Actor2", adm2),
  ...gdeltGeo("Action", adm2),
  "DATEADDED",
  "SOURCEURL",
];
/** GDELT 1.0: 58 columns (the backfile before April 2013 stops at DATEADDED, 57). */
export const gdelt1Columns = gdeltColumns(false);
/** GDELT 2.0: the ADM2 code for each of the three places, 61 columns. */
export const gdelt2Columns = gdeltColumns(true);

const hxlNote =
  "(an ACLED layout, usually the 2021 one, with an HXL hashtag row such as #event+id, #date second)";

/** What each known layout expects, for the message about a file that matches none. */
export const expectedColumns: Record<IncidentFileLayout, string[]> = {
  "acled-current": [...acledCurrentColumns],
  "acled-2021": [...acled2021Columns],
  "acled-old": [...acledOldColumns],
  "acled-hxl": [hxlNote, ...acled2021Columns],
  "ucdp-ged": [...ucdpGedColumns],
  "gdelt-1.0": ["(no header; tab-separated; 57 or 58 columns)", ...gdelt1Columns],
  "gdelt-2.0": ["(no header; tab-separated; 61 columns)", ...gdelt2Columns],
};

export interface Recognised {
  dataset: IncidentDataset;
  layout: IncidentFileLayout;
  /** Column names, lower-case and with old names mapped to current ones, to their index. */
  columns: Map<string, number>;
  /** Cells a complete row has (trailing unnamed header columns not counted). */
  width: number;
  /** Records before the data: 0 for GDELT, 2 with an HXL row, 1 otherwise. */
  headerRows: number;
  delimiter: string;
  quoted: boolean;
}

/** The old layout's ALLY_ACTOR_n is what is now called assoc_actor_n. */
const aliases: Record<string, string> = { ally_actor_1: "assoc_actor_1", ally_actor_2: "assoc_actor_2" };

const asText = (cells: readonly Buffer[] | undefined) =>
  (cells ?? []).map((c) => c.toString("latin1").trim());

export function recognise(dataset: IncidentDataset, sample: Sample): Recognised {
  const found = dataset === "gdelt" ? recogniseGdelt(sample) : recogniseWithHeader(dataset, sample);
  if (found) return found;
  const other = (["acled", "ucdp", "gdelt"] as const).find((d) => d !== dataset && tryRecognise(d, sample));
  const header = asText(sample.records[0]).slice(0, 8).join(", ");
  const hint = other ? ` (it matches a known ${other.toUpperCase()} layout)` : "";
  throw new UnreadableFileError(
    `unrecognised layout: the first line (${header}, …) matches no known ${dataset.toUpperCase()} layout${hint}`,
    expectedColumns,
  );
}

function tryRecognise(dataset: IncidentDataset, sample: Sample): boolean {
  return (dataset === "gdelt" ? recogniseGdelt(sample) : recogniseWithHeader(dataset, sample)) !== undefined;
}

function recogniseGdelt(sample: Sample): Recognised | undefined {
  const cells = sample.firstLine.toString("latin1").split("\t");
  const version =
    cells.length === 61 ? "gdelt-2.0" : cells.length === 57 || cells.length === 58 ? "gdelt-1.0" : "";
  if (!version || !/^\d+$/.test(cells[0] ?? "") || !/^\d{8}$/.test(cells[1] ?? "")) return undefined;
  const names = version === "gdelt-2.0" ? gdelt2Columns : gdelt1Columns.slice(0, cells.length);
  return {
    dataset: "gdelt",
    layout: version,
    columns: new Map(names.map((name, index) => [name.toLowerCase(), index])),
    width: cells.length,
    headerRows: 0,
    delimiter: "\t",
    quoted: false,
  };
}

function recogniseWithHeader(dataset: IncidentDataset, sample: Sample): Recognised | undefined {
  const names = asText(sample.records[0]).map((name) => {
    const lower = name.toLowerCase();
    return aliases[lower] ?? lower;
  });
  const columns = new Map<string, number>();
  names.forEach((name, index) => {
    if (name !== "" && !columns.has(name)) columns.set(name, index);
  });
  const layout = dataset === "acled" ? acledLayout(columns) : ucdpLayout(columns);
  if (!layout) return undefined;
  const hxl = isHxlRow(asText(sample.records[1]));
  return {
    dataset,
    layout: hxl && dataset === "acled" ? "acled-hxl" : layout,
    columns,
    width: names.reduce((last, name, index) => (name === "" ? last : index + 1), 0),
    headerRows: hxl ? 2 : 1,
    delimiter: sample.delimiter,
    quoted: true,
  };
}

/** Only what a valid incident needs is required; every other column may be missing. */
function acledLayout(columns: Map<string, number>): IncidentFileLayout | undefined {
  if (!columns.has("event_id_cnty") || !columns.has("event_date")) return undefined;
  if (columns.has("gwno")) return "acled-old";
  if (columns.has("data_id") || columns.has("event_id_no_cnty") || columns.has("iso3")) return "acled-2021";
  return "acled-current";
}

function ucdpLayout(columns: Map<string, number>): IncidentFileLayout | undefined {
  const required = ["id", "type_of_violence", "date_start"];
  return required.every((name) => columns.has(name)) ? "ucdp-ged" : undefined;
}

/** HDX puts HXL hashtags (#event+id, #date, #adm1+name) in the row after the header. */
const isHxlRow = (cells: readonly string[]) =>
  cells.some((cell) => cell !== "") && cells.every((cell) => cell === "" || /^#[a-z]/i.test(cell));
