import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SearchResponse } from "../domain/search.js";
import type { Database } from "../store/database.js";
import { fetchAs, type TestAccount, testAccount } from "../test-support/accounts.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { seedSearchFixture } from "../test-support/search-fixture.js";
import { buildServer } from "./server.js";

/** GET /api/search through the real HTTP server: the answer's shape, the caller's view, bad queries. */

const p = "srch-api";

describeEachDatabase("GET /api/search", (open) => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let monitor: TestAccount;
  beforeAll(async () => {
    database = await open();
    await seedSearchFixture(database.db, p);
    monitor = await testAccount(database.db, "monitor");
    app = await buildServer({ database, webFolder: "/nonexistent", rateLimit: false });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (query: string, account?: TestAccount) => fetchAs(account)(`${base}/api/search?${query}`);
  const answer = async (query: string, account?: TestAccount) => {
    const response = await get(query, account);
    expect(response.status, query).toBe(200);
    return SearchResponse.parse(await response.json());
  };

  it("answers ranked summaries with snippets and facets, in the declared shape", async () => {
    const found = await answer(`q=${encodeURIComponent("negotiations")}&processId=${p}`);
    const ids = found.results.map((r) => r.id);
    expect([...ids].sort()).toEqual([`${p}-en-body`, `${p}-en-title`, `${p}-meeting`]);
    expect(ids.indexOf(`${p}-en-title`)).toBeLessThan(ids.indexOf(`${p}-en-body`));
    const first = found.results.find((r) => r.id === `${p}-en-title`);
    expect(first).toMatchObject({ kind: "documents", url: `/documents/${p}-en-title`, language: "en" });
    expect(first?.snippet.every((s) => typeof s.text === "string")).toBe(true);
    // Summaries only: no full text of any record travels in a search answer.
    expect(JSON.stringify(found)).not.toContain(
      "Both sides said the meeting was useful and agreed to meet again",
    );
    expect(found.facets.kind).toEqual([
      { value: "documents", count: 2 },
      { value: "meetings", count: 1 },
    ]);
  });

  it("shows the public published records only, and staff the drafts", async () => {
    const query = `q=quokkaword&processId=${p}`;
    expect((await answer(query)).results).toEqual([]);
    expect((await answer(query, monitor)).results.map((r) => r.id)).toEqual([`${p}-draft`]);
  });

  it("finds a name in any script with its kind filter", async () => {
    const found = await answer(`q=${encodeURIComponent("Ստեփանակերտ")}&kind=places`);
    expect(found.results.map((r) => [r.kind, r.id, r.url])).toEqual([
      ["places", `${p}-stepanakert`, `/places/${p}-stepanakert`],
    ]);
  });

  it("refuses a query it cannot run, in the one error shape", async () => {
    for (const query of [
      "",
      "q=",
      `q=${"x".repeat(201)}`,
      "q=a&limit=51",
      "q=a&kind=secrets",
      "q=a&from=2023-02-30",
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error?: { code?: string } };
      expect(body.error?.code, query).toBeTruthy();
    }
  });

  it("is described in the OpenAPI document", async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toContain("/api/search");
  });
});
