/**
 * Restriction periods of a crossing place ("day N of the blockade"), derived, never stored. Pure: no
 * I/O, no clock; the caller says up to which day (`through`) to look.
 *
 * The rule, day by day:
 * - A day's reports are the statuses of the observations dated that day (every reporter's, each
 *   counted), "not open" from every restriction incident covering the day, and "open" from a
 *   reopening incident starting that day. Restriction incidents (blockade, checkpoint_installed,
 *   movement_restriction) cover their start date through their end date; an ongoing one through
 *   `through`; one with neither an end nor `ongoing` only its start date. A corridor_reopened
 *   incident reports "open" on its start date.
 * - The day's status: "unknown" when there are no reports (a gap in reporting is never read as
 *   open); "contested" when the reports disagree (open against restricted or closed, or restricted
 *   against closed); otherwise the one status reported, "restricted" when only incidents speak
 *   (an incident says the place was not open, not how closed it was).
 * - A restriction period starts on the first day whose status is restricted, closed or contested
 *   (any report that the place was not open; a contested start is counted in `contestedDays`, so a
 *   reader sees the dispute). It continues across restricted, closed, contested and unknown days,
 *   and ends on the first day whose status is "open", that is a day on which every report says open:
 *   that day is `reopenedOn`, the day before is the period's last day. Day 1 is its first day.
 * - Reports dated after `through` are left out, and days after the last report are unknown: so the
 *   timeline through a date is exactly what was known of the days up to it, and "day N as of" a
 *   date is the last period of the timeline through that date.
 */

import { dateOfDay, requireDay } from "./compliance-dates.js";
import type { DayCounter, DayStatus, RestrictionPeriod, StatusRun } from "./corridor.js";
import type { AccessStatus } from "./events.js";

/** What one observation says: its date, status and reporter. */
export interface AccessReport {
  date: string;
  status: AccessStatus;
  reporterPartyId?: string;
}

/** What an incident on the place says about access (see `incidentEffect`). */
export interface AccessIncident {
  effect: "restriction" | "reopening";
  startDate: string;
  endDate?: string;
  ongoing?: boolean;
}

export type IncidentEffect = "restriction" | "reopening" | "none";

const restrictingTypes: ReadonlySet<string> = new Set([
  "blockade",
  "checkpoint_installed",
  "movement_restriction",
]);

/** Whether an incident of this monitoring type starts (or marks) a restriction, ends one, or neither. */
export function incidentEffect(monitoringType: string): IncidentEffect {
  if (restrictingTypes.has(monitoringType)) return "restriction";
  return monitoringType === "corridor_reopened" ? "reopening" : "none";
}

export interface AccessTimeline {
  /** The first day anything was reported (null: nothing up to `through`). */
  from: string | null;
  through: string;
  /** The status band from `from` through `through`, as runs of one status. */
  runs: StatusRun[];
  periods: RestrictionPeriod[];
}

/** What the reports of one day are: the observed statuses, and whether an incident covers the day. */
interface DayReports {
  statuses: Set<AccessStatus>;
  restrictionCover: boolean;
}

function statusOf({ statuses, restrictionCover }: DayReports): DayStatus {
  const open = statuses.has("open");
  const restricted = statuses.has("restricted");
  const closed = statuses.has("closed");
  if (!open && !restricted && !closed) return restrictionCover ? "restricted" : "unknown";
  if (open && (restricted || closed || restrictionCover)) return "contested";
  if (open) return "open";
  if (restricted && closed) return "contested";
  return closed ? "closed" : "restricted";
}

/** The status band and restriction periods of one place, from its observations and incidents. */
export function accessTimeline(
  reports: readonly AccessReport[],
  incidents: readonly AccessIncident[],
  through: string,
): AccessTimeline {
  const last = requireDay(through, "through");
  // Day → statuses reported that day (observations, and reopening incidents as "open").
  const reported = new Map<number, Set<AccessStatus>>();
  const report = (day: number, status: AccessStatus) => {
    if (day > last) return;
    const statuses = reported.get(day) ?? new Set<AccessStatus>();
    statuses.add(status);
    reported.set(day, statuses);
  };
  for (const r of reports) report(requireDay(r.date, "observation date"), r.status);
  // Restriction cover as +1 / -1 steps, so the band is computed per change, not per calendar day.
  const coverSteps = new Map<number, number>();
  const step = (day: number, by: number) => coverSteps.set(day, (coverSteps.get(day) ?? 0) + by);
  for (const incident of incidents) {
    const start = requireDay(incident.startDate, "incident start date");
    if (incident.effect === "reopening") {
      report(start, "open");
      continue;
    }
    if (start > last) continue;
    const end = incident.endDate
      ? requireDay(incident.endDate, "incident end date")
      : incident.ongoing
        ? last
        : start;
    step(start, 1);
    step(Math.min(Math.max(end, start), last) + 1, -1);
  }
  let first = Number.POSITIVE_INFINITY;
  for (const day of reported.keys()) first = Math.min(first, day);
  for (const [day, by] of coverSteps) if (by > 0) first = Math.min(first, day);
  if (first === Number.POSITIVE_INFINITY) return { from: null, through, runs: [], periods: [] };
  const runs = statusRuns(first, last, reported, coverSteps);
  return { from: dateOfDay(first), through, runs, periods: periodsOf(runs, reports, through) };
}

function statusRuns(
  first: number,
  last: number,
  reported: Map<number, Set<AccessStatus>>,
  coverSteps: Map<number, number>,
): StatusRun[] {
  // Between two consecutive boundaries nothing changes: one status for the whole stretch.
  const boundaries = new Set<number>([first, last + 1, ...coverSteps.keys()]);
  for (const day of reported.keys()) boundaries.add(day).add(day + 1);
  const sorted = [...boundaries].filter((d) => d >= first && d <= last + 1).sort((a, b) => a - b);
  let cover = 0;
  for (const [day, by] of coverSteps) if (day < first) cover += by;
  const runs: StatusRun[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i] as number;
    const to = (sorted[i + 1] as number) - 1;
    cover += coverSteps.get(from) ?? 0;
    const status = statusOf({ statuses: reported.get(from) ?? new Set(), restrictionCover: cover > 0 });
    const previous = runs.at(-1);
    if (previous && previous.status === status) {
      previous.to = dateOfDay(to);
      previous.days += to - from + 1;
    } else runs.push({ from: dateOfDay(from), to: dateOfDay(to), status, days: to - from + 1 });
  }
  return runs;
}

function periodsOf(runs: readonly StatusRun[], reports: readonly AccessReport[], through: string) {
  const last = requireDay(through, "through");
  const periods: RestrictionPeriod[] = [];
  let current: RestrictionPeriod | undefined;
  for (const run of runs) {
    if (run.status === "open") {
      if (current) {
        const reopened = requireDay(run.from, "run");
        current.end = dateOfDay(reopened - 1);
        current.reopenedOn = run.from;
        current.ongoing = false;
        current.days = reopened - requireDay(current.start, "start");
        periods.push(current);
        current = undefined;
      }
    } else if (run.status === "unknown") {
      if (current) current.unknownDays += run.days;
    } else {
      current ??= {
        start: run.from,
        end: null,
        reopenedOn: null,
        ongoing: true,
        days: 1,
        lastReportedOn: run.to,
        contestedDays: 0,
        unknownDays: 0,
        reportedByPartyIds: [],
      };
      current.lastReportedOn = run.to;
      if (run.status === "contested") current.contestedDays += run.days;
    }
  }
  if (current) {
    current.days = last - requireDay(current.start, "start") + 1;
    periods.push(current);
  }
  for (const period of periods) period.reportedByPartyIds = reportersWithin(period, reports, through);
  return periods;
}

/** The parties that reported the place restricted or closed within a period, in order of name. */
function reportersWithin(period: RestrictionPeriod, reports: readonly AccessReport[], through: string) {
  const end = period.end ?? through;
  const parties = new Set<string>();
  for (const r of reports)
    if (r.status !== "open" && r.reporterPartyId && r.date >= period.start && r.date <= end)
      parties.add(r.reporterPartyId);
  return [...parties].sort();
}

/** The status of one day in a band; "unknown" outside it. */
export function statusOnDate(runs: readonly StatusRun[], date: string): DayStatus {
  return runs.find((run) => run.from <= date && date <= run.to)?.status ?? "unknown";
}

/**
 * "Day N" as of a date: the timeline through that date decides, so nothing reported for later days
 * changes the answer. Before anything was reported: no_data; reports but no restriction yet:
 * not_restricted; within a restriction: restricted, day N (day 1 = its first day); after a
 * reopening: reopened, with the period that ended and its length.
 */
export function dayCounter(
  reports: readonly AccessReport[],
  incidents: readonly AccessIncident[],
  asOf: string,
): DayCounter {
  const timeline = accessTimeline(reports, incidents, asOf);
  const statusOnDay = statusOnDate(timeline.runs, asOf);
  const period = timeline.periods.at(-1) ?? null;
  if (timeline.from === null) return { asOf, state: "no_data", statusOnDay, day: null, period: null };
  if (!period) return { asOf, state: "not_restricted", statusOnDay, day: null, period: null };
  if (period.ongoing) return { asOf, state: "restricted", statusOnDay, day: period.days, period };
  return { asOf, state: "reopened", statusOnDay, day: null, period };
}
