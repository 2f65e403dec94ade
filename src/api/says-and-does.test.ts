import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../store/database.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedExtractedClaims } from "../test-support/extracted-claims-fixture.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";
import { buildServer } from "./server.js";

/** The "says and does" routes through the server: validated queries, response schemas, 404s. */

const p = "sadapi";

describeEachDatabase("says and does routes", (open) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    await seedSearchFixture(database.db, p);
    await seedExtractedClaims(database.db, p);
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("answers a party's claims and threats per month, passage offsets included", async () => {
    const response = await app.inject(`/api/parties/${p}-azerbaijan/says-and-does?from=2023-01-01`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.claims.map((c: { claimType: string }) => c.claimType)).toEqual([
      "commits",
      "threatens",
      "denies",
    ]);
    expect(body.claims[0]).toMatchObject({ documentId: `${p}-en-many`, spanStart: 0, spanEnd: 40 });
    expect(body.threatsPerMonth).toEqual([{ month: "2023-04", count: 1 }]);
  });

  it("answers a commitment's claims by party", async () => {
    const response = await app.inject(`/api/commitments/${p}-commitment/says-and-does`);
    expect(response.statusCode).toBe(200);
    expect(response.json().claims).toHaveLength(3);
  });

  it("refuses a range that ends before it starts, and answers 404 for an unknown party", async () => {
    const backwards = await app.inject(
      `/api/parties/${p}-armenia/says-and-does?from=2023-02-01&to=2023-01-01`,
    );
    expect(backwards.statusCode).toBe(400);
    expect((await app.inject(`/api/parties/${p}-nobody/says-and-does`)).statusCode).toBe(404);
  });

  it("is described in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject("/api/openapi.json")).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/api/parties/{id}/says-and-does", "/api/commitments/{id}/says-and-does"]),
    );
  });
});
