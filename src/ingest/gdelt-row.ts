import type { GeoPrecision } from "../domain/common.js";
import { WebUrl } from "../domain/common.js";
import type { Row } from "./csv-stream.js";
import type { FileRow, OpenOptions } from "./incident-file.js";
import {
  calendarDate,
  clip,
  decimal,
  type IncidentCandidate,
  makeTitle,
  RowError,
  rejectOnRowError,
  validateIncident,
} from "./values.js";

/**
 * One row of a GDELT event file (1.0 or 2.0) to an incident. GDELT codes news reports by machine:
 * its rows are signals to look into, never reports a monitor has read, so they are "machine_coded".
 */

/** CAMEO's twenty root codes, for a title a person can read. */
const cameoRoots: Record<string, string> = {
  "01": "make public statement",
  "02": "appeal",
  "03": "express intent to cooperate",
  "04": "consult",
  "05": "engage in diplomatic cooperation",
  "06": "engage in material cooperation",
  "07": "provide aid",
  "08": "yield",
  "09": "investigate",
  "10": "demand",
  "11": "disapprove",
  "12": "reject",
  "13": "threaten",
  "14": "protest",
  "15": "exhibit force posture",
  "16": "reduce relations",
  "17": "coerce",
  "18": "assault",
  "19": "fight",
  "20": "use unconventional mass violence",
};

const quadClasses: Record<string, string> = {
  "1": "verbal cooperation",
  "2": "material cooperation",
  "3": "verbal conflict",
  "4": "material conflict",
};

/** ActionGeo_Type: 1 a country, 2 a US state, 3 a US city, 4 a world city, 5 a world state (ADM1). */
const geoPrecisionByType: Record<string, GeoPrecision> = { "1": 3, "2": 2, "3": 1, "4": 1, "5": 2 };

const columnOfField: Record<string, string> = {
  title: "title (made from EventCode, Actor1Name, Actor2Name, ActionGeo_FullName)",
  startDate: "SQLDATE",
  locationName: "ActionGeo_FullName",
  country: "ActionGeo_FullName",
  latitude: "ActionGeo_Lat",
  longitude: "ActionGeo_Long",
  sourceUpdatedAt: "DATEADDED",
  sources: "SOURCEURL",
  externalIds: "GLOBALEVENTID",
};

export function gdeltRowReader(options: OpenOptions): (row: Row, line: number) => FileRow {
  return (row, line) =>
    rejectOnRowError(line, () =>
      validateIncident(line, gdeltCandidate(row, options), ([field, index]) =>
        field === "actors"
          ? `Actor${Number(index) + 1}Name`
          : (columnOfField[String(field)] ?? String(field)),
      ),
    );
}

function yyyymmdd(column: string, value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = match && calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date) throw new RowError(column, `${JSON.stringify(value)} is not a date (YYYYMMDD)`);
  return date;
}

/** DATEADDED: YYYYMMDD in GDELT 1.0, YYYYMMDDHHMMSS (UTC) in 2.0. */
function dateAdded(value: string): string | undefined {
  if (value === "") return undefined;
  const date = yyyymmdd("DATEADDED", value.slice(0, 8));
  const time = value.slice(8);
  if (time === "") return `${date}T00:00:00.000Z`;
  const match = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(time);
  if (!match) throw new RowError("DATEADDED", `${JSON.stringify(value)} is not YYYYMMDDHHMMSS`);
  return `${date}T${match[1]}:${match[2]}:${match[3]}.000Z`;
}

function gdeltCandidate(row: Row, options: OpenOptions): IncidentCandidate {
  const id = row.get("globaleventid");
  if (!/^\d+$/.test(id)) throw new RowError("GLOBALEVENTID", `${JSON.stringify(id)} is not a GDELT event id`);
  const startDate = yyyymmdd("SQLDATE", row.get("sqldate"));
  const place = row.get("actiongeo_fullname");
  const geoType = row.get("actiongeo_type");
  const located = geoType !== "" && geoType !== "0";
  const url = row.get("sourceurl");
  return {
    processId: options.processId,
    title: makeTitle(gdeltWhat(row), [place], startDate),
    monitoringType: options.monitoringType ?? "unclassified",
    startDate,
    startPrecision: "day",
    // GDELT names places "City, Region, Country": the country is the last part.
    country: located ? place.split(",").at(-1)?.trim() || undefined : undefined,
    locationName: located && place ? clip(place, 300) : undefined,
    latitude: located ? decimal("ActionGeo_Lat", row.get("actiongeo_lat")) : undefined,
    longitude: located ? decimal("ActionGeo_Long", row.get("actiongeo_long")) : undefined,
    geoPrecision: geoPrecisionByType[geoType],
    actors: gdeltActors(row),
    description: gdeltDescription(row),
    sourceUpdatedAt: dateAdded(row.get("dateadded")),
    verificationStatus: "machine_coded",
    externalIds: { gdelt: id },
    licence: "gdelt",
    // The schema takes http(s) addresses only; a row with another kind keeps everything else.
    sources: url !== "" && WebUrl.safeParse(url).success ? [{ url, publisher: hostOf(url) }] : [],
  };
}

const hostOf = (url: string) => clip(new URL(url).hostname, 300);

function rootOf(row: Row): string {
  const root = row.get("eventrootcode");
  return root ? root.padStart(2, "0") : row.get("eventcode").slice(0, 2);
}

function gdeltWhat(row: Row): string {
  const code = row.get("eventcode");
  const root = cameoRoots[rootOf(row)];
  const actors = [row.get("actor1name"), row.get("actor2name")].filter((a) => a !== "").join(" → ");
  return `GDELT event ${code || "?"} (CAMEO${root ? `: ${root}` : ""})${actors ? ` ${actors}` : ""}`;
}

/**
 * Actor1 and Actor2 are CAMEO's source and target: who the news says acted on whom. Unverified
 * machine coding, so the source actor is only an alleged perpetrator.
 */
function gdeltActors(row: Row): NonNullable<IncidentCandidate["actors"]> {
  const actors: NonNullable<IncidentCandidate["actors"]> = [];
  const first = row.get("actor1name");
  const second = row.get("actor2name");
  if (first) actors.push({ name: clip(first, 300), role: "alleged_perpetrator", side: 1, associated: false });
  if (second) actors.push({ name: clip(second, 300), role: "target", side: 2, associated: false });
  return actors;
}

function gdeltDescription(row: Row): string {
  const quad = quadClasses[row.get("quadclass")];
  const root = cameoRoots[rootOf(row)];
  const facts = [
    `CAMEO event ${row.get("eventcode")} (root ${rootOf(row)}${root ? `, ${root}` : ""})`,
    quad && `QuadClass ${row.get("quadclass")} (${quad})`,
    row.get("goldsteinscale") && `Goldstein scale ${row.get("goldsteinscale")}`,
    row.get("nummentions") && `mentions ${row.get("nummentions")}`,
    row.get("numsources") && `sources ${row.get("numsources")}`,
    row.get("numarticles") && `articles ${row.get("numarticles")}`,
    row.get("avgtone") && `average tone ${row.get("avgtone")}`,
    row.get("isrootevent") === "1" && "root event of its article",
  ].filter((fact): fact is string => typeof fact === "string" && fact !== "");
  return `Machine-coded by GDELT from news reports; unverified. ${facts.join("; ")}.`;
}
