import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  acledCells,
  acledCsv,
  readAll,
  removeTempFiles,
  tempFile,
  toCsv,
  windows1252,
} from "./fixtures/test-files.js";
import { acled2021Columns, acledOldColumns } from "./layouts.js";

afterAll(removeTempFiles);

const fixture = fileURLToPath(new URL("./fixtures/acled-current.csv", import.meta.url));

describe("ACLED current layout", () => {
  it("maps every column of the current export", async () => {
    const { file, accepted, rejected } = await readAll(fixture, "acled");
    expect(file).toMatchObject({
      dataset: "acled",
      layout: "acled-current",
      delimiter: ",",
      encoding: "utf-8",
    });
    expect(rejected).toEqual([]);
    expect(accepted.map((row) => row.line)).toEqual([2, 3, 5, 6, 7]);
    const [clash, shelling, protest, agreement, riot] = accepted.map((row) => row.record);
    expect(clash).toMatchObject({
      processId: "nagorno-karabakh",
      title: "Armed clash — Lachin, Azerbaijan (2023-04-23)",
      monitoringType: "unclassified",
      disorderType: "Political violence",
      acledEventType: "Battles",
      acledSubEventType: "Armed clash",
      interactionCode: 11,
      startDate: "2023-04-23",
      startPrecision: "day",
      isoCode: 31,
      region: "Caucasus and Central Asia",
      admin1: "Lachin",
      locationName: "Lachin",
      latitude: 39.6406,
      longitude: 46.5461,
      geoPrecision: 1,
      fatalities: { best: 1, low: 1, high: 1 },
      sourceNames: "Report.az; Azatutyun",
      sourceScale: "National",
      sourceUpdatedAt: "2023-04-28T00:00:00.000Z",
      verificationStatus: "reported",
      externalIds: { acled: "AZE2101" },
      licence: "acled",
    });
    expect(clash).not.toHaveProperty("id");
    expect(clash?.description).toContain('"according to" both ministries');
    expect(clash?.actors).toEqual([
      {
        name: "Military Forces of Azerbaijan (2003-)",
        role: "perpetrator",
        side: 1,
        associated: false,
        typeCode: 1,
      },
      { name: "Military Forces of Armenia (2018-)", role: "target", side: 2, associated: false, typeCode: 1 },
    ]);
    expect(shelling).toMatchObject({ civilianTargeting: true, interactionCode: 17, startPrecision: "week" });
    expect(shelling?.description).toBe(
      "Shelling hit houses in Sotk.\nTwo civilians were wounded; no fatalities reported.",
    );
    expect(protest?.interactionCode).toBe(60);
    expect(protest?.tags).toEqual(["crowd size=around 300"]);
    expect(protest?.actors.map((a) => [a.name, a.side, a.associated])).toEqual([
      ["Protesters (Armenia)", 1, false],
      ["Women (Armenia)", 1, true],
      ["Refugees/IDPs (Armenia)", 1, true],
    ]);
    expect(agreement).toMatchObject({ startPrecision: "month", geoPrecision: 3 });
    expect(agreement?.tags).toEqual(["local administrators", "women targeted: politicians"]);
    expect(riot).toMatchObject({ disorderType: "Political violence; Demonstrations", interactionCode: 15 });
    expect(riot?.locationName).toBe("Şuşa");
  });

  it("takes numeric inter and interaction codes, and the monitoring type from the options", async () => {
    const path = tempFile(acledCsv([acledCells({ inter1: "1", inter2: "7", interaction: "17" })]));
    const { accepted } = await readAll(path, "acled", {
      processId: "p",
      monitoringType: "ceasefire_violation",
    });
    expect(accepted[0]?.record).toMatchObject({ interactionCode: 17, monitoringType: "ceasefire_violation" });
    expect(accepted[0]?.record.actors.map((a) => a.typeCode)).toEqual([1, 7]);
  });

  it("ignores extra columns (population_*, anything later) and tolerates missing optional ones", async () => {
    const extra = acledCsv([
      { ...acledCells(), population_1km: "1200", population_best: "5400", new_column: "x" },
    ]);
    expect((await readAll(tempFile(extra), "acled")).accepted).toHaveLength(1);
    const minimal = toCsv([
      ["EVENT_ID_CNTY ", " Event_Date", "location", "country"],
      ["ARM1002", "2023-05-01", "Jermuk", "Armenia"],
    ]);
    const { accepted, file } = await readAll(tempFile(minimal), "acled");
    expect(file.layout).toBe("acled-current");
    expect(accepted[0]?.record).toMatchObject({
      title: "ACLED event — Jermuk, Armenia (2023-05-01)",
      actors: [],
      startPrecision: "day",
      externalIds: { acled: "ARM1002" },
    });
  });
});

describe("older ACLED layouts", () => {
  it("reads the 2021 export tool's semicolon (or tab) files with spelled-out dates and decimal commas", async () => {
    const values: Record<string, string> = {
      ...acledCells({ event_date: "04 November 2021", inter1: "1", inter2: "1", interaction: "11" }),
      data_id: "8812345",
      event_id_no_cnty: "1001",
      iso3: "ARM",
      latitude: "39,5111",
    };
    for (const delimiter of [";", "\t"]) {
      const rows = [[...acled2021Columns], acled2021Columns.map((c) => values[c] ?? "")];
      const { file, accepted, rejected } = await readAll(tempFile(toCsv(rows, delimiter)), "acled");
      expect(rejected).toEqual([]);
      expect(file).toMatchObject({ layout: "acled-2021", delimiter });
      expect(accepted[0]?.record).toMatchObject({
        startDate: "2021-11-04",
        latitude: 39.5111,
        interactionCode: 11,
      });
    }
  });

  it("reads the old upper-case layout: CRLF, Windows-1252, trailing empty columns, day-first dates", async () => {
    const header = `${acledOldColumns.join(",")},,,`;
    const row = (id: string, date: string, type: string, country: string, notes: string) =>
      `437,${id},1,${date},2012,1,${type},Military Forces of Ivory Coast,Police Forces of Ivory Coast,1,` +
      `Rebel Forces,,2,12,${country},Lagunes,Abidjan,,Abidjan,5.3364,-4.0267,1,AFP,${notes},2,,,`;
    const text = [
      header,
      row(
        "CDI101",
        "14/03/2012",
        "Battle-No change of territory",
        "Côte d'Ivoire",
        "Clash at the port’s gate",
      ),
      row("CDI102", "15/03/2012", "Riots/Protests", "Côte d'Ivoire", "Students’ march"),
      row("CDI103", "31/02/2012", "Remote violence", "Côte d'Ivoire", "Impossible date"),
    ].join("\r\n");
    const { file, accepted, rejected } = await readAll(tempFile(windows1252(`${text}\r\n`)), "acled");
    expect(file).toMatchObject({ layout: "acled-old", encoding: "windows-1252" });
    expect(rejected).toEqual([{ line: 4, reason: 'event_date: "31/02/2012" is not a date' }]);
    const [battle, riot] = accepted.map((row) => row.record);
    expect(battle).toMatchObject({
      country: "Côte d'Ivoire",
      startDate: "2012-03-14",
      acledEventType: "Battles",
      acledSubEventType: "Armed clash",
      interactionCode: 12,
      description: "Clash at the port’s gate",
    });
    expect(battle?.tags).toEqual(["ACLED event type (old codebook): Battle-No change of territory"]);
    expect(battle?.actors.map((a) => [a.name, a.associated, a.typeCode])).toEqual([
      ["Military Forces of Ivory Coast", false, 1],
      ["Police Forces of Ivory Coast", true, undefined],
      ["Rebel Forces", false, 2],
    ]);
    expect(riot?.acledEventType).toBeUndefined();
  });

  it("skips the HXL hashtag row of humanitarian-portal files, counting its line", async () => {
    const cells = acledCells();
    const columns = Object.keys(cells);
    const hxl = columns.map((c) =>
      c === "event_id_cnty" ? "#event+code" : c === "event_date" ? "#date+occurred" : "",
    );
    const path = tempFile(
      toCsv([columns, hxl, Object.values(cells), Object.values({ ...cells, latitude: "95" })]),
    );
    const { file, accepted, rejected } = await readAll(path, "acled");
    expect(file.layout).toBe("acled-hxl");
    expect(accepted.map((row) => row.line)).toEqual([3]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.line).toBe(4);
    expect(rejected[0]?.reason).toMatch(/^latitude: .*90.*\("95"\)$/);
  });
});

describe("bad ACLED rows are rejected with their line, and reading goes on", () => {
  it("names the column and the line for each kind of problem", async () => {
    const rows = [
      acledCells({ event_id_cnty: "ARM1", event_date: "31/02/2021" }),
      acledCells({ event_id_cnty: "ARM2", longitude: "181.5" }),
      acledCells({ event_id_cnty: "ARM3", fatalities: "ten" }),
      acledCells({ event_id_cnty: "ARM4", event_type: "Skirmish" }),
      acledCells({ event_id_cnty: "ARM5", sub_event_type: "Grenade" }),
      acledCells({ event_id_cnty: "ARM6", notes: "A note\nover two lines" }),
      acledCells({ event_id_cnty: "ARM7", inter1: "Bandits" }),
      acledCells({ event_id_cnty: "ARM8", time_precision: "4" }),
      acledCells({ event_id_cnty: "ARM9", disorder_type: "Unrest" }),
      acledCells({ event_id_cnty: "", notes: "no id" }),
      acledCells({ event_id_cnty: "ARM10", latitude: "" }),
      acledCells({ event_id_cnty: "ARM11", fatalities: "-2" }),
    ];
    const truncated = "ARM12,2023-04-24,2023,1,Political violence,Battles";
    const { accepted, rejected } = await readAll(tempFile(acledCsv(rows) + truncated), "acled");
    expect(accepted.map((row) => [row.line, row.record.externalIds.acled])).toEqual([[7, "ARM6"]]);
    expect(rejected.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15]);
    const reasons = rejected.map((row) => row.reason);
    expect(reasons[0]).toBe('event_date: "31/02/2021" is not a date');
    expect(reasons[1]).toMatch(/^longitude: .*180/);
    expect(reasons[2]).toBe('fatalities: "ten" is not a whole number');
    expect(reasons[3]).toBe('event_type: "Skirmish" is not an ACLED event type');
    expect(reasons[4]).toBe('sub_event_type: "Grenade" is not an ACLED sub-event type of Battles');
    expect(reasons[5]).toBe('inter1: "Bandits" is not an ACLED actor type');
    expect(reasons[6]).toBe('time_precision: "4" is not 1, 2 or 3');
    expect(reasons[7]).toMatch(/^disorder_type: /);
    expect(reasons[8]).toBe("event_id_cnty: empty: every ACLED event has an id");
    expect(reasons[9]).toMatch(/^latitude: a position needs both/);
    expect(reasons[10]).toMatch(/^fatalities: /);
    expect(reasons[11]).toMatch(/^the row has 6 of the 31 columns/);
  });

  it("reports an unclosed quote where it opens and stops there", async () => {
    const text = `${acledCsv([acledCells()])}ARM2,2023-04-24,2023,1,"Political violence\nmore\n`;
    const { accepted, rejected } = await readAll(tempFile(text), "acled");
    expect(accepted).toHaveLength(1);
    expect(rejected).toEqual([
      {
        line: 3,
        reason: "reading stopped here: a quoted field opened on this line never closes",
        stopsReading: true,
      },
    ]);
  });
});
