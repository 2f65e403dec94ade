import { describe, expect, it } from "vitest";
import {
  type AccessIncident,
  type AccessReport,
  accessTimeline,
  dayCounter,
  incidentEffect,
  statusOnDate,
} from "./restriction-periods.js";

const observed = (date: string, status: AccessReport["status"], reporterPartyId?: string): AccessReport => ({
  date,
  status,
  reporterPartyId,
});
const blockade = (startDate: string, more: Partial<AccessIncident> = {}): AccessIncident => ({
  effect: "restriction",
  startDate,
  ...more,
});
const reopening = (startDate: string): AccessIncident => ({ effect: "reopening", startDate });

describe("the status band", () => {
  it("is empty when nothing was reported", () => {
    expect(accessTimeline([], [], "2023-01-01")).toEqual({
      from: null,
      through: "2023-01-01",
      runs: [],
      periods: [],
    });
  });

  it("shows a gap in reporting as unknown, never as open", () => {
    const { runs } = accessTimeline(
      [observed("2023-01-01", "open"), observed("2023-01-05", "open")],
      [],
      "2023-01-07",
    );
    expect(runs).toEqual([
      { from: "2023-01-01", to: "2023-01-01", status: "open", days: 1 },
      { from: "2023-01-02", to: "2023-01-04", status: "unknown", days: 3 },
      { from: "2023-01-05", to: "2023-01-05", status: "open", days: 1 },
      { from: "2023-01-06", to: "2023-01-07", status: "unknown", days: 2 },
    ]);
  });

  it("covers every day from the first report through the end, once", () => {
    const { runs } = accessTimeline(
      [
        observed("2022-12-12", "closed"),
        observed("2022-12-20", "restricted"),
        observed("2023-02-01", "open"),
      ],
      [blockade("2022-12-15", { endDate: "2022-12-31" })],
      "2023-03-01",
    );
    const days = runs.reduce((sum, run) => sum + run.days, 0);
    expect(days).toBe(80); // 12 December 2022 through 1 March 2023
    for (const [index, run] of runs.entries())
      if (index > 0) expect(run.status).not.toBe(runs[index - 1]?.status);
  });

  it("marks a day contested when two reporters disagree, and never merges their statuses", () => {
    const { runs } = accessTimeline(
      [observed("2023-01-01", "closed", "armenia"), observed("2023-01-01", "open", "azerbaijan")],
      [],
      "2023-01-01",
    );
    expect(runs).toEqual([{ from: "2023-01-01", to: "2023-01-01", status: "contested", days: 1 }]);
  });

  it("marks restricted against closed as contested, and agreement as the one status", () => {
    const band = (statuses: AccessReport["status"][]) =>
      accessTimeline(
        statuses.map((status, i) => observed("2023-01-01", status, `party-${i}`)),
        [],
        "2023-01-01",
      ).runs[0]?.status;
    expect(band(["restricted", "closed"])).toBe("contested");
    expect(band(["closed", "closed"])).toBe("closed");
    expect(band(["open", "open"])).toBe("open");
    expect(band(["restricted"])).toBe("restricted");
  });

  it("reads a restriction incident as 'not open': restricted alone, contested against an open report", () => {
    const { runs } = accessTimeline(
      [observed("2023-01-03", "open", "azerbaijan"), observed("2023-01-04", "closed", "armenia")],
      [blockade("2023-01-02", { endDate: "2023-01-04" })],
      "2023-01-05",
    );
    expect(runs.map((r) => [r.from, r.to, r.status])).toEqual([
      ["2023-01-02", "2023-01-02", "restricted"],
      ["2023-01-03", "2023-01-03", "contested"],
      ["2023-01-04", "2023-01-04", "closed"],
      ["2023-01-05", "2023-01-05", "unknown"],
    ]);
  });

  it("extends an ongoing incident through the end, and one without an end or 'ongoing' over its start day only", () => {
    expect(accessTimeline([], [blockade("2023-01-01", { ongoing: true })], "2023-01-10").runs).toEqual([
      { from: "2023-01-01", to: "2023-01-10", status: "restricted", days: 10 },
    ]);
    expect(accessTimeline([], [blockade("2023-01-01")], "2023-01-03").runs).toEqual([
      { from: "2023-01-01", to: "2023-01-01", status: "restricted", days: 1 },
      { from: "2023-01-02", to: "2023-01-03", status: "unknown", days: 2 },
    ]);
  });

  it("leaves out what was reported after the end", () => {
    const timeline = accessTimeline(
      [observed("2023-01-01", "closed"), observed("2023-02-01", "open")],
      [blockade("2023-03-01", { ongoing: true }), reopening("2023-04-01")],
      "2023-01-02",
    );
    expect(timeline.runs.map((r) => r.status)).toEqual(["closed", "unknown"]);
    expect(timeline.periods[0]?.ongoing).toBe(true);
  });

  it("answers 'unknown' for a day outside the band", () => {
    const { runs } = accessTimeline([observed("2023-01-02", "open")], [], "2023-01-02");
    expect(statusOnDate(runs, "2023-01-01")).toBe("unknown");
    expect(statusOnDate(runs, "2023-01-02")).toBe("open");
  });

  it("refuses a date that is not a calendar date", () => {
    expect(() => accessTimeline([observed("2023-02-30", "open")], [], "2023-03-01")).toThrow(RangeError);
    expect(() => accessTimeline([], [], "yesterday")).toThrow(RangeError);
  });
});

describe("restriction periods", () => {
  it("run from the first day not open to the day before every report says open again", () => {
    const { periods } = accessTimeline(
      [
        observed("2022-12-11", "open"),
        observed("2022-12-12", "closed", "armenia"),
        observed("2022-12-20", "restricted", "icrc"),
        observed("2023-01-10", "open", "armenia"),
      ],
      [],
      "2023-01-31",
    );
    expect(periods).toEqual([
      {
        start: "2022-12-12",
        end: "2023-01-09",
        reopenedOn: "2023-01-10",
        ongoing: false,
        days: 29,
        lastReportedOn: "2022-12-20",
        contestedDays: 0,
        unknownDays: 27,
        reportedByPartyIds: ["armenia", "icrc"],
      },
    ]);
  });

  it("continue across unknown days until something says open", () => {
    const { periods } = accessTimeline([observed("2023-01-01", "closed")], [], "2023-12-31");
    expect(periods).toMatchObject([
      { start: "2023-01-01", end: null, ongoing: true, days: 365, unknownDays: 364 },
    ]);
  });

  it("are not ended by a day on which one reporter says open and another says closed", () => {
    const { periods } = accessTimeline(
      [
        observed("2023-01-01", "closed", "armenia"),
        observed("2023-01-02", "open", "azerbaijan"),
        observed("2023-01-02", "closed", "armenia"),
        observed("2023-01-03", "open", "azerbaijan"),
      ],
      [],
      "2023-01-04",
    );
    // On the 3rd only an open report: every report that day says open, so the period ends there.
    expect(periods).toMatchObject([
      { start: "2023-01-01", end: "2023-01-02", reopenedOn: "2023-01-03", days: 2, contestedDays: 1 },
    ]);
  });

  it("start on a contested day, counted as contested, so the dispute shows", () => {
    const { periods } = accessTimeline(
      [observed("2023-01-01", "open", "azerbaijan"), observed("2023-01-01", "closed", "armenia")],
      [],
      "2023-01-01",
    );
    expect(periods).toMatchObject([{ start: "2023-01-01", ongoing: true, days: 1, contestedDays: 1 }]);
  });

  it("are ended by a reopening incident and started again by a later restriction", () => {
    const { periods } = accessTimeline(
      [observed("2023-06-01", "closed", "armenia")],
      [blockade("2023-01-01", { endDate: "2023-01-31" }), reopening("2023-03-01")],
      "2023-06-10",
    );
    expect(periods).toMatchObject([
      { start: "2023-01-01", end: "2023-02-28", reopenedOn: "2023-03-01", days: 59, unknownDays: 28 },
      { start: "2023-06-01", end: null, ongoing: true, days: 10, reportedByPartyIds: ["armenia"] },
    ]);
  });
});

describe("the day counter", () => {
  const reports = [
    observed("2022-12-01", "open", "russia"),
    observed("2022-12-12", "closed", "armenia"),
    observed("2023-01-15", "restricted", "icrc"),
    observed("2023-02-01", "open", "armenia"),
    observed("2023-04-23", "closed", "armenia"),
  ];

  it("says no data as of a date before anything was reported", () => {
    expect(dayCounter(reports, [], "2022-11-30")).toEqual({
      asOf: "2022-11-30",
      state: "no_data",
      statusOnDay: "unknown",
      day: null,
      period: null,
    });
  });

  it("says not restricted as of a date after reports but before the first restriction", () => {
    expect(dayCounter(reports, [], "2022-12-11")).toMatchObject({
      state: "not_restricted",
      statusOnDay: "unknown",
      day: null,
      period: null,
    });
    expect(dayCounter(reports, [], "2022-12-01").statusOnDay).toBe("open");
  });

  it("counts the first day as day 1", () => {
    expect(dayCounter(reports, [], "2022-12-12")).toMatchObject({
      state: "restricted",
      statusOnDay: "closed",
      day: 1,
      period: { start: "2022-12-12", ongoing: true, days: 1 },
    });
  });

  it("keeps counting across days nobody reported, the status of the day unknown", () => {
    expect(dayCounter(reports, [], "2023-01-31")).toMatchObject({
      state: "restricted",
      statusOnDay: "unknown",
      day: 51,
    });
  });

  it("after a reopening, gives the period that ended and its length", () => {
    const counter = dayCounter(reports, [], "2023-02-01");
    expect(counter).toMatchObject({ state: "reopened", statusOnDay: "open", day: null });
    expect(counter.period).toMatchObject({
      start: "2022-12-12",
      end: "2023-01-31",
      days: 51,
      ongoing: false,
    });
    expect(dayCounter(reports, [], "2023-04-22").state).toBe("reopened");
  });

  it("counts a later restriction after a reopening from its own day 1", () => {
    expect(dayCounter(reports, [], "2023-04-23")).toMatchObject({ state: "restricted", day: 1 });
    expect(dayCounter(reports, [], "2023-05-02")).toMatchObject({
      state: "restricted",
      day: 10,
      period: { start: "2023-04-23" },
    });
  });

  it("is not changed by anything reported after the as-of date", () => {
    const asOf = "2023-01-20";
    const later = [...reports, observed("2023-01-21", "open", "azerbaijan")];
    expect(dayCounter(later, [reopening("2023-01-25")], asOf)).toEqual(dayCounter(reports, [], asOf));
  });

  it("counts from an ongoing incident when no observation was made", () => {
    expect(dayCounter([], [blockade("2022-12-12", { ongoing: true })], "2023-09-19")).toMatchObject({
      state: "restricted",
      statusOnDay: "restricted",
      day: 282,
    });
  });
});

it("knows which incident types start or end a restriction", () => {
  expect(incidentEffect("blockade")).toBe("restriction");
  expect(incidentEffect("checkpoint_installed")).toBe("restriction");
  expect(incidentEffect("movement_restriction")).toBe("restriction");
  expect(incidentEffect("corridor_reopened")).toBe("reopening");
  expect(incidentEffect("ceasefire_violation")).toBe("none");
});
