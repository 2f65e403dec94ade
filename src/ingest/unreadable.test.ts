import { afterAll, describe, expect, it } from "vitest";
import { acledCurrentColumns } from "./acled-columns.js";
import { readAcledDeletions } from "./acled-deletions.js";
import { acledCells, acledCsv, options, removeTempFiles, tempFile, toCsv } from "./fixtures/test-files.js";
import { UnreadableFileError } from "./incident-file.js";
import { ucdpGedColumns } from "./layouts.js";
import { openIncidentFile } from "./open-incident-file.js";

afterAll(removeTempFiles);

/** A PNG's signature and the start of its header chunk: what an upload of the wrong file looks like. */
const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5c, 0x72, 0xa8, 0x66,
]);

async function unreadable(content: string | Buffer, dataset: "acled" | "ucdp" | "gdelt" = "acled") {
  const error = await openIncidentFile(tempFile(content), dataset, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnreadableFileError);
  return error as UnreadableFileError;
}

describe("files that cannot be read", () => {
  it("refuses binary files, archives, UTF-16 and empty files with a reason", async () => {
    expect((await unreadable(png)).message).toMatch(/binary data/);
    expect((await unreadable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).message).toMatch(/ZIP/);
    expect((await unreadable(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).message).toMatch(/gzip/);
    expect((await unreadable(Buffer.from("\ufeffa,b\n", "utf16le"))).message).toMatch(/UTF-16/);
    expect((await unreadable("")).message).toMatch(/empty/);
  });

  it("refuses text without a delimiter", async () => {
    const error = await unreadable("Dear colleagues\nplease find the data attached\n");
    expect(error.message).toMatch(/no delimiter/);
  });

  it("names the columns each known layout expects for an unknown layout", async () => {
    const error = await unreadable(
      toCsv([
        ["date", "place", "what"],
        ["2023-04-23", "Goris", "shots"],
      ]),
    );
    expect(error.message).toMatch(/^unrecognised layout/);
    expect(error.expected?.["acled-current"]).toEqual([...acledCurrentColumns]);
    expect(error.expected?.["ucdp-ged"]).toEqual([...ucdpGedColumns]);
    expect(Object.keys(error.expected ?? {})).toEqual([
      "acled-current",
      "acled-2021",
      "acled-old",
      "acled-hxl",
      "ucdp-ged",
      "gdelt-1.0",
      "gdelt-2.0",
    ]);
  });

  it("says which dataset a file looks like when opened as another", async () => {
    const error = await unreadable(acledCsv([acledCells()]), "ucdp");
    expect(error.message).toMatch(/matches a known ACLED layout/);
    expect((await unreadable(acledCsv([acledCells()]), "gdelt")).message).toMatch(/no known GDELT layout/);
  });

  it("refuses a deletions file without event_id_cnty", async () => {
    const rows = readAcledDeletions(tempFile("id,deleted\n1,2\n"));
    await expect(rows.next()).rejects.toBeInstanceOf(UnreadableFileError);
  });
});

describe("ACLED deletions", () => {
  it("streams event ids with their deletion time, rejecting bad rows by line", async () => {
    const path = tempFile(
      toCsv([
        ["event_id_cnty", "deleted_timestamp"],
        ["ARM1001", "1682640000"],
        ["", "1682640000"],
        ["AZE2002", "yesterday"],
        ["AZE2003", ""],
      ]),
    );
    const rows = [];
    for await (const row of readAcledDeletions(path)) rows.push(row);
    expect(rows).toEqual([
      { line: 2, eventIdCnty: "ARM1001", deletedAt: "2023-04-28T00:00:00.000Z" },
      { line: 3, reason: "event_id_cnty: empty" },
      { line: 4, reason: 'deleted_timestamp: "yesterday" is not a whole number' },
      { line: 5, eventIdCnty: "AZE2003" },
    ]);
  });
});
