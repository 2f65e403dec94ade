import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { toIsoDateOrDateTime, toIsoDateTime } from "./date-times.js";
import { decodeBytes } from "./decode.js";
import { IntakeError } from "./intake-error.js";
import { pdfDate } from "./pdf.js";

const bytes = (text: string, encoding = "utf-8") => Uint8Array.from(iconv.encode(text, encoding));

function intakeErrorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeError) return error.code;
    throw error;
  }
  throw new Error("expected an IntakeError");
}

describe("decodeBytes", () => {
  it("lets a byte-order mark win over any declaration, and drops it", () => {
    const marked = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>ü</a>'),
    ]);
    expect(decodeBytes(marked, { contentType: "text/xml; charset=iso-8859-1" })).toMatchObject({
      text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>ü</a>',
      encoding: "utf-8",
      source: "bom",
    });
    const utf16be = Uint8Array.from([0xfe, 0xff, ...bytes("Ün", "utf-16be")]);
    expect(decodeBytes(utf16be)).toMatchObject({ text: "Ün", encoding: "utf-16be" });
  });

  it("takes the Content-Type charset before the document's declaration", () => {
    const page = '<html><head><meta charset="utf-8"></head><body>Заявление</body></html>';
    const decoded = decodeBytes(bytes(page, "windows-1251"), {
      contentType: 'text/html; charset="windows-1251"',
    });
    expect(decoded).toMatchObject({ encoding: "windows-1251", source: "content-type" });
    expect(decoded.text).toContain("Заявление");
  });

  it("reads an XML declaration and an http-equiv meta", () => {
    const xml = '<?xml version="1.0" encoding="KOI8-R"?><title>Заявление</title>';
    expect(decodeBytes(bytes(xml, "koi8-r"))).toMatchObject({ encoding: "koi8-r", source: "declaration" });
    const page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Текст</p>';
    expect(decodeBytes(bytes(page, "windows-1251")).text).toContain("Текст");
  });

  it("notes an unknown label or a false UTF-8 claim and detects instead", () => {
    const unknown = decodeBytes(bytes("Notícias"), { contentType: "text/plain; charset=x-martian" });
    expect(unknown).toMatchObject({ text: "Notícias", encoding: "utf-8", source: "detected" });
    expect(unknown.notes[0]).toContain('unknown charset "x-martian"');
    const falseClaim = decodeBytes(bytes('<meta charset="utf-8"><p>Notícias</p>', "windows-1252"));
    expect(falseClaim).toMatchObject({ encoding: "windows-1252", source: "detected" });
    expect(falseClaim.text).toContain("Notícias");
    expect(falseClaim.notes[0]).toContain("not valid UTF-8");
  });

  it("reads UTF-8 labelled ISO-8859-1 as UTF-8, and notes it", () => {
    const decoded = decodeBytes(bytes("Հայտարարություն"), { contentType: "text/xml; charset=ISO-8859-1" });
    expect(decoded).toMatchObject({ text: "Հայտարարություն", encoding: "utf-8", source: "content-type" });
    expect(decoded.notes[0]).toContain("the bytes are UTF-8");
  });

  it("reads UTF-16 without a mark when it starts with an XML declaration", () => {
    const xml = '<?xml version="1.0" encoding="UTF-16"?><title>Ün</title>';
    expect(decodeBytes(bytes(xml, "utf-16le"))).toMatchObject({ text: xml, encoding: "utf-16le" });
    expect(decodeBytes(bytes(xml, "utf-16be"))).toMatchObject({ text: xml, encoding: "utf-16be" });
  });

  it("reads ISO-8859-1 labels as Windows-1252, so 0x92 is ’", () => {
    const decoded = decodeBytes(Uint8Array.from([0x4c, 0x92, 0x61]), {
      contentType: "text/plain; charset=ISO-8859-1",
    });
    expect(decoded).toMatchObject({ text: "L’a", encoding: "windows-1252" });
  });

  it("refuses binary bytes and text it cannot tell the encoding of", () => {
    expect(intakeErrorCode(() => decodeBytes(Uint8Array.from([0x25, 0, 0x01, 0xff])))).toBe(
      "unknown_encoding",
    );
    expect(intakeErrorCode(() => decodeBytes(bytes("Заявление министерства", "koi8-r")))).toBe(
      "unknown_encoding",
    );
  });
});

describe("date-times", () => {
  it("keeps the offset a feed wrote", () => {
    expect(toIsoDateTime("Mon, 27 Mar 2023 01:30:00 +0400")).toBe("2023-03-27T01:30:00+04:00");
    expect(toIsoDateTime("Mon, 27 Mar 2023 01:30:00 GMT")).toBe("2023-03-27T01:30:00Z");
    expect(toIsoDateTime("Mon, 27 Mar 2023 01:30:00 EST")).toBe("2023-03-27T01:30:00-05:00");
    expect(toIsoDateTime("not a date")).toBeUndefined();
  });

  it("keeps a metadata date as written", () => {
    expect(toIsoDateOrDateTime("2023-03-27")).toBe("2023-03-27");
    expect(toIsoDateOrDateTime("2023-03-27T14:05")).toBe("2023-03-27T14:05:00");
    expect(toIsoDateOrDateTime("2023-03-27T14:05:00.000+04:00")).toBe("2023-03-27T14:05:00+04:00");
    expect(toIsoDateOrDateTime("March 27, 2023")).toBe("2023-03-27");
    expect(toIsoDateOrDateTime("yesterday")).toBeUndefined();
  });

  it("reads PDF dates", () => {
    expect(pdfDate("D:20230327143000+04'00'")).toBe("2023-03-27T14:30:00+04:00");
    expect(pdfDate("D:20230327143000Z")).toBe("2023-03-27T14:30:00Z");
    expect(pdfDate("D:20230327")).toBe("2023-03-27");
    expect(pdfDate("D:20231327")).toBeUndefined();
  });
});
