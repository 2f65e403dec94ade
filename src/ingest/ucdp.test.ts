import { afterAll, describe, expect, it } from "vitest";
import { readAll, removeTempFiles, tempFile, toCsv } from "./fixtures/test-files.js";
import { ucdpGedColumns } from "./layouts.js";

afterAll(removeTempFiles);

/** One invented GED event in the published layout; tests override what they need. */
function gedCells(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    id: "412345",
    relid: "AZE-2020-1-524-12",
    year: "2020",
    active_year: "1",
    code_status: "Clear",
    type_of_violence: "1",
    conflict_dset_id: "388",
    conflict_new_id: "388",
    conflict_name: "Azerbaijan: Nagorno-Karabakh",
    dyad_dset_id: "11444",
    dyad_new_id: "11444",
    dyad_name: "Government of Azerbaijan - Republic of Artsakh",
    side_a_dset_id: "373",
    side_a_new_id: "373",
    side_a: "Government of Azerbaijan",
    side_b_dset_id: "1136",
    side_b_new_id: "1136",
    side_b: "Republic of Artsakh",
    number_of_sources: "2",
    source_article: 'Agency A,2020-09-28,"Fighting near Tartar";\nAgency B,2020-09-29,"Shelling reported"',
    source_office: "Agency A;Agency B",
    source_date: "2020-09-28;2020-09-29",
    source_headline: "Fighting near Tartar",
    source_original: "Ministry of Defence",
    where_prec: "2",
    where_coordinates: "Tartar town",
    where_description: "near the town of Tartar",
    adm_1: "Tartar district",
    adm_2: "NA",
    latitude: "40.3417",
    longitude: "46.9306",
    geom_wkt: "POINT (46.9306 40.3417)",
    priogrid_gid: "187694",
    country: "Azerbaijan",
    country_id: "373",
    region: "Europe",
    event_clarity: "1",
    date_prec: "1",
    date_start: "2020-09-28 00:00:00.000",
    date_end: "2020-09-28 00:00:00.000",
    deaths_a: "2",
    deaths_b: "3",
    deaths_civilians: "0",
    deaths_unknown: "0",
    best: "5",
    high: "7",
    low: "5",
    gwnoa: "373",
    gwnob: "NA",
    ...overrides,
  };
}

const gedCsv = (rows: Record<string, string>[]) =>
  toCsv([[...ucdpGedColumns], ...rows.map((row) => ucdpGedColumns.map((column) => row[column] ?? ""))]);

describe("UCDP GED", () => {
  it("has the 49 published columns", () => {
    expect(ucdpGedColumns).toHaveLength(49);
  });

  it("maps an event, reading quoted fields over several lines and NA as missing", async () => {
    const rows = [gedCells(), gedCells({ id: "412346", type_of_violence: "3", side_b: "Civilians" })];
    const { file, accepted, rejected } = await readAll(tempFile(gedCsv(rows)), "ucdp");
    expect(file).toMatchObject({ dataset: "ucdp", layout: "ucdp-ged" });
    expect(rejected).toEqual([]);
    expect(accepted.map((row) => row.line)).toEqual([2, 4]);
    const [battle, oneSided] = accepted.map((row) => row.record);
    expect(battle).toMatchObject({
      title:
        "State-based conflict: Government of Azerbaijan - Republic of Artsakh — Tartar town, Azerbaijan (2020-09-28)",
      startDate: "2020-09-28",
      startPrecision: "day",
      fatalities: { best: 5, low: 5, high: 7 },
      ucdpWherePrecision: 2,
      geoPrecision: 2,
      latitude: 40.3417,
      longitude: 46.9306,
      admin1: "Tartar district",
      locationName: "Tartar town",
      locationDescription: "near the town of Tartar",
      region: "Europe",
      sourceNames: "Agency A;Agency B",
      civilianTargeting: false,
      verificationStatus: "reported",
      externalIds: { ucdp: "412345" },
      licence: "ucdp-cc-by-4.0",
    });
    expect(battle?.admin2).toBeUndefined();
    expect(battle?.endDate).toBeUndefined();
    expect(battle?.actors).toEqual([
      { name: "Government of Azerbaijan", role: "perpetrator", side: 1, associated: false },
      { name: "Republic of Artsakh", role: "target", side: 2, associated: false },
    ]);
    expect(battle?.description).toContain('Agency A,2020-09-28,"Fighting near Tartar";\nAgency B');
    expect(battle?.description).toContain("Deaths: side A 2, side B 3, civilians 0, unknown 0.");
    expect(oneSided).toMatchObject({ civilianTargeting: true });
  });

  it("keeps date ranges with their precision and leaves unknown deaths out", async () => {
    const row = gedCells({
      date_prec: "4",
      date_end: "2020-10-20",
      best: "NA",
      low: "NA",
      high: "NA",
      where_prec: "6",
    });
    const { accepted } = await readAll(tempFile(gedCsv([row])), "ucdp");
    expect(accepted[0]?.record).toMatchObject({
      startPrecision: "month",
      endDate: "2020-10-20",
      endPrecision: "month",
      geoPrecision: 3,
      ucdpWherePrecision: 6,
    });
    expect(accepted[0]?.record.fatalities).toBeUndefined();
  });

  it("rejects bad rows by line, naming the column", async () => {
    const rows = [
      gedCells({ low: "6" }),
      gedCells({ date_end: "2020-09-01" }),
      gedCells({ where_prec: "9" }),
      gedCells({ type_of_violence: "4" }),
      gedCells({ best: "many" }),
      gedCells({ date_start: "2020-13-01" }),
    ];
    const { accepted, rejected } = await readAll(tempFile(gedCsv(rows)), "ucdp");
    expect(accepted).toEqual([]);
    expect(rejected.map((row) => row.line)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(rejected.map((row) => row.reason.split(":")[0])).toEqual([
      "best/low/high",
      "date_end",
      "where_prec",
      "type_of_violence",
      "best",
      "date_start",
    ]);
  });
});
