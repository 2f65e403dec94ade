import { afterAll, describe, expect, it } from "vitest";
import { readAll, removeTempFiles, tempFile } from "./fixtures/test-files.js";
import { gdelt1Columns, gdelt2Columns } from "./layouts.js";

afterAll(removeTempFiles);

/** One invented GDELT event, by column name; columns a layout lacks are simply not written. */
function event(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    GLOBALEVENTID: "1034567890",
    SQLDATE: "20230423",
    MonthYear: "202304",
    Year: "2023",
    FractionDate: "2023.3096",
    Actor1Code: "AZEMIL",
    Actor1Name: "AZERBAIJAN",
    Actor1CountryCode: "AZE",
    Actor1Type1Code: "MIL",
    Actor2Code: "ARM",
    Actor2Name: "ARMENIA",
    Actor2CountryCode: "ARM",
    IsRootEvent: "1",
    EventCode: "190",
    EventBaseCode: "190",
    EventRootCode: "19",
    QuadClass: "4",
    GoldsteinScale: "-10",
    NumMentions: "12",
    NumSources: "3",
    NumArticles: "12",
    AvgTone: "-5.21",
    Actor1Geo_Type: "4",
    Actor1Geo_FullName: "Lachin, Lacin, Azerbaijan",
    ActionGeo_Type: "4",
    ActionGeo_FullName: "Lachin, Lacin, Azerbaijan",
    ActionGeo_CountryCode: "AJ",
    ActionGeo_ADM1Code: "AJ38",
    ActionGeo_Lat: "39.6406",
    ActionGeo_Long: "46.5461",
    ActionGeo_FeatureID: "-2145678",
    DATEADDED: "20230424",
    SOURCEURL: "https://news.example.org/2023/04/23/lachin",
    ...overrides,
  };
}

const tsv = (columns: readonly string[], rows: Record<string, string>[]) =>
  `${rows.map((row) => columns.map((column) => row[column] ?? "").join("\t")).join("\n")}\n`;

describe("GDELT event files", () => {
  it("reads GDELT 1.0 (58 columns) as unverified machine-coded signals", async () => {
    expect(gdelt1Columns).toHaveLength(58);
    const { file, accepted, rejected } = await readAll(
      tempFile(tsv(gdelt1Columns, [event()]), "20230423.export.CSV"),
      "gdelt",
    );
    expect(rejected).toEqual([]);
    expect(file).toMatchObject({ dataset: "gdelt", layout: "gdelt-1.0", delimiter: "\t" });
    expect(accepted[0]).toMatchObject({
      line: 1,
      record: {
        title: "GDELT event 190 (CAMEO: fight) AZERBAIJAN → ARMENIA — Lachin, Lacin, Azerbaijan (2023-04-23)",
        startDate: "2023-04-23",
        country: "Azerbaijan",
        locationName: "Lachin, Lacin, Azerbaijan",
        latitude: 39.6406,
        longitude: 46.5461,
        geoPrecision: 1,
        verificationStatus: "machine_coded",
        licence: "gdelt",
        externalIds: { gdelt: "1034567890" },
        sourceUpdatedAt: "2023-04-24T00:00:00.000Z",
        sources: [{ url: "https://news.example.org/2023/04/23/lachin", publisher: "news.example.org" }],
      },
    });
    const record = accepted[0]?.record;
    expect(record?.actors.map((a) => [a.name, a.role, a.side])).toEqual([
      ["AZERBAIJAN", "alleged_perpetrator", 1],
      ["ARMENIA", "target", 2],
    ]);
    expect(record?.description).toContain(
      "QuadClass 4 (material conflict); Goldstein scale -10; mentions 12",
    );
  });

  it("reads the 57-column 1.0 backfile, which has no SOURCEURL", async () => {
    const columns = gdelt1Columns.slice(0, 57);
    const { file, accepted } = await readAll(tempFile(tsv(columns, [event()])), "gdelt");
    expect(file.layout).toBe("gdelt-1.0");
    expect(accepted[0]?.record.sources).toEqual([]);
  });

  it("reads GDELT 2.0 (61 columns) with DATEADDED to the second", async () => {
    expect(gdelt2Columns).toHaveLength(61);
    const rows = [event({ DATEADDED: "20230424101500", ActionGeo_ADM2Code: "AJ38-123" })];
    const { file, accepted } = await readAll(tempFile(tsv(gdelt2Columns, rows)), "gdelt");
    expect(file.layout).toBe("gdelt-2.0");
    expect(accepted[0]?.record).toMatchObject({
      sourceUpdatedAt: "2023-04-24T10:15:00.000Z",
      country: "Azerbaijan",
    });
  });

  it("keeps a row whose SOURCEURL is not http(s), without that source", async () => {
    const rows = [
      event({ SOURCEURL: "javascript:alert(1)" }),
      event({ GLOBALEVENTID: "2", SOURCEURL: "BBC Monitoring" }),
    ];
    const { accepted } = await readAll(tempFile(tsv(gdelt1Columns, rows)), "gdelt");
    expect(accepted.map((row) => row.record.sources)).toEqual([[], []]);
  });

  it("rejects bad rows by line and reads on; a lone quote is just a character", async () => {
    const rows = [
      event({ GLOBALEVENTID: "1" }),
      event({ GLOBALEVENTID: "2", SQLDATE: "20230231" }),
      event({ GLOBALEVENTID: "3", Actor2Name: 'THE "NEW ARMY' }),
      event({ GLOBALEVENTID: "4", ActionGeo_Lat: "north" }),
    ];
    const truncated = gdelt1Columns
      .slice(0, 20)
      .map((c) => event({ GLOBALEVENTID: "5" })[c] ?? "")
      .join("\t");
    const { accepted, rejected } = await readAll(tempFile(tsv(gdelt1Columns, rows) + truncated), "gdelt");
    expect(accepted.map((row) => [row.line, row.record.externalIds.gdelt])).toEqual([
      [1, "1"],
      [3, "3"],
    ]);
    expect(accepted[1]?.record.actors[1]?.name).toBe('THE "NEW ARMY');
    expect(rejected).toEqual([
      { line: 2, reason: 'SQLDATE: "20230231" is not a date (YYYYMMDD)' },
      { line: 4, reason: 'ActionGeo_Lat: "north" is not a number' },
      { line: 5, reason: "the row has 20 of the 58 columns of the file's layout (cut short?)" },
    ]);
  });
});
