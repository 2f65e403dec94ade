import { acledDisorderTypes } from "../domain/events.js";
import { acledDate, eventTyping, interactionCode, interCode, timePrecision } from "./acled-values.js";
import type { Row } from "./csv-stream.js";
import type { FileRow, OpenOptions } from "./incident-file.js";
import {
  decimal,
  type IncidentCandidate,
  makeTitle,
  RowError,
  rejectOnRowError,
  splitList,
  unixSeconds,
  validateIncident,
  wholeNumber,
} from "./values.js";

/** One ACLED row (any of its layouts, read by column name) to an incident. */

type Actors = NonNullable<IncidentCandidate["actors"]>;

/** Our field → the ACLED column it comes from, to name the column when the schema refuses it. */
const columnOfField: Record<string, string> = {
  title: "title (made from sub_event_type, location, country)",
  disorderType: "disorder_type",
  acledEventType: "event_type",
  acledSubEventType: "sub_event_type",
  interactionCode: "interaction",
  startDate: "event_date",
  startPrecision: "time_precision",
  isoCode: "iso",
  locationName: "location",
  geoPrecision: "geo_precision",
  description: "notes",
  sourceNames: "source",
  sourceScale: "source_scale",
  sourceUpdatedAt: "timestamp",
  externalIds: "event_id_cnty",
};

export function acledRowReader(options: OpenOptions): (row: Row, line: number) => FileRow {
  return (row, line) =>
    rejectOnRowError(line, () => {
      const { candidate, actorColumns } = acledCandidate(row, options);
      return validateIncident(line, candidate, (path) => {
        const [field, index] = path;
        if (field === "actors") return actorColumns[Number(index)] ?? "actor1";
        return columnOfField[String(field)] ?? String(field);
      });
    });
}

function acledCandidate(row: Row, options: OpenOptions) {
  const eventId = row.get("event_id_cnty");
  if (eventId === "") throw new RowError("event_id_cnty", "empty: every ACLED event has an id");
  const startDate = acledDate("event_date", row.get("event_date"));
  const inter1 = interCode("inter1", row.get("inter1"));
  const inter2 = interCode("inter2", row.get("inter2"));
  const typing = eventTyping(row.get("event_type"), row.get("sub_event_type"), inter1);
  const { actors, actorColumns } = acledActors(row, inter1, inter2);
  const fatalities = wholeNumber("fatalities", row.get("fatalities"));
  const location = row.get("location");
  const country = row.get("country");
  const candidate: IncidentCandidate = {
    processId: options.processId,
    title: makeTitle(
      typing.subEventType ?? typing.eventType ?? "ACLED event",
      [location, country],
      startDate,
    ),
    monitoringType: options.monitoringType ?? "unclassified",
    disorderType: disorderType(row.get("disorder_type")),
    acledEventType: typing.eventType,
    acledSubEventType: typing.subEventType,
    interactionCode: interactionCode(row.get("interaction"), inter1, inter2),
    civilianTargeting: row.get("civilian_targeting") !== "",
    startDate,
    startPrecision: timePrecision("time_precision", row.get("time_precision")),
    country: country || undefined,
    isoCode: wholeNumber("iso", row.get("iso")),
    region: row.get("region") || undefined,
    admin1: row.get("admin1") || undefined,
    admin2: row.get("admin2") || undefined,
    admin3: row.get("admin3") || undefined,
    locationName: location || undefined,
    latitude: decimal("latitude", row.get("latitude")),
    longitude: decimal("longitude", row.get("longitude")),
    geoPrecision: wholeNumber("geo_precision", row.get("geo_precision")) as IncidentCandidate["geoPrecision"],
    actors,
    fatalities:
      fatalities === undefined ? undefined : { best: fatalities, low: fatalities, high: fatalities },
    description: row.get("notes"),
    sourceNames: row.get("source") || undefined,
    sourceScale: row.get("source_scale") || undefined,
    tags: [
      ...splitList(row.get("tags")),
      ...(typing.oldEventType ? [`ACLED event type (old codebook): ${typing.oldEventType}`] : []),
    ],
    sourceUpdatedAt: unixSeconds("timestamp", row.get("timestamp")),
    verificationStatus: "reported",
    externalIds: { acled: eventId },
    licence: "acled",
  };
  return { candidate, actorColumns };
}

/** Matched case-insensitively, kept verbatim otherwise so the schema names what it refuses. */
function disorderType(value: string): IncidentCandidate["disorderType"] {
  if (value === "") return undefined;
  const known = acledDisorderTypes.find((type) => type.toLowerCase() === value.toLowerCase());
  return known ?? (value as IncidentCandidate["disorderType"]);
}

/**
 * actor1/actor2 and their associated actors. ACLED says only that actor1 and actor2 were the two
 * sides of the event, not who did what to whom; "perpetrator" for side 1 and "target" for side 2
 * follow its ordering convention (the initiating side is usually actor1) and are no more than that.
 */
function acledActors(row: Row, inter1: number | undefined, inter2: number | undefined) {
  const actors: Actors = [];
  const actorColumns: string[] = [];
  const sides = [
    { side: 1, typeCode: inter1, main: "actor1", associated: "assoc_actor_1" },
    { side: 2, typeCode: inter2, main: "actor2", associated: "assoc_actor_2" },
  ] as const;
  for (const { side, typeCode, main, associated } of sides) {
    const role = side === 1 ? "perpetrator" : "target";
    const name = row.get(main);
    if (name !== "") {
      actors.push({ name, role, side, associated: false, typeCode: typeCode || undefined });
      actorColumns.push(main);
    }
    for (const ally of splitList(row.get(associated))) {
      actors.push({ name: ally, role, side, associated: true });
      actorColumns.push(associated);
    }
  }
  return { actors, actorColumns };
}
