import { parse as parseCsv } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acledCurrentColumns } from "../ingest/acled-columns.js";
import type { Database } from "../store/database.js";
import {
  createPublished,
  type StaffAccounts,
  sendAs,
  staffAccounts,
  type TestAccount,
  testAccount,
} from "../test-support/accounts.js";
import { openPgliteForTest } from "../test-support/databases.js";
import { freshId, partyBody } from "../test-support/fixtures.js";
import { buildServer } from "./server.js";

/**
 * Issue #9, item 5: a published reply stands beside what it answers in the exports too (CSV on
 * request, GeoJSON, Atom, OGC items); an unpublished reply, or one to a record no longer public, not.
 */

const processId = freshId("export-replies");
const north = freshId("export-north");

const incidentBody = (title: string) => ({
  id: freshId("export-incident"),
  processId,
  title,
  monitoringType: "ceasefire_violation",
  startDate: "2024-04-01",
  latitude: 39.8,
  longitude: 46.7,
  actors: [{ partyId: north, role: "alleged_perpetrator" }],
});

describe("replies in the exports", () => {
  let database: Database;
  let app: FastifyInstance;
  let base: string;
  let staff: StaffAccounts;
  let northRep: TestAccount;
  const ids = { answered: "", replyRetracted: "", recordRetracted: "" };
  const said = "Our positions held their fire; see the joint log.";
  const withdrawn = "A reply its party withdrew.";
  const orphan = "A reply to an incident later retracted.";

  const reply = async (incidentId: string, text: string) => {
    const response = await sendAs(northRep, "POST", `${base}/api/replies`, {
      answers: { kind: "incidents", id: incidentId },
      text,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    database = await openPgliteForTest();
    app = await buildServer({
      database,
      webFolder: "/nonexistent",
      rateLimit: false,
      webhookDeliveries: false,
    });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    staff = await staffAccounts(database.db);
    await createPublished(base, "processes", { id: processId, name: "Exports", slug: processId }, staff);
    await createPublished(base, "parties", { ...partyBody(north), processId, shortName: "North" }, staff);
    northRep = await testAccount(database.db, "party_representative", { partyId: north });
    ids.answered = (await createPublished(base, "incidents", incidentBody("Answered incident"), staff)).id;
    await reply(ids.answered, said);
    ids.replyRetracted = (
      await createPublished(base, "incidents", incidentBody("Withdrawn reply"), staff)
    ).id;
    const withdrawnId = await reply(ids.replyRetracted, withdrawn);
    const retract = await sendAs(northRep, "POST", `${base}/api/replies/${withdrawnId}/retract`, {
      reason: "replaced by a joint statement",
    });
    expect(retract.status).toBe(200);
    ids.recordRetracted = (
      await createPublished(base, "incidents", incidentBody("Retracted incident"), staff)
    ).id;
    await reply(ids.recordRetracted, orphan);
    const gone = await sendAs(staff.mediator, "POST", `${base}/api/incidents/${ids.recordRetracted}/review`, {
      action: "retract",
      reason: "a duplicate",
    });
    expect(gone.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const rowsOf = (text: string) =>
    parseCsv(
      text
        .split("\n")
        .filter((line) => !line.startsWith("#"))
        .join("\n"),
      { columns: true },
    ) as Record<string, string>[];

  it("CSV: ACLED's layout unchanged by default; a last replies column on request", async () => {
    const plain = await (await fetch(`${base}/api/incidents.csv?processId=${processId}`)).text();
    expect(plain.split("\n")[0]).toBe(acledCurrentColumns.join(","));
    expect(plain).not.toContain(said);

    const text = await (await fetch(`${base}/api/incidents.csv?processId=${processId}&replies=true`)).text();
    expect(text.split("\n")[0]).toBe([...acledCurrentColumns, "replies"].join(","));
    const rows = rowsOf(text);
    const answered = rows.find((row) => row.replies?.includes(said));
    expect(answered?.replies).toMatch(new RegExp(`^North: ${said} \\(\\d{4}-\\d\\d-\\d\\d\\)$`));
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => row.replies === "")).toHaveLength(1);
    expect(text).not.toContain(withdrawn);
    expect(text).not.toContain(orphan);
  });

  it("GeoJSON: a replies array on every feature, published replies only", async () => {
    const body = (await (await fetch(`${base}/api/incidents.geojson?processId=${processId}`)).json()) as {
      features: { id: string; properties: { replies: { party: string; text: string }[] } }[];
    };
    const byId = new Map(body.features.map((f) => [f.id, f.properties.replies]));
    expect(byId.get(ids.answered)).toMatchObject([{ party: "North", partyId: north, text: said }]);
    expect(byId.get(ids.replyRetracted)).toEqual([]);
    expect(byId.has(ids.recordRetracted)).toBe(false);
  });

  it("Atom: the reply in its incident's entry, and as an entry of its own", async () => {
    const feed = await (await fetch(`${base}/api/incidents.atom?process=${processId}`)).text();
    expect(feed).toContain(`Reply by North (`);
    expect(feed).toContain(`<title type="text">Reply by North: Answered incident</title>`);
    expect(feed.split(said).length - 1).toBe(2);
    expect(feed).not.toContain(withdrawn.slice(0, 20));
    expect(feed).not.toContain(orphan.slice(0, 20));
  });

  it("OGC API – Features: a replies property on incident items", async () => {
    const page = (await (await fetch(`${base}/ogc/collections/incidents/items?limit=100`)).json()) as {
      features: { id: string; properties: { replies: { text: string }[] } }[];
    };
    const answered = page.features.find((f) => f.id === ids.answered);
    expect(answered?.properties.replies.map((r) => r.text)).toEqual([said]);
    expect(page.features.find((f) => f.id === ids.replyRetracted)?.properties.replies).toEqual([]);
    const one = (await (await fetch(`${base}/ogc/collections/incidents/items/${ids.answered}`)).json()) as {
      properties: { replies: { text: string }[] };
    };
    expect(one.properties.replies.map((r) => r.text)).toEqual([said]);
  });
});
