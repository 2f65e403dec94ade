import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uuidV5, xmlText } from "../services/atom.js";
import { setLicencePublicUse } from "../services/licence-policy.js";
import { repositories } from "../store/repository.js";
import { describeEachDatabase } from "../test-support/databases.js";
import { type PublicOutputServer, startPublicOutputServer } from "../test-support/public-outputs-fixture.js";

/** The Atom feed of published incidents (RFC 4287), through the real HTTP server. */

interface Entry {
  id: string;
  title: { "#text": string };
  updated: string;
  published: string;
  link: { "@_href": string; "@_rel": string };
  summary: { "#text": string };
  content?: { "#text": string };
  author: { name: string };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === "entry" || name === "link",
});

async function feed(url: string) {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type") ?? "", text };
}

function parse(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = parser.parse(text).feed;
  const entries = (doc.entry ?? []).map((e: Entry & { link: Entry["link"][] }) => ({
    ...e,
    link: e.link[0],
  }));
  return { doc, entries: entries as Entry[] };
}

const incidentIdOf = (entry: Entry) => entry.link["@_href"].split("/incidents/")[1];

describeEachDatabase("Atom feed of incidents", (open) => {
  let s: PublicOutputServer;
  beforeAll(async () => {
    s = await startPublicOutputServer(await open());
    // Changed last, so it leads the feed.
    await repositories.incidents.update(
      s.database.db,
      "ogc-own-05",
      { title: "Changed <last> & first" },
      "test",
    );
  }, 120_000);
  afterAll(async () => s?.close());

  it("is valid Atom: feed id, title, updated, self link, entries newest first", async () => {
    const answer = await feed(`${s.base}/api/incidents.atom`);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/atom\+xml/);
    const { doc, entries } = parse(answer.text);
    expect(doc["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(doc.title["#text"]).toBe("Peacetrack: incidents");
    expect(doc.link.find((l: { "@_rel": string }) => l["@_rel"] === "self")["@_href"]).toBe(
      `${s.base}/api/incidents.atom`,
    );
    expect(entries[0]?.title["#text"]).toBe("Changed <last> & first");
    expect(doc.updated).toBe(entries[0]?.updated);
    const updated = entries.map((e) => Date.parse(e.updated));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(Date.parse(entry.published)).not.toBeNaN();
      expect(entry.author.name).toBeTruthy();
      expect(entry.link["@_href"]).toMatch(new RegExp(`^${s.base}/incidents/`));
    }
    // The id is stable: derived from the record's id, not from the address or the time.
    const first = entries[0] as Entry;
    expect(first.id).toBe(`urn:uuid:${uuidV5("peacetrack:incident:ogc-own-05")}`);
    // Text is escaped and bounded; a control character in a description does not reach the XML.
    expect(answer.text.includes("\u0001")).toBe(false);
    const content = entries.find((e) => incidentIdOf(e) === "ogc-own-01")?.content?.["#text"] ?? "";
    expect(content).toMatch(/^Shelling reported near the village <0> & "quotes"/);
    expect(content.length).toBeLessThanOrEqual(4001);
  });

  it("lists published incidents only: no drafts, no machine-coded signals, no count-only licences", async () => {
    const { doc, entries } = parse((await feed(`${s.base}/api/incidents.atom`)).text);
    const ids = entries.map(incidentIdOf);
    expect(ids).toContain("ogc-no-position");
    expect(ids).toContain("ogc-ucdp");
    for (const absent of ["ogc-draft", "ogc-gdelt-signal", "ogc-acled"]) expect(ids).not.toContain(absent);
    expect(doc.subtitle["#text"]).toMatch(/1 further incident\(s\) under "ACLED Terms of Use" are counted/);
    expect(doc.rights["#text"]).toMatch(/ACLED/);
    expect(doc.rights["#text"]).toMatch(/UCDP/);

    await setLicencePublicUse(s.database.db, "acled", "include", "test");
    const after = parse((await feed(`${s.base}/api/incidents.atom`)).text);
    expect(after.entries.map(incidentIdOf)).toContain("ogc-acled");
    await setLicencePublicUse(s.database.db, "acled", "count_only", "test");
  });

  it("filters by process; an unknown process is 404 and a malformed one 400, in the error shape", async () => {
    const { entries } = parse((await feed(`${s.base}/api/incidents.atom?process=nk-2020`)).text);
    expect(entries.length).toBeGreaterThan(10);
    const unknown = await feed(`${s.base}/api/incidents.atom?process=no-such-process`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).error.code).toBe("not_found");
    const bad = await feed(`${s.base}/api/incidents.atom?process=%3Cx%3E`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe("validation_failed");
  });
});

it("escapes XML and drops characters XML 1.0 cannot carry", () => {
  expect(xmlText(`a<b>&"c"'d'\u0000\u0008\uFFFE\uD800 e\u{1F600}`)).toBe(
    "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; e\u{1F600}",
  );
  expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
    "2ed6657d-e927-568b-95e1-2665a8aea6a2",
  );
});
