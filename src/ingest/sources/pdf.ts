import { extractText, getDocumentProxy, getMeta } from "unpdf";
import type { ExtractedText } from "./contracts.js";
import { formatWithOffset } from "./date-times.js";
import { IntakeError } from "./intake-error.js";

/**
 * A PDF's text layer and Info dictionary (Title, Author, CreationDate, Lang) by unpdf (PDF.js).
 * Pages are separated by a blank line; a page's lines stay as PDF.js gives them (joining broken
 * lines and words is the cleaning step's job). A PDF without a text layer (a scan) is refused as
 * empty: reading it would need OCR.
 */

/** unpdf reads every page in one call; a bound keeps a hostile file from fanning out. */
export const maxPdfPages = 2000;

export async function readPdf(bytes: Uint8Array): Promise<ExtractedText> {
  // PDF.js may take over (detach) the buffer it is given: hand it a copy.
  const document = await openPdf(new Uint8Array(bytes));
  try {
    if (document.numPages > maxPdfPages) {
      throw new IntakeError(
        "too_large",
        `the PDF has ${document.numPages} pages (at most ${maxPdfPages} are read)`,
      );
    }
    const { text } = await extractText(document, { mergePages: false });
    const pages = (Array.isArray(text) ? text : [text]).map(tidyPage).filter(Boolean);
    if (pages.length === 0) {
      throw new IntakeError("empty", "the PDF has no text layer (a scanned document needs OCR first)");
    }
    const { info } = await getMeta(document);
    return { format: "pdf", ...pdfMetadata(info), text: pages.join("\n\n"), encoding: "pdf" };
  } finally {
    await document.destroy();
  }
}

async function openPdf(bytes: Uint8Array) {
  try {
    return await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const code = /password/i.test(reason) ? "a password-protected PDF" : `an unreadable PDF (${reason})`;
    throw new IntakeError("unsupported_format", `this is ${code}`);
  }
}

function tidyPage(page: string): string {
  return page
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

type PdfInfo = Record<string, unknown>;

function pdfMetadata(info: PdfInfo): Omit<ExtractedText, "format" | "text" | "encoding"> {
  const field = (name: string) => {
    const value = info[name];
    return typeof value === "string" && value.trim() ? value.trim() : undefined;
  };
  const result: Omit<ExtractedText, "format" | "text" | "encoding"> = {};
  const title = meaningfulTitle(field("Title"));
  if (title) result.title = title;
  const author = field("Author");
  if (author) result.author = author;
  const publishedAt = pdfDate(field("CreationDate"));
  if (publishedAt) result.publishedAt = publishedAt;
  const language = field("Language");
  if (language) result.declaredLanguage = language;
  // Office writes the organisation the software is registered to as a custom Info entry.
  const custom = info.Custom as Record<string, unknown> | undefined;
  const company = typeof custom?.Company === "string" ? custom.Company.trim() : "";
  if (company) result.publisher = company;
  return result;
}

/**
 * Word and printer drivers fill Title with the source file's name ("Microsoft Word -
 * statement.docx", "untitled"): that is no title.
 */
function meaningfulTitle(title: string | undefined): string | undefined {
  const withoutApp = title?.replace(/^Microsoft (?:Word|PowerPoint|Excel) - /i, "").trim();
  if (!withoutApp || /^(untitled|document\d*|title)$/i.test(withoutApp)) return undefined;
  if (/\.(docx?|odt|rtf|pdf|pptx?|xlsx?|txt|html?)$/i.test(withoutApp)) return undefined;
  return withoutApp;
}

/**
 * A PDF date, "D:YYYYMMDDHHmmSSOHH'mm'" with everything after the year optional, to ISO 8601 with
 * its own offset; a date without a time stays a date.
 */
export function pdfDate(value: string | undefined): string | undefined {
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{0,2}'?)?/.exec(
    value ?? "",
  );
  if (!match) return undefined;
  const [, year, month = "01", day = "01", hour, minute = "00", second = "00", zone] = match;
  const date = `${year}-${month}-${day}`;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (hour === undefined) return date;
  const local = `${date}T${hour}:${minute}:${second}`;
  if (!zone) return local;
  const zoneMatch = /^([+-])(\d{2})'?(\d{2})?/.exec(zone);
  const offset = zoneMatch
    ? (zoneMatch[1] === "-" ? -1 : 1) * (Number(zoneMatch[2]) * 60 + Number(zoneMatch[3] ?? 0))
    : 0;
  const instant = new Date(`${local}Z`);
  if (Number.isNaN(instant.getTime())) return undefined;
  return formatWithOffset(new Date(instant.getTime() - offset * 60_000), offset);
}
