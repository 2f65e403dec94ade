import { describe, expect, it } from "vitest";
import type { IncidentPoints } from "../../domain/incident-points";
import { listQuery, pointsQuery, readMapState, withChange } from "./map-url";
import { namingParties, placeLabel } from "./place-names";
import {
  boundsOf,
  countDrawn,
  dayOf,
  haloRadiusAtZoom0,
  isoOfDay,
  mapFeatures,
  uncertaintyKm,
} from "./point-set";
import { pointsUrl, rangeOfPointsUrl } from "./points-protocol";
import { binStart, histogram, nextBinStart, unitForSpan } from "./timeline-bins";

/** The map page's pure parts: its address, its features, its histogram, its labels. */

const points: IncidentPoints = {
  count: 4,
  matched: 4,
  truncated: false,
  dictionaries: {
    monitoringType: ["ceasefire_violation", "blockade"],
    acledEventType: ["Battles"],
    verificationStatus: ["reported", "machine_coded"],
  },
  id: ["a", "b", "c", "d"],
  lon: [46.5, null, 45, 44],
  lat: [39.5, null, 40, 41],
  day: [dayOf("2023-01-01"), dayOf("2023-01-02"), dayOf("2023-01-10"), dayOf("2023-01-03")],
  monitoringType: [0, 1, 0, 1],
  acledEventType: [0, -1, -1, -1],
  verificationStatus: [0, 0, 0, 1],
  geoPrecision: [1, 1, 3, 2],
  wherePrecision: [0, 0, 0, 0],
  fromPlace: [0, 0, 0, 0],
  unlocated: { count: 1, first: [{ id: "b", title: "B", startDate: "2023-01-02" }] },
};

describe("the map's address", () => {
  it("reads filters and settings, leaving malformed ones out", () => {
    const state = readMapState(
      new URLSearchParams(
        "from=2023-01-01&to=soon&monitoringType=blockade&signals=1&colour=acled&names=armenia&view=46.5,39.8,7",
      ),
    );
    expect(state.filters).toEqual({ from: "2023-01-01", monitoringType: "blockade" });
    expect(state.settings).toEqual({
      signals: true,
      colourBy: "acled",
      namesOf: "armenia",
      view: { lon: 46.5, lat: 39.8, zoom: 7 },
    });
    expect(readMapState(new URLSearchParams("view=500,1,2")).settings.view).toBeUndefined();
  });

  it("writes a change and drops emptied parameters, keeping the rest", () => {
    const next = withChange(new URLSearchParams("from=2023-01-01&names=armenia&other=1"), {
      from: undefined,
      to: "2023-02-01",
      namesOf: "",
      view: { lon: 46.123456, lat: 39.5, zoom: 7.123 },
    });
    expect(next.toString()).toBe("other=1&to=2023-02-01&view=46.1235%2C39.5000%2C7.12");
  });

  it("asks the map's data without the dates the timeline brushes, and the table with them", () => {
    const state = readMapState(
      new URLSearchParams("from=2023-01-01&to=2023-02-01&allegedBy=armenia&signals=1"),
    );
    expect(pointsQuery(state)).toBe("allegedBy=armenia&signals=include");
    expect(listQuery("nk", state, 25)).toBe(
      "processId=nk&from=2023-01-01&to=2023-02-01&allegedBy=armenia&limit=25",
    );
  });
});

describe("the map's features", () => {
  it("draws located incidents, counts the rest, and keeps signals apart", () => {
    const all = mapFeatures(points, null);
    expect(all.incidents.features.map((f) => f.properties.i)).toEqual([0, 2]);
    expect(all.signals.features.map((f) => f.properties.i)).toEqual([3]);
    expect(all.unlocated).toBe(1);
    expect(all.incidents.features[0]?.properties.r).toBe(0);
    expect(all.incidents.features[1]?.properties.r).toBeGreaterThan(0);
    expect(all.incidents.features.map((f) => f.properties.h)).toEqual([0, 1]);
    const january = mapFeatures(points, [dayOf("2023-01-02"), dayOf("2023-01-05")]);
    expect(january.incidents.features).toEqual([]);
    expect(january.signals.features).toHaveLength(1);
    expect(january.unlocated).toBe(1);
  });

  it("draws one area for incidents sharing an uncertain position", () => {
    const twice = { ...points, lon: [45, null, 45, 44], lat: [40, null, 40, 41], geoPrecision: [3, 1, 3, 2] };
    expect(mapFeatures(twice, null).incidents.features.map((f) => f.properties.h)).toEqual([1, 0]);
  });

  it("never draws an uncertain position as exact", () => {
    expect(uncertaintyKm(1, 0)).toBe(0);
    expect(uncertaintyKm(2, 0)).toBeGreaterThan(0);
    expect(uncertaintyKm(3, 0)).toBeGreaterThan(uncertaintyKm(2, 0));
    expect(uncertaintyKm(1, 2)).toBe(25);
    expect(uncertaintyKm(1, 6)).toBeGreaterThan(uncertaintyKm(1, 4));
    // 10 km at the equator, zoom 0: 512 px span 40,075 km.
    expect(haloRadiusAtZoom0(10, 0)).toBeCloseTo((10 * 512) / 40_075.016686, 6);
    expect(haloRadiusAtZoom0(10, 60)).toBeCloseTo(2 * haloRadiusAtZoom0(10, 0), 6);
  });

  it("names a selection and a date range for the map's worker, open ends included", () => {
    const url = pointsUrl("7", [100, Number.POSITIVE_INFINITY], "signals");
    expect(url).toBe("peacetrack://points/7?from=100&to=&kind=signals");
    expect(rangeOfPointsUrl(url)).toEqual({
      key: "7",
      range: [100, Number.POSITIVE_INFINITY],
      kind: "signals",
    });
    expect(rangeOfPointsUrl(pointsUrl("8", null, "incidents"))).toEqual({
      key: "8",
      range: null,
      kind: "incidents",
    });
    expect(countDrawn(points, null)).toBe(3);
    expect(countDrawn(points, [dayOf("2023-01-02"), dayOf("2023-01-05")])).toBe(1);
  });

  it("frames the drawn positions", () => {
    expect(boundsOf(points)).toEqual([44, 39.5, 46.5, 41]);
    expect(boundsOf({ ...points, lon: [null, null, null, null], lat: [null, null, null, null] })).toBeNull();
    expect(isoOfDay(dayOf("2024-02-29"))).toBe("2024-02-29");
  });
});

describe("the timeline's histogram", () => {
  it("picks days, weeks or months by span, weeks from Monday, months from the 1st", () => {
    expect([unitForSpan(30), unitForSpan(400), unitForSpan(3000)]).toEqual(["day", "week", "month"]);
    expect(isoOfDay(binStart(dayOf("2023-01-04"), "week"))).toBe("2023-01-02");
    expect(isoOfDay(binStart(dayOf("2023-01-02"), "week"))).toBe("2023-01-02");
    expect(isoOfDay(binStart(dayOf("1969-12-31"), "week"))).toBe("1969-12-29");
    expect(isoOfDay(binStart(dayOf("2023-02-28"), "month"))).toBe("2023-02-01");
    expect(isoOfDay(nextBinStart(dayOf("2023-12-01"), "month"))).toBe("2024-01-01");
  });

  it("counts every day of the span, gaps included, signals apart", () => {
    const h = histogram(points.day, (i) => points.verificationStatus[i] === 1);
    expect(h?.unit).toBe("day");
    expect(h?.bins).toHaveLength(10);
    expect(h?.bins.map((b) => b.incidents + b.signals)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(h?.bins[2]).toMatchObject({ incidents: 0, signals: 1 });
    expect(h?.max).toBe(1);
    expect(histogram([], () => false)).toBeNull();
  });
});

describe("place labels", () => {
  const names = [
    { text: "Lachin", lang: "en", usedBy: ["azerbaijan"] },
    { text: "Berdzor", lang: "en", usedBy: ["armenia", "nk"] },
    { text: "Laçın", lang: "az", usedBy: ["azerbaijan"] },
  ];
  it("shows every side's names, or one party's, and says when that party has none", () => {
    expect(placeLabel(names, "")).toEqual({ text: "Lachin / Berdzor / Laçın", source: "all" });
    expect(placeLabel(names, "azerbaijan")).toEqual({ text: "Lachin / Laçın", source: "party" });
    expect(placeLabel(names, "armenia")).toEqual({ text: "Berdzor", source: "party" });
    expect(placeLabel(names, "russia")).toEqual({ text: "Lachin / Berdzor / Laçın", source: "fallback" });
    expect(placeLabel([...names, { text: "Corridor", lang: "en", usedBy: [] }], "russia")).toEqual({
      text: "Corridor",
      source: "unclaimed",
    });
    expect(namingParties([{ names }])).toEqual(["armenia", "azerbaijan", "nk"]);
  });
});
