import { describe, expect, it } from "vitest";
import { dateKey, dateOfDay, dayNumber, dueDate } from "./compliance.js";

describe("dates", () => {
  it("reads YYYY-MM-DD as a day number and a YYYYMMDD key, and back", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01")).toBe(11017);
    expect(dateKey("2020-11-15")).toBe(20201115);
    // every day from 1899 to 2101 survives the round trip, agrees with Date, and keys order like days
    const wrong: string[] = [];
    let previousKey = 0;
    for (let day = dayNumber("1899-12-25"); day <= dayNumber("2101-01-05"); day++) {
      const date = dateOfDay(day);
      const key = dateKey(date);
      if (
        dayNumber(date) !== day ||
        key <= previousKey ||
        date !== new Date(day * 86_400_000).toISOString().slice(0, 10)
      )
        wrong.push(`${day} ${date}`);
      previousKey = key;
    }
    expect(wrong).toEqual([]);
  });

  it("refuses what is not a calendar date", () => {
    for (const text of [
      "2021-02-29",
      "2100-02-29",
      "2021-13-01",
      "2021-00-10",
      "2021-04-31",
      "2021-1-01",
      "21-01-01x",
      "2021/01/01",
      "",
    ])
      expect(dateKey(text)).toBeNaN();
    expect(dateKey("2000-02-29")).toBe(20000229); // divisible by 400: a leap year
    expect(dateKey("2024-02-29")).toBe(20240229);
  });
});

describe("dueDate", () => {
  it("gives an absolute deadline's date and nothing for none", () => {
    expect(dueDate({ kind: "absolute", date: "2020-11-15" }, "2020-01-01")).toBe("2020-11-15");
    expect(dueDate({ kind: "none" }, "2020-01-01")).toBeUndefined();
  });

  it("resolves recurring deadlines to the latest due date on or before the as-of date", () => {
    const deadline = { kind: "recurring" as const, firstDate: "2023-01-01", everyDays: 56 };
    expect(dueDate(deadline, "2022-12-01")).toBe("2023-01-01"); // the first one, still to come
    expect(dueDate(deadline, "2023-02-25")).toBe("2023-01-01"); // day 55
    expect(dueDate(deadline, "2023-02-26")).toBe("2023-02-26"); // day 56 = 1 Jan + 56
    // 1 Mar 2024 is day 425 (365 + 31 + 29); 425 / 56 = 7.6 → 7 × 56 = 392 days after 1 Jan 2023 = 28 Jan 2024
    expect(dueDate(deadline, "2024-03-01")).toBe("2024-01-28");
  });

  it("resolves a relative deadline from an absolute one, and leaves others unresolved", () => {
    const relative = { kind: "relative" as const, afterCommitmentId: "c0", offsetDays: 10 };
    // 15 Nov + 10 days = 25 Nov
    expect(dueDate(relative, "2021-01-01", () => ({ kind: "absolute", date: "2020-11-15" }))).toBe(
      "2020-11-25",
    );
    // across a month and a leap day: 25 Feb 2020 + 10 days = 6 Mar 2020
    expect(dueDate(relative, "2021-01-01", () => ({ kind: "absolute", date: "2020-02-25" }))).toBe(
      "2020-03-06",
    );
    expect(dueDate(relative, "2021-01-01", () => ({ kind: "none" }))).toBeUndefined();
    expect(dueDate(relative, "2021-01-01")).toBeUndefined();
    expect(
      dueDate({ kind: "relative", afterEvent: "signature", offsetDays: 3 }, "2021-01-01"),
    ).toBeUndefined();
  });
});
