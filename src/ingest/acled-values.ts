import type { TimePrecision } from "../domain/common.js";
import { acledEventTypes, acledSubEventTypes } from "../domain/events.js";
import { calendarDate, RowError } from "./values.js";

/** ACLED's vocabularies and cell formats, in both directions (reading and writing). */

/** ACLED's actor type names by inter code, as files since 2024 write them instead of numbers. */
export const interNames: Record<number, string> = {
  1: "State forces",
  2: "Rebel group",
  3: "Political militia",
  4: "Identity militia",
  5: "Rioters",
  6: "Protesters",
  7: "Civilians",
  8: "External/Other forces",
};

const interCodesByName = new Map<string, number>(
  Object.entries(interNames).flatMap(([code, name]) => {
    const lower = name.toLowerCase();
    // Older codebooks wrote the plural ("Rebel groups", "Political militias").
    return [
      [lower, Number(code)],
      [lower.endsWith("s") ? lower : `${lower}s`, Number(code)],
    ];
  }),
);

/** inter1/inter2: a code 0–8 or its name; undefined when empty. */
export function interCode(column: string, value: string): number | undefined {
  if (value === "") return undefined;
  if (/^\d$/.test(value)) {
    const code = Number(value);
    if (code <= 8) return code;
  }
  const code = interCodesByName.get(value.toLowerCase());
  if (code === undefined) throw new RowError(column, `${JSON.stringify(value)} is not an ACLED actor type`);
  return code;
}

/**
 * The two-digit interaction code. A numeric cell is taken as it is; the text form ("State
 * forces-Civilians") is derived from the inter codes, smaller first as ACLED orders them, with a
 * single actor as "code0" (60: protesters alone).
 */
export function interactionCode(
  value: string,
  inter1: number | undefined,
  inter2: number | undefined,
): number | undefined {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const codes = [inter1, inter2].filter((code): code is number => code !== undefined && code > 0);
  if (codes.length === 0) return undefined;
  const [low = 0, high = 0] = codes.sort((a, b) => a - b);
  return codes.length === 1 ? low * 10 : low * 10 + high;
}

/** The text form written back: "State forces-Civilians", or "Protesters only" for one actor. */
export function interactionText(code: number | undefined): string {
  if (code === undefined || code === 0) return "";
  const first = interNames[Math.floor(code / 10)] ?? "";
  const second = interNames[code % 10];
  return second ? `${first}-${second}` : `${first} only`;
}

const precisionByCode: Record<string, TimePrecision> = { "1": "day", "2": "week", "3": "month" };

export function timePrecision(column: string, value: string): TimePrecision | undefined {
  if (value === "") return undefined;
  const precision = precisionByCode[value.replace(/\.0*$/, "")];
  if (!precision) throw new RowError(column, `${JSON.stringify(value)} is not 1, 2 or 3`);
  return precision;
}

/** Our precisions back to ACLED's three: finer than a day is a day, coarser than a month a month. */
export function timePrecisionCode(precision: TimePrecision): string {
  if (precision === "week") return "2";
  if (precision === "month" || precision === "year") return "3";
  return "1";
}

const monthNumbers = new Map(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [
    m,
    i + 1,
  ]),
);

/**
 * event_date in the forms ACLED has used: "2023-04-23" (current), "23 April 2023" (2021 export
 * tool), "23/04/2023" (old files, day first), and "23-Apr-2023" (old files saved by Excel).
 */
export function acledDate(column: string, value: string): string {
  if (value === "") throw new RowError(column, "empty: every ACLED event has a date");
  const date = parseDate(value);
  if (!date) throw new RowError(column, `${JSON.stringify(value)} is not a date`);
  return date;
}

function parseDate(value: string): string | undefined {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match) return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(value);
  const month = match && monthNumbers.get((match[2] ?? "").slice(0, 3).toLowerCase());
  if (match && month) return calendarDate(Number(match[3]), month, Number(match[1]));
  return undefined;
}

type EventType = (typeof acledEventTypes)[number];

const eventTypesByName = new Map<string, EventType>(acledEventTypes.map((t) => [t.toLowerCase(), t]));

/**
 * Event types of the old (pre-2019) codebook, with the current type and sub-event type they
 * became; "Riots/Protests" is split by the actor type (5 rioters, 6 protesters) where it can be.
 */
const oldEventTypes: Record<string, [EventType | undefined, string | undefined]> = {
  "battle-no change of territory": ["Battles", "Armed clash"],
  "battle-government regains territory": ["Battles", "Government regains territory"],
  "battle-non-state actor overtakes territory": ["Battles", "Non-state actor overtakes territory"],
  "headquarters or base established": ["Strategic developments", "Headquarters or base established"],
  "non-violent transfer of territory": ["Strategic developments", "Non-violent transfer of territory"],
  "strategic development": ["Strategic developments", undefined],
  "remote violence": ["Explosions/Remote violence", undefined],
  "violence against civilians": ["Violence against civilians", undefined],
  "riots/protests": [undefined, undefined],
};

export interface EventTyping {
  eventType?: EventType;
  subEventType?: string;
  /** The old codebook's type, kept verbatim when it was translated. */
  oldEventType?: string;
}

/** event_type and sub_event_type checked against the codebook (names matched case-insensitively). */
export function eventTyping(eventCell: string, subCell: string, inter1: number | undefined): EventTyping {
  const eventType = eventCell === "" ? undefined : eventTypesByName.get(eventCell.toLowerCase());
  if (eventCell !== "" && !eventType) return oldTyping(eventCell, subCell, inter1);
  if (subCell === "") return { eventType };
  const allowed: readonly string[] = eventType
    ? acledSubEventTypes[eventType]
    : Object.values(acledSubEventTypes).flat();
  const subEventType = allowed.find((s) => s.toLowerCase() === subCell.toLowerCase());
  if (!subEventType) {
    const of = eventType ? ` of ${eventType}` : "";
    throw new RowError("sub_event_type", `${JSON.stringify(subCell)} is not an ACLED sub-event type${of}`);
  }
  return { eventType, subEventType };
}

function oldTyping(eventCell: string, subCell: string, inter1: number | undefined): EventTyping {
  const old = oldEventTypes[eventCell.toLowerCase()];
  if (!old || subCell !== "") {
    throw new RowError("event_type", `${JSON.stringify(eventCell)} is not an ACLED event type`);
  }
  const riot = inter1 === 5 ? "Riots" : inter1 === 6 ? "Protests" : undefined;
  return { eventType: old[0] ?? riot, subEventType: old[1], oldEventType: eventCell };
}
