import { describe, expect, it } from "vitest";
import { resolveDates } from "./relative-dates.js";

/** 2023-03-02 was a Thursday. */
const published = "2023-03-02";
const read = (text: string, on: string | null = published) =>
  resolveDates(text, on).map((d) => [d.text, d.kind, d.start, d.end, d.approximate]);

describe("resolveDates", () => {
  it("reads absolute dates in English, Russian, Armenian and Azerbaijani", () => {
    expect(
      read("on 9 November 2020, November 10, 2020, 2023-02-22, 1 марта 2023 г., 1 մարտի 2023, 1 mart 2023"),
    ).toEqual([
      ["9 November 2020", "date", "2020-11-09", "2020-11-09", false],
      ["November 10, 2020", "date", "2020-11-10", "2020-11-10", false],
      ["2023-02-22", "date", "2023-02-22", "2023-02-22", false],
      ["1 марта 2023 г.", "date", "2023-03-01", "2023-03-01", false],
      ["1 մարտի 2023", "date", "2023-03-01", "2023-03-01", false],
      ["1 mart 2023", "date", "2023-03-01", "2023-03-01", false],
    ]);
  });

  it("resolves relative days against publication", () => {
    expect(
      read("two days ago, yesterday, on Sunday, on Thursday, last Thursday, the day before yesterday"),
    ).toEqual([
      ["two days ago", "date", "2023-02-28", "2023-02-28", false],
      ["yesterday", "date", "2023-03-01", "2023-03-01", false],
      ["on Sunday", "date", "2023-02-26", "2023-02-26", false],
      // "On Thursday" in a Thursday's paper is that day; "last Thursday" is the week before.
      ["on Thursday", "date", "2023-03-02", "2023-03-02", false],
      ["last Thursday", "date", "2023-02-23", "2023-02-23", false],
      ["the day before yesterday", "date", "2023-02-28", "2023-02-28", false],
    ]);
  });

  it("makes ranges of since, last week and durations up to now", () => {
    expect(
      read(
        "blocked since Dec. 12; for almost three months now; for more than a month now; last week; over the past 10 days",
      ),
    ).toEqual([
      ["since Dec. 12", "range", "2022-12-12", "2023-03-02", false],
      ["for almost three months now", "range", "2022-12-02", "2023-03-02", true],
      ["for more than a month now", "range", "2023-02-02", "2023-03-02", true],
      ["last week", "range", "2023-02-20", "2023-02-26", false],
      ["over the past 10 days", "range", "2023-02-20", "2023-03-02", false],
    ]);
  });

  it("takes the latest day and month not after publication", () => {
    expect(read("on 12 December and on March 1")).toEqual([
      ["12 December", "date", "2022-12-12", "2022-12-12", false],
      ["March 1", "date", "2023-03-01", "2023-03-01", false],
    ]);
  });

  it("keeps relative expressions unresolved without a publication date", () => {
    const dates = resolveDates(
      "two days ago, since Dec. 12, for almost three months now, on 1 March 2023",
      null,
    );
    expect(dates.map((d) => [d.text, d.resolved, d.start])).toEqual([
      ["two days ago", null, null],
      ["since Dec. 12", null, null],
      ["for almost three months now", null, null],
      ["1 March 2023", { start: "2023-03-01", end: "2023-03-01" }, "2023-03-01"],
    ]);
  });

  it("guesses nothing: impossible days, the modal may, a deadline by Friday", () => {
    expect(read("31 February 2023; it may 5 times; by Friday; In May 2023")).toEqual([
      ["May 2023", "range", "2023-05-01", "2023-05-31", false],
    ]);
  });

  it("ignores a publication date it cannot read", () => {
    expect(resolveDates("yesterday", "not a date")[0]?.resolved).toBeNull();
  });

  it("is bounded on a long text full of dates", () => {
    const text = "On 1 March 2023 and yesterday, ".repeat(100_000);
    const started = performance.now();
    expect(resolveDates(text, published)).toHaveLength(1_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
