import { afterAll, describe, expect, it } from "vitest";
import {
  acledCells,
  acledCsv,
  readAll,
  removeTempFiles,
  tempFile,
  windows1252,
} from "./fixtures/test-files.js";

afterAll(removeTempFiles);

const ivoryCoast = (id: string) =>
  acledCells({ event_id_cnty: id, country: "Côte d'Ivoire", location: "Abidjan", notes: "Étudiants’ march" });

describe("encodings", () => {
  it("reads UTF-8 with a byte-order mark, the mark kept out of the first column's name", async () => {
    const path = tempFile(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(acledCsv([ivoryCoast("CIV1")]))]),
    );
    const { file, accepted, rejected } = await readAll(path, "acled");
    expect(rejected).toEqual([]);
    expect(file.encoding).toBe("utf-8-bom");
    expect(accepted[0]?.record).toMatchObject({ country: "Côte d'Ivoire", externalIds: { acled: "CIV1" } });
    expect(file.bytesRead()).toBe(file.totalBytes);
  });

  it("detects Windows-1252 and decodes its bytes, 0x80–0x9F included", async () => {
    const path = tempFile(windows1252(acledCsv([ivoryCoast("CIV1")])));
    const { file, accepted } = await readAll(path, "acled");
    expect(file.encoding).toBe("windows-1252");
    expect(accepted[0]?.record).toMatchObject({ country: "Côte d'Ivoire", description: "Étudiants’ march" });
  });

  it("decides while streaming when the first 64 KiB are plain ASCII", async () => {
    const ascii = Array.from({ length: 600 }, (_, i) => acledCells({ event_id_cnty: `ARM${i}` }));
    const path = tempFile(windows1252(acledCsv([...ascii, ivoryCoast("CIV1")])));
    const { file, accepted, rejected } = await readAll(path, "acled");
    expect(file.totalBytes).toBeGreaterThan(64 * 1024);
    expect(rejected).toEqual([]);
    expect(file.encoding).toBe("windows-1252");
    expect(accepted.at(-1)?.record.country).toBe("Côte d'Ivoire");
  });

  it("rejects Windows-1252 rows in a UTF-8 file, naming the column", async () => {
    const utf8 = Buffer.from(acledCsv([ivoryCoast("CIV1")]));
    const appended = windows1252(`${acledCsv([ivoryCoast("CIV2")]).split("\n")[1]}\n`);
    const { file, accepted, rejected } = await readAll(tempFile(Buffer.concat([utf8, appended])), "acled");
    expect(file.encoding).toBe("utf-8");
    expect(accepted.map((row) => row.record.externalIds.acled)).toEqual(["CIV1"]);
    expect(rejected).toEqual([
      {
        line: 3,
        reason: "country: bytes that are not UTF-8 in a file read as UTF-8 (the file mixes encodings)",
      },
    ]);
  });

  it("rejects UTF-8 rows in a Windows-1252 file, naming the column", async () => {
    const cp1252 = windows1252(acledCsv([ivoryCoast("CIV1")]));
    const appended = Buffer.from(`${acledCsv([ivoryCoast("CIV2")]).split("\n")[1]}\n`);
    const { file, accepted, rejected } = await readAll(tempFile(Buffer.concat([cp1252, appended])), "acled");
    expect(file.encoding).toBe("windows-1252");
    expect(accepted.map((row) => row.record.externalIds.acled)).toEqual(["CIV1"]);
    expect(rejected[0]).toEqual({
      line: 3,
      reason: "country: UTF-8 text in a file read as Windows-1252 (the file mixes encodings)",
    });
  });
});
