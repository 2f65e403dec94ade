import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { acledCurrentColumns, incidentToAcledRow, writeAcledCsv } from "./acled-columns.js";
import { readAll, removeTempFiles } from "./fixtures/test-files.js";
import type { IncidentFromFile } from "./incident-file.js";

afterAll(removeTempFiles);

const fixture = fileURLToPath(new URL("./fixtures/acled-current.csv", import.meta.url));

/** A Writable that keeps what it is given, slowly, so the writer has to wait for "drain". */
function collector(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString("utf8") };
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe("writing ACLED's current layout", () => {
  it("gives back the same rows and columns for a file it read", async () => {
    const { accepted, rejected } = await readAll(fixture, "acled");
    expect(rejected).toEqual([]);
    const { out, text } = collector();
    const written = await writeAcledCsv(slowly(accepted.map((row) => row.record)), out);
    expect(written).toBe(5);
    const original = parse(readFileSync(fixture)) as string[][];
    const again = parse(text()) as string[][];
    expect(again[0]).toEqual([...acledCurrentColumns]);
    expect(again).toEqual(original);
  });

  it("quotes as RFC 4180 asks, ends lines with \\n and writes no byte-order mark", async () => {
    const { accepted } = await readAll(fixture, "acled");
    const record = accepted[0]?.record as IncidentFromFile;
    const { out, text } = collector();
    await writeAcledCsv([{ ...record, description: 'Said "no", then left,\nlater' }], out);
    const lines = text().split("\n");
    expect(text().startsWith("event_id_cnty,")).toBe(true);
    expect(text()).not.toContain("\r");
    expect(lines[1]).toContain(',"Said ""no"", then left,');
    expect(lines[2]).toMatch(/^later",1,,1682640000$/);
  });

  it("writes records made here, whose actors have roles but no ACLED side", async () => {
    const { accepted } = await readAll(fixture, "acled");
    const base = accepted[2]?.record as IncidentFromFile;
    const row = incidentToAcledRow({
      ...base,
      startPrecision: "hour",
      interactionCode: 60,
      fatalities: undefined,
      sourceUpdatedAt: undefined,
      actors: [
        { name: "Protesters (Armenia)", role: "perpetrator", typeCode: 6 },
        { partyId: "police", role: "target" },
      ],
    });
    expect(row).toMatchObject({
      actor1: "Protesters (Armenia)",
      inter1: "Protesters",
      actor2: "",
      interaction: "Protesters only",
      time_precision: "1",
      fatalities: "",
      timestamp: "",
    });
  });
});
