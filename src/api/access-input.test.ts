import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { repositories } from "../store/repository.js";
import { corridorDirections, names, seedAccessProcess } from "../test-support/access-fixture.js";
import { type TestAccount, testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { buildServer } from "./server.js";

/**
 * Bad input at crossing places, through the HTTP server on both databases: each refused with a 400
 * naming the field, nothing half-written; and a direction raced against a count that uses it.
 */

describeEachDatabase("access input", (open) => {
  let database: Database;
  let app: FastifyInstance;
  // An administrator: the only role that corrects published field work (the seeded crossing place).
  let administrator: TestAccount;
  const send = async (method: "POST" | "PATCH", url: string, payload: unknown) => {
    const response = await app.inject({
      method,
      url,
      payload: payload as object,
      headers: administrator.headers,
    });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    database = await open();
    await seedAccessProcess(database.db);
    administrator = await testAccount(database.db, "administrator");
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe("bad input is refused with the field's path, nothing written", () => {
    const observation = (over: Record<string, unknown>) => ({
      processId: "ax",
      placeId: "ax-corridor",
      observedOn: "2023-06-01",
      status: "restricted",
      ...over,
    });
    const refused = async (
      method: "POST" | "PATCH",
      url: string,
      payload: unknown,
      path: string,
      message?: RegExp,
    ) => {
      const { status, body } = await send(method, url, payload);
      expect(status).toBe(400);
      const detail = body.error.details.find((d: { path: string }) => d.path === path);
      expect(detail, JSON.stringify(body)).toBeDefined();
      if (message) expect(detail.message).toMatch(message);
    };
    const countObservations = () => repositories.accessObservations.count(database.db, { processId: "ax" });

    it("an observation with a negative count, a status outside the list or a count with no number", async () => {
      const before = await countObservations();
      const count = { direction: "to-armenia", category: "civilian" };
      await refused(
        "POST",
        "/api/access-observations",
        observation({ counts: [{ ...count, persons: -1 }] }),
        "counts.0.persons",
      );
      await refused(
        "POST",
        "/api/access-observations",
        observation({ counts: [{ ...count, cargoTonnes: -0.5 }] }),
        "counts.0.cargoTonnes",
      );
      await refused("POST", "/api/access-observations", observation({ status: "blocked" }), "status");
      await refused("POST", "/api/access-observations", observation({ counts: [count] }), "counts.0");
      await refused(
        "POST",
        "/api/access-observations",
        observation({ counts: [{ ...count, category: "tourism", persons: 1 }] }),
        "counts.0.category",
      );
      await refused(
        "POST",
        "/api/access-observations",
        observation({
          counts: [
            { ...count, persons: 1 },
            { ...count, vehicles: 1 },
          ],
        }),
        "counts.1.category",
      );
      expect(await countObservations()).toBe(before);
    });

    it("a count in a direction the place does not define, on create and on update", async () => {
      const before = await countObservations();
      await refused(
        "POST",
        "/api/access-observations",
        observation({ counts: [{ direction: "to-baku", category: "civilian", persons: 3 }] }),
        "counts.0.direction",
        /"to-baku" is not a direction of place "ax-corridor" \(its directions are to-stepanakert, to-armenia\)/,
      );
      expect(await countObservations()).toBe(before);
      await refused(
        "PATCH",
        "/api/access-observations/ax-o4",
        { counts: [{ direction: "inbound", category: "civilian", persons: 3 }] },
        "counts.0.direction",
      );
      // Moving an observation with counts to a place that has no directions is the same mistake.
      await refused(
        "PATCH",
        "/api/access-observations/ax-o4",
        { placeId: "ax-town" },
        "counts.0.direction",
        /defines no direction/,
      );
      const kept = await repositories.accessObservations.get(database.db, "ax-o4");
      expect(kept).toMatchObject({
        placeId: "ax-corridor",
        counts: [{ direction: "to-stepanakert" }, { direction: "to-armenia" }],
      });
    });

    it("removing a direction that observations count in; an unused one can go", async () => {
      await refused(
        "PATCH",
        "/api/places/ax-corridor",
        { directions: [corridorDirections[0]] },
        "directions",
        /"to-armenia" is counted in 1 access observation \("ax-o4"\)/,
      );
      expect(
        (await repositories.places.get(database.db, "ax-corridor"))?.directions.map((d) => d.key),
      ).toEqual(["to-stepanakert", "to-armenia"]);
      const extra = { key: "to-lachin", names: names("towards Lachin") };
      expect(
        (await send("PATCH", "/api/places/ax-corridor", { directions: [...corridorDirections, extra] }))
          .status,
      ).toBe(200);
      expect(
        (await send("PATCH", "/api/places/ax-corridor", { directions: corridorDirections })).status,
      ).toBe(200);
    });

    it("a place whose geometry or directions are malformed", async () => {
      const place = (over: Record<string, unknown>) => ({
        processId: "ax",
        kind: "checkpoint",
        names: names("Bad"),
        latitude: 39.7,
        longitude: 46.6,
        ...over,
      });
      const before = await repositories.places.count(database.db, { processId: "ax" });
      await refused(
        "POST",
        "/api/places",
        place({ geometry: { type: "LineString", coordinates: [[46.5, 39.6]] } }),
        "geometry.coordinates",
      );
      await refused(
        "POST",
        "/api/places",
        place({ geometry: { type: "Point", coordinates: [200, 39.6] } }),
        "geometry.coordinates.0",
      );
      await refused(
        "POST",
        "/api/places",
        place({ geometry: { type: "Point", coordinates: [46.5, 91] } }),
        "geometry.coordinates.1",
      );
      await refused(
        "POST",
        "/api/places",
        place({ geometry: { type: "Polygon", coordinates: [] } }),
        "geometry.type",
      );
      await refused(
        "POST",
        "/api/places",
        place({
          latitude: undefined,
          longitude: undefined,
          geometry: { type: "Point", coordinates: [46.5, 39.6] },
        }),
        "latitude",
      );
      await refused(
        "POST",
        "/api/places",
        place({ directions: [{ key: "To Baku", names: names("x") }] }),
        "directions.0.key",
      );
      await refused(
        "POST",
        "/api/places",
        place({
          directions: [
            { key: "a", names: names("x") },
            { key: "a", names: names("y") },
          ],
        }),
        "directions.1.key",
      );
      expect(await repositories.places.count(database.db, { processId: "ax" })).toBe(before);
    });

    it("a commitment naming a place that does not exist", async () => {
      await refused(
        "POST",
        "/api/commitments",
        {
          processId: "ax",
          title: "x",
          obligorPartyIds: ["ax-am"],
          action: "Do",
          placeIds: ["no-such-place"],
        },
        "placeIds",
      );
    });
  });

  it("keeps a direction and the counts in it consistent when both change at once", async () => {
    for (let round = 0; round < 6; round++) {
      const key = `race-${round}`;
      // Directions an earlier round's observation won stay: only this round's key is raced for.
      const current = (await repositories.places.get(database.db, "ax-corridor"))?.directions ?? [];
      const added = await send("PATCH", "/api/places/ax-corridor", {
        directions: [...current, { key, names: names(key) }],
      });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      const [created, removed] = await Promise.all([
        send("POST", "/api/access-observations", {
          processId: "ax",
          placeId: "ax-corridor",
          observedOn: "2023-07-01",
          status: "open",
          counts: [{ direction: key, category: "civilian", persons: 1 }],
        }),
        send("PATCH", "/api/places/ax-corridor", { directions: current }),
      ]);
      const place = await repositories.places.get(database.db, "ax-corridor");
      const defined = place?.directions.some((d) => d.key === key);
      // Exactly one of the two wins: a count never names a direction the place no longer has.
      if (created.status === 201) expect([removed.status, defined]).toEqual([400, true]);
      else expect([created.status, removed.status, defined]).toEqual([400, 200, false]);
    }
  });
});
