import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { maxFileBytes, readSourceFile } from "./files.js";
import { IntakeError } from "./intake-error.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);

async function intakeError(run: () => Promise<unknown>): Promise<IntakeError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error("expected an IntakeError");
}

/**
 * A one-page PDF written by hand: a catalog, a page tree, one page whose content stream shows
 * `lines` in Helvetica (one per line, T* moves down), and an Info dictionary. The cross-reference
 * table's byte offsets are computed, so PDF.js need not repair anything.
 */
function handMadePdf(lines: string[], info: Record<string, string>): Uint8Array {
  const escapePdfString = (text: string) => text.replace(/[()\\]/g, "\\$&");
  const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((line) => `(${escapePdfString(line)}) '`).join(" ")} ET`;
  const infoEntries = Object.entries(info).map(([key, value]) => `/${key} (${escapePdfString(value)})`);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< ${infoEntries.join(" ")} >>`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = pdf.length;
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return utf8(pdf);
}

describe("plain text", () => {
  it("reads UTF-8 text, CRLF made LF", async () => {
    const file = await readSourceFile(utf8("Statement\r\n\r\nThe parties agreed.\r\n"), {
      fileName: "statement.txt",
    });
    expect(file).toEqual({ format: "text", text: "Statement\n\nThe parties agreed.", encoding: "utf-8" });
  });

  it("reads UTF-16 with a byte-order mark and undeclared Windows-1252", async () => {
    const utf16 = iconv.encode("Հայտարարություն", "utf-16le", { addBOM: true });
    expect(await readSourceFile(utf16, {})).toMatchObject({ text: "Հայտարարություն", encoding: "utf-16le" });
    const latin = iconv.encode("Côte d’Ivoire — déclaration", "windows-1252");
    expect(await readSourceFile(latin, { fileName: "note.txt" })).toMatchObject({
      text: "Côte d’Ivoire — déclaration",
      encoding: "windows-1252",
    });
  });

  it("reads the charset the content type declares", async () => {
    const russian = iconv.encode("Заявление министерства иностранных дел", "koi8-r");
    const file = await readSourceFile(russian, { contentType: "text/plain; charset=KOI8-R" });
    expect(file).toMatchObject({ text: "Заявление министерства иностранных дел", encoding: "koi8-r" });
  });

  it("refuses text in an encoding it cannot tell", async () => {
    const russian = iconv.encode("Заявление министерства иностранных дел", "koi8-r");
    expect((await intakeError(() => readSourceFile(russian, { fileName: "note.txt" }))).code).toBe(
      "unknown_encoding",
    );
  });
});

describe("HTML", () => {
  it("extracts the article of an uploaded page", async () => {
    const file = await readSourceFile(fixture("news-jsonld.html"), { fileName: "talks.html" });
    expect(file).toMatchObject({
      format: "html",
      title: "Talks to resume next month, officials say",
      encoding: "utf-8",
    });
    expect(file.text).toMatch(/^By Ani Example/);
  });

  it("keeps the visible text of a page that is no article, and sniffs HTML without a name", async () => {
    const file = await readSourceFile(fixture("navigation-only.html"), {});
    expect(file.format).toBe("html");
    expect(file.text).toContain("Statement of the Ministry of Foreign Affairs on the next round of talks");
  });

  it("decodes by the page's meta charset", async () => {
    const page = `<html><head><meta charset="windows-1251"><title>Заявление</title></head><body><p>Текст заявления.</p></body></html>`;
    const file = await readSourceFile(iconv.encode(page, "windows-1251"), { fileName: "page.htm" });
    expect(file).toMatchObject({ title: "Заявление", text: "Текст заявления.", encoding: "windows-1251" });
  });
});

describe("Markdown", () => {
  const markdown = `---
title: "Joint statement on the talks"
date: 2023-03-27
authors:
  - Press Office
  - Working Group
---
# Joint statement

The parties **agreed** to hold the next round
in a _full-fledged_ format, see [the agenda](https://example.am/agenda) and \`annex 1\`.

1. The talks resume in April.
2. Both sides keep the [ceasefire][cf].

- a bullet
* another bullet

> A quoted line.

[cf]: https://example.am/ceasefire
`;

  it("strips the markup and reads the front matter", async () => {
    const file = await readSourceFile(utf8(markdown), {
      fileName: "statement.md",
      contentType: "text/plain",
    });
    expect(file).toMatchObject({
      format: "markdown",
      title: "Joint statement on the talks",
      author: "Press Office, Working Group",
      publishedAt: "2023-03-27",
    });
    expect(file.text).toBe(
      [
        "Joint statement",
        "The parties agreed to hold the next round in a full-fledged format, see the agenda and annex 1.",
        "1. The talks resume in April.",
        "2. Both sides keep the ceasefire.",
        "a bullet",
        "another bullet",
        "A quoted line.",
      ].join("\n\n"),
    );
  });

  it("sniffs Markdown without a name, and takes the first heading as the title", async () => {
    const withoutFrontMatter = markdown.slice(markdown.indexOf("# Joint"));
    const file = await readSourceFile(utf8(withoutFrontMatter), {});
    expect(file).toMatchObject({ format: "markdown", title: "Joint statement" });
  });
});

describe("PDF", () => {
  it("reads a PDF's text and its Title, Author and CreationDate", async () => {
    const pdf = handMadePdf(["Statement of the Ministry", "The parties agreed to resume the talks."], {
      Title: "Statement on the talks",
      Author: "Press Office",
      CreationDate: "D:20230327143000+04'00'",
    });
    const file = await readSourceFile(pdf, { fileName: "statement.pdf", contentType: "application/pdf" });
    expect(file).toEqual({
      format: "pdf",
      title: "Statement on the talks",
      author: "Press Office",
      publishedAt: "2023-03-27T14:30:00+04:00",
      text: "Statement of the Ministry\nThe parties agreed to resume the talks.",
      encoding: "pdf",
    });
  });

  it("leaves out a Title that is only the source file's name", async () => {
    const pdf = handMadePdf(["Some text of the statement."], {
      Title: "Microsoft Word - statement_final.docx",
    });
    const file = await readSourceFile(pdf, {});
    expect(file.title).toBeUndefined();
    expect(file.text).toBe("Some text of the statement.");
  });

  it("refuses a PDF without text, and a broken one", async () => {
    const scan = handMadePdf([], { Title: "Scan" });
    expect((await intakeError(() => readSourceFile(scan, {}))).code).toBe("empty");
    const broken = utf8("%PDF-1.4\nthis is not really a PDF\n%%EOF\n");
    expect((await intakeError(() => readSourceFile(broken, {}))).code).toBe("unsupported_format");
  });
});

describe("what is refused", () => {
  it("refuses a file over 50 MB before decoding it", async () => {
    const huge = Buffer.alloc(maxFileBytes + 1, 0x61);
    const started = performance.now();
    const error = await intakeError(() => readSourceFile(huge, { fileName: "huge.txt" }));
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("50.0 MB");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses binary blobs and known binary formats as unsupported", async () => {
    const blob = Uint8Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256);
    expect((await intakeError(() => readSourceFile(blob, { fileName: "data.bin" }))).code).toBe(
      "unsupported_format",
    );
    const docx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]);
    const error = await intakeError(() => readSourceFile(docx, { fileName: "statement.docx" }));
    expect(error).toMatchObject({ code: "unsupported_format", message: expect.stringContaining("Word") });
  });

  it("refuses an empty file, and a 'PDF' that is not one", async () => {
    expect((await intakeError(() => readSourceFile(new Uint8Array(), {}))).code).toBe("empty");
    const fake = await intakeError(() => readSourceFile(utf8("hello"), { fileName: "x.pdf" }));
    expect(fake.code).toBe("unsupported_format");
  });
});
