import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayNumber } from "../domain/compliance.js";
import { PlaceAccess } from "../domain/corridor.js";
import { createRecord } from "../services/records.js";
import type { Database } from "../store/database.js";
import { actor, corridorDirections, seedAccessProcess } from "../test-support/access-fixture.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { countQueries } from "../test-support/query-counter.js";
import { buildServer } from "./server.js";

/**
 * GET /api/places/:id/access and the overview's restricted corridors through the HTTP server, on both
 * databases (bad input: access-input.test.ts).
 */

describeEachDatabase("place access", (open) => {
  let database: Database;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const response = await app.inject({ method: "GET", url });
    return { status: response.statusCode, body: response.json() };
  };
  const access = async (asOf: string) => {
    const { status, body } = await get(`/api/places/ax-corridor/access?asOf=${asOf}`);
    expect(status).toBe(200);
    return PlaceAccess.parse(body);
  };

  beforeAll(async () => {
    database = await open();
    await seedAccessProcess(database.db);
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe("the access read", () => {
    it("gives the place with its shape and directions, and 'location unknown' for a place without coordinates", async () => {
      const read = await access("2023-01-20");
      expect(read.place).toMatchObject({
        kind: "corridor",
        location: { known: true, latitude: 39.7, longitude: 46.6 },
        geometry: {
          type: "LineString",
          coordinates: [
            [46.5, 39.6],
            [46.75, 39.82],
          ],
        },
        directions: corridorDirections,
      });
      const checkpoint = PlaceAccess.parse(
        (await get("/api/places/ax-checkpoint/access?asOf=2023-01-20")).body,
      );
      expect(checkpoint.place.location).toEqual({ known: false, note: "location unknown" });
      expect(JSON.stringify(checkpoint.place)).not.toMatch(/"latitude":0|"longitude":0/);
    });

    it("shows every reporter's observation of a day side by side, the day contested", async () => {
      const read = await access("2023-01-20");
      const day = read.observationsByDate.find((d) => d.date === "2022-12-12");
      expect(day?.status).toBe("contested");
      expect(day?.observations.map((o) => [o.reportedByPartyId, o.status]).sort()).toEqual([
        ["ax-am", "closed"],
        ["ax-az", "open"],
      ]);
      expect(read.parties.map((p) => p.id)).toEqual(["ax-am", "ax-az", "ax-icrc"]);
    });

    it("counts day N of the restriction as of the date, and the period after a reopening", async () => {
      expect((await access("2023-01-20")).dayCounter).toMatchObject({
        state: "restricted",
        day: 40,
        statusOnDay: "unknown",
      });
      expect((await access("2022-12-12")).dayCounter).toMatchObject({
        state: "restricted",
        day: 1,
        statusOnDay: "contested",
      });
      expect((await access("2022-12-01")).dayCounter).toMatchObject({ state: "no_data", day: null });
      const reopened = (await access("2023-03-01")).dayCounter;
      expect(reopened).toMatchObject({
        state: "reopened",
        period: { start: "2022-12-12", end: "2023-01-31", days: 51 },
      });
      // The checkpoint's incident, on a child of the corridor, restricts the corridor again.
      expect((await access("2023-05-01")).dayCounter).toMatchObject({ state: "restricted", day: 9 });
    });

    it("gives the band and the periods as known through the latest report, and the traffic per reporter", async () => {
      const read = await access("2023-01-20");
      // The band runs past the as-of date to the latest report (the checkpoint's incident).
      expect(read.through).toBe("2023-04-23");
      expect(read.statusBand[0]).toEqual({ from: "2022-12-11", to: "2022-12-11", status: "open", days: 1 });
      expect(read.periods[0]).toMatchObject({
        start: "2022-12-12",
        ongoing: false,
        reopenedOn: "2023-02-01",
      });
      expect(read.periods[1]).toMatchObject({ start: "2023-04-23", ongoing: true });
      expect(read.traffic).toEqual([
        {
          date: "2022-12-11",
          category: "civilian",
          direction: "to-stepanakert",
          persons: 1200,
          vehicles: null,
          cargoTonnes: null,
          reportedByPartyId: "ax-am",
          observationId: "ax-o1",
        },
        {
          date: "2023-01-05",
          category: "humanitarian",
          direction: "to-stepanakert",
          persons: null,
          vehicles: 10,
          cargoTonnes: 120.5,
          reportedByPartyId: "ax-icrc",
          observationId: "ax-o4",
        },
        {
          date: "2023-01-05",
          category: "medical_evacuation",
          direction: "to-armenia",
          persons: 5,
          vehicles: null,
          cargoTonnes: null,
          reportedByPartyId: "ax-icrc",
          observationId: "ax-o4",
        },
      ]);
    });

    it("lists the incidents on the place and its children, and the commitments governing it with each obligor's latest assessment", async () => {
      const read = await access("2023-02-15");
      expect(read.incidents.map((i) => [i.id, i.effect])).toEqual([
        ["ax-reopened", "reopening"],
        ["ax-checkpoint-installed", "restriction"],
      ]);
      expect(read.commitments).toHaveLength(1);
      expect(read.commitments[0]?.obligors).toEqual([
        {
          partyId: "ax-az",
          assessment: expect.objectContaining({ id: "ax-a1", level: 1, asOf: "2023-01-10" }),
        },
        { partyId: "ax-am", assessment: null },
      ]);
      const later = await access("2023-03-02");
      expect(later.commitments[0]?.obligors[0]?.assessment).toMatchObject({
        id: "ax-a2",
        level: 0,
        reversed: true,
      });
    });

    it("reads by sets: more observations, incidents and commitments cost no more queries", async () => {
      const counter = countQueries(database);
      try {
        await access("2023-01-20");
        const before = counter.count;
        for (let i = 0; i < 5; i++) {
          await createRecord(
            database.db,
            "accessObservations",
            {
              processId: "ax",
              placeId: "ax-corridor",
              observedOn: `2023-03-1${i}`,
              status: "open",
              reportedByPartyId: "ax-icrc",
            },
            actor,
          );
          await createRecord(
            database.db,
            "incidents",
            {
              processId: "ax",
              title: `more ${i}`,
              monitoringType: "ceasefire_violation",
              placeId: "ax-checkpoint",
              startDate: `2023-03-1${i}`,
            },
            actor,
          );
          await createRecord(
            database.db,
            "commitments",
            {
              processId: "ax",
              title: `more ${i}`,
              obligorPartyIds: ["ax-am"],
              action: "Do",
              placeIds: ["ax-corridor", "ax-town"],
            },
            actor,
          );
        }
        counter.reset();
        const read = await access("2023-01-20");
        expect(read.commitments).toHaveLength(6);
        expect(counter.count).toBe(before);
        expect(counter.count).toBeLessThanOrEqual(12);
      } finally {
        counter.stop();
      }
    });

    it("answers 404 for an unknown place and 400 for an as-of date in the future or not a date", async () => {
      expect((await get("/api/places/no-such-place/access")).status).toBe(404);
      expect((await get("/api/places/ax-corridor/access?asOf=2999-01-01")).status).toBe(400);
      expect((await get("/api/places/ax-corridor/access?asOf=2023-02-30")).status).toBe(400);
    });
  });

  describe("the overview", () => {
    it("lists every corridor and checkpoint in a restriction today, with its day count", async () => {
      const { status, body } = await get("/api/processes/ax/overview");
      expect(status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const day = dayNumber(today) - dayNumber("2023-04-23") + 1;
      expect(body.restrictedCorridors).toEqual([
        expect.objectContaining({
          placeId: "ax-checkpoint",
          since: "2023-04-23",
          day,
          statusOnDay: "restricted",
        }),
        expect.objectContaining({ placeId: "ax-corridor", since: "2023-04-23", day }),
      ]);
    });
  });
});
