import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPublishedDate } from "./text-dates.js";

const samplesFolder = "/work/shared/samples/articles";
const readSample = (name: string): string | null => {
  try {
    return readFileSync(`${samplesFolder}/${name}`, "utf8");
  } catch {
    return null;
  }
};

/** The date found and the text its span covers. */
function found(text: string, feedDate?: string) {
  const result = findPublishedDate(text, feedDate ? { feedDate } : {});
  return (
    result && { date: result.date, source: result.source, spanText: text.slice(...(result.span ?? [0, 0])) }
  );
}

describe("findPublishedDate", () => {
  const samples = [
    "artsakh-mfa-full-fledged-talks.txt",
    "asbarez-full-fledged-talks.txt",
    "artsakh-mfa-negotiation-format.txt",
  ];
  it.runIf(samples.every((name) => readSample(name) !== null)).each(samples)(
    "finds no published date in %s (dates in the body are what it talks about)",
    (name) => {
      expect(findPublishedDate(readSample(name) as string)).toBeNull();
    },
  );

  it.each([
    ["date 2023-03-27\n\nThe Ministry of Foreign Affairs states…", "2023-03-27", "2023-03-27"],
    ["Date: 27.03.2023\nStatement", "2023-03-27", "27.03.2023"],
    ["Statement of the MFA\n27 March 2023\n\nText.", "2023-03-27", "27 March 2023"],
    ["March 27, 2023\nText.", "2023-03-27", "March 27, 2023"],
    ["Monday, 27th March 2023, 14:35\nText.", "2023-03-27", "27th March 2023"],
    ["  27.03.2023  \r\nText.", "2023-03-27", "27.03.2023"],
    ["Published: 2023-03-27T09:15:00+04:00\nText.", "2023-03-27", "2023-03-27"],
    ["27/03/2023\nText.", "2023-03-27", "27/03/2023"],
    [
      "Заявление МИД\n27 марта 2023 г.\nМинистерство иностранных дел заявляет…",
      "2023-03-27",
      "27 марта 2023 г.",
    ],
    ["Дата: 27 марта 2023 года, 18:02\nТекст.", "2023-03-27", "27 марта 2023 года"],
    ["ԱԳՆ հայտարարություն\n27 մարտի 2023\nԱրտաքին գործերի նախարարությունը…", "2023-03-27", "27 մարտի 2023"],
    ["2023 թ. մարտի 27\nՏեքստ։", "2023-03-27", "2023 թ. մարտի 27"],
    [
      "XİN-in bəyanatı\n27 mart 2023-cü il\nXarici İşlər Nazirliyi bildirir…",
      "2023-03-27",
      "27 mart 2023-cü il",
    ],
  ])("reads the leading date line of %j", (text, date, spanText) => {
    expect(found(text)).toEqual({ date, source: "leading_date", spanText });
  });

  it.each([
    ["BAKU, 27.03.2023 /Trend/ The Azerbaijani MFA said…", "2023-03-27", "27.03.2023"],
    ["YEREVAN, March 27, 2023 (Armenpress) — The ministry said…", "2023-03-27", "March 27, 2023"],
    ["STEPANAKERT, 27 March 2023 — The Foreign Ministry of Artsakh…", "2023-03-27", "27 March 2023"],
    ["МОСКВА, 27 марта 2023. /ТАСС/. Официальный представитель МИД…", "2023-03-27", "27 марта 2023"],
    ["ԵՐԵՎԱՆ, մարտի 27, 2023: /Արմենպրես/ Արտաքին գործերի…", "2023-03-27", "մարտի 27, 2023"],
    ["Bakı, 27 mart 2023 /APA/ Xarici İşlər Nazirliyi…", "2023-03-27", "27 mart 2023"],
  ])("reads the dateline of %j", (text, date, spanText) => {
    expect(found(text)).toEqual({ date, source: "dateline", spanText });
  });

  it("never guesses the year of a dateline without one", () => {
    const text = "YEREVAN, March 27 (Armenpress) — The Foreign Ministry said…";
    expect(findPublishedDate(text)).toBeNull();
    expect(findPublishedDate("МОСКВА, 27 марта. /ТАСС/. Текст.")).toBeNull();
    expect(findPublishedDate("ԵՐԵՎԱՆ, մարտի 27. /Արմենպրես/. Տեքստ։")).toBeNull();
    // The feed item's date completes it only when the day is within the week before it.
    expect(found(text, "2023-03-28T06:00:00Z")).toEqual({
      date: "2023-03-27",
      source: "dateline",
      spanText: "March 27",
    });
    expect(found("YEREVAN, December 30 (Armenpress) — Text.", "2024-01-02")?.date).toBe("2023-12-30");
    expect(findPublishedDate(text, { feedDate: "2023-06-01" })).toBeNull();
  });

  it("rejects impossible and ambiguous dates", () => {
    expect(findPublishedDate("31 February 2023\nText.")).toBeNull();
    expect(findPublishedDate("date 2023-02-29\nText.")).toBeNull();
    expect(found("29 February 2024\nText.")?.date).toBe("2024-02-29");
    expect(findPublishedDate("03/04/2023\nText.")).toBeNull();
  });

  it("ignores dates inside sentences and beyond the opening", () => {
    expect(findPublishedDate("The last such meeting was held on 1 March 2023, during which…")).toBeNull();
    expect(findPublishedDate("Trilateral Statement of 9 November 2020\nText.")).toBeNull();
    expect(
      findPublishedDate(`${"Opening paragraph of the statement. ".repeat(10)}\n27 March 2023\n`),
    ).toBeNull();
    expect(findPublishedDate("")).toBeNull();
  });

  it("on any text, finds nothing or a real date whose span lies in the opening", () => {
    const piece = fc.constantFrom(
      "27",
      "31",
      " ",
      "\n",
      "March",
      "марта",
      "մարտի",
      "mart",
      "2023",
      ".",
      "/",
      ",",
      "BAKU",
      " (APA) —",
      "date ",
      "x",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(piece, { maxLength: 30 }).map((parts) => parts.join("")),
        ),
        (text) => {
          const result = findPublishedDate(text);
          if (!result) return;
          expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${result.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(result.date);
          const [start, end] = result.span ?? [0, 0];
          expect(start).toBeLessThan(600);
          expect(end).toBeLessThanOrEqual(text.length);
          expect(text.slice(start, end)).toMatch(/\d/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
