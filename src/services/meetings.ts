import ical from "ical-generator";
import type { Actor } from "../domain/actor.js";
import type { Db } from "../store/database.js";
import { repositories, type StoredRecord } from "../store/repository.js";
import { allWithActions, readRecord, withActions } from "./record-reads.js";

/** Every name of a place, none first by preference: the order is the data file's. */
export const allNames = (place: StoredRecord<"places"> | undefined) =>
  place
    ? place.names
        .map((name) => name.text)
        .filter((t, i, a) => a.indexOf(t) === i)
        .join(" / ")
    : "";

/** A meeting with the commitments it created. */
export async function getMeetingWithCommitments(db: Db, actor: Actor, id: string) {
  const meeting = await readRecord(db, actor, "meetings", id);
  const commitments = await repositories.commitments.all(db, { filters: { meetingId: id }, readAs: actor });
  return {
    ...withActions(actor, "meetings", meeting),
    commitments: allWithActions(actor, "commitments", commitments),
  };
}

/** A format with its meetings, newest first. */
export async function getFormatWithMeetings(db: Db, actor: Actor, id: string) {
  const format = await readRecord(db, actor, "formats", id);
  const meetings = await repositories.meetings.all(db, { filters: { formatId: id }, readAs: actor });
  return { ...withActions(actor, "formats", format), meetings: allWithActions(actor, "meetings", meetings) };
}

/**
 * Meetings as an RFC 5545 calendar. Meetings are whole-day events: the sources give dates, not
 * hours, and inventing a time would claim a precision nobody has.
 */
export async function meetingsCalendar(
  db: Db,
  options: { processId?: string; baseUrl: string; readAs: Actor },
): Promise<string> {
  const { readAs } = options;
  const meetings = await repositories.meetings.all(db, {
    filters: options.processId ? { processId: options.processId } : {},
    readAs,
  });
  const placeIds = [...new Set(meetings.map((m) => m.placeId).filter((id): id is string => !!id))];
  const places = new Map((await repositories.places.getMany(db, placeIds, { readAs })).map((p) => [p.id, p]));
  const calendar = ical({
    name: "Peacetrack meetings",
    prodId: { company: "Peacetrack", product: "peacetrack", language: "EN" },
  });
  for (const meeting of meetings) {
    calendar.createEvent({
      id: `${meeting.id}@peacetrack`,
      allDay: true,
      start: dayAsLocalDate(meeting.date),
      end: dayAsLocalDate(nextDay(meeting.endDate ?? meeting.date)),
      summary: meeting.title,
      description: [meeting.outcome, ...meeting.sources.map((s) => s.url ?? "")].filter(Boolean).join("\n\n"),
      location: allNames(meeting.placeId ? places.get(meeting.placeId) : undefined) || null,
      url: `${options.baseUrl}/meetings/${encodeURIComponent(meeting.id)}`,
      categories: meeting.agendaTopics.map((name) => ({ name })),
      stamp: new Date(meeting.updatedAt),
    });
  }
  return calendar.toString();
}

/** ical-generator writes an all-day date from the Date's local fields; build it from them. */
function dayAsLocalDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
