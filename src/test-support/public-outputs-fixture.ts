import type { FastifyInstance } from "fastify";
import { buildServer } from "../api/server.js";
import { createSchema } from "../domain/entities.js";
import { seedFromFolder } from "../services/demo-data.js";
import type { Database } from "../store/database.js";
import { type NewRecord, repositories } from "../store/repository.js";

/**
 * The demo data plus incidents made for the public outputs' tests (OGC API, Atom): positioned and
 * not, under every licence, published and draft, machine-coded, ongoing, and one by the antimeridian.
 */

const process = "nk-2020";
const lachin = { latitude: 39.64, longitude: 46.55 };

type Input = Record<string, unknown> & { id: string };
const incident = (input: Input) =>
  createSchema("incidents").parse({
    processId: process,
    monitoringType: "ceasefire_violation",
    title: `Test incident ${input.id}`,
    ...input,
  }) as NewRecord<"incidents">;

/** Twelve served incidents on successive days: more than one default page of ten. */
export const dailyIds = Array.from({ length: 12 }, (_, i) => `ogc-own-${String(i + 1).padStart(2, "0")}`);

export const fixtureIncidents = [
  ...dailyIds.map((id, i) =>
    incident({
      id,
      startDate: `2023-03-${String(i + 1).padStart(2, "0")}`,
      latitude: 39.6 + i * 0.01,
      longitude: 46.5 + i * 0.01,
      fatalities: { best: i, low: 0, high: i + 1 },
      description: `Shelling reported near the village <${i}> & "quotes" \u0001 ${"long text ".repeat(600)}`,
    }),
  ),
  incident({ id: "ogc-ucdp", startDate: "2022-09-13", licence: "ucdp-cc-by-4.0", ...lachin }),
  incident({ id: "ogc-acled", startDate: "2023-05-01", licence: "acled", latitude: 39.8, longitude: 46.7 }),
  incident({
    id: "ogc-gdelt-signal",
    startDate: "2023-05-02",
    licence: "gdelt",
    verificationStatus: "machine_coded",
    ...lachin,
  }),
  incident({ id: "ogc-no-position", startDate: "2023-05-03", locationName: "Somewhere in the region" }),
  incident({ id: "ogc-draft", startDate: "2023-05-04", reviewState: "draft", ...lachin }),
  incident({
    id: "ogc-ongoing",
    startDate: "2022-12-12",
    ongoing: true,
    monitoringType: "blockade",
    latitude: 39.7,
    longitude: 46.6,
  }),
  incident({
    id: "ogc-pacific",
    startDate: "2021-01-01",
    endDate: "2021-01-05",
    latitude: -17,
    longitude: 179.5,
  }),
];

export const servedFixtureIds = [...dailyIds, "ogc-ucdp", "ogc-ongoing", "ogc-pacific"];

export interface PublicOutputServer {
  app: FastifyInstance;
  base: string;
  port: number;
  database: Database;
  close(): Promise<void>;
}

export async function startPublicOutputServer(database: Database): Promise<PublicOutputServer> {
  await seedFromFolder(database.db);
  await repositories.places.insertMany(
    database.db,
    [
      createSchema("places").parse({
        id: "ogc-checkpoint",
        processId: process,
        kind: "checkpoint",
        names: [{ text: "Test checkpoint", lang: "en" }],
        latitude: 39.66,
        longitude: 46.57,
      }) as NewRecord<"places">,
    ],
    "test",
  );
  await repositories.incidents.insertMany(database.db, fixtureIncidents, "test");
  const app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    app,
    port,
    base: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
