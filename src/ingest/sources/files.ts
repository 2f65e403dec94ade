import { extractArticle, extractVisibleText } from "./article.js";
import type { ExtractedText } from "./contracts.js";
import { type DecodedText, decodeBytes } from "./decode.js";
import { IntakeError, isIntakeError } from "./intake-error.js";
import { looksLikeMarkdown, markdownToText } from "./markdown.js";
import { readPdf } from "./pdf.js";

/**
 * Uploaded files: plain text, HTML, Markdown and PDF. The format comes from the file's own first
 * bytes when they are telling (%PDF-, a known binary signature), then from the declared content
 * type, then from the file name's extension, then from sniffing the decoded text.
 */

export const maxFileBytes = 50 * 1024 * 1024;

type FileFormat = ExtractedText["format"];

export interface SourceFileMeta {
  fileName?: string;
  contentType?: string;
}

export async function readSourceFile(bytes: Uint8Array, meta: SourceFileMeta): Promise<ExtractedText> {
  if (bytes.byteLength === 0) throw new IntakeError("empty", "the file is empty");
  // Before anything reads the bytes: decoding a huge file would hold it twice in memory.
  if (bytes.byteLength > maxFileBytes) {
    throw new IntakeError(
      "too_large",
      `the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; at most ${maxFileBytes / 1024 / 1024} MB are taken in`,
    );
  }
  const signature = binarySignature(bytes);
  if (signature === "pdf") return readPdf(bytes);
  if (signature)
    throw new IntakeError(
      "unsupported_format",
      `this is ${signature}, not a text, HTML, Markdown or PDF file`,
    );
  const declared = declaredFormat(meta);
  if (declared === "pdf") {
    throw new IntakeError(
      "unsupported_format",
      "the file is declared a PDF but does not start like one (%PDF-)",
    );
  }
  const decoded = decodeFile(bytes, meta.contentType);
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (!text.trim()) throw new IntakeError("empty", "the file holds only white space");
  const format = declared ?? sniffTextFormat(text);
  if (format === "html") return { ...readHtml(text), encoding: decoded.encoding };
  if (format === "markdown")
    return { format: "markdown", ...markdownToText(text), encoding: decoded.encoding };
  return { format: "text", text: text.replace(/[ \t]+$/gm, "").trim(), encoding: decoded.encoding };
}

/** Signatures of the formats people upload by mistake, named for the error message. */
const signatures: Array<{ bytes: number[]; name: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: "a ZIP archive (or a Word, Excel or OpenDocument file)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: "an old Microsoft Office file (.doc, .xls)" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], name: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: "a GIF image" },
  { bytes: [0x1f, 0x8b], name: "a gzip archive" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: "an RTF document" },
];

function binarySignature(bytes: Uint8Array): "pdf" | string | undefined {
  // %PDF- may follow a little junk; PDF readers look in the first KB.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (head.includes("%PDF-")) return "pdf";
  const match = signatures.find(({ bytes: signature }) =>
    signature.every((byte, index) => bytes[index] === byte),
  );
  return match?.name;
}

const formatsByType: Record<string, FileFormat> = {
  "application/pdf": "pdf",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
};

const formatsByExtension: Record<string, FileFormat> = {
  pdf: "pdf",
  html: "html",
  htm: "html",
  xhtml: "html",
  md: "markdown",
  markdown: "markdown",
  mdown: "markdown",
  txt: "text",
  text: "text",
};

/** The format the upload declares by content type or extension; generic types declare nothing. */
function declaredFormat(meta: SourceFileMeta): FileFormat | undefined {
  const type = meta.contentType?.split(";")[0]?.trim().toLowerCase();
  const byType = type ? formatsByType[type] : undefined;
  // Browsers send text/plain for files they do not know, .md among them: the extension says more.
  const extension = /\.([a-z0-9]+)$/i.exec(meta.fileName ?? "")?.[1]?.toLowerCase();
  const byExtension = extension ? formatsByExtension[extension] : undefined;
  if (byType && byType !== "text") return byType;
  return byExtension ?? byType;
}

function sniffTextFormat(text: string): FileFormat {
  const head = text.slice(0, 4096).trimStart();
  if (/^(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head)) return "html";
  if (/^<\?xml[^>]*>\s*<html[\s>]/i.test(head)) return "html";
  return looksLikeMarkdown(text) ? "markdown" : "text";
}

/** Bytes to text; NULs and other binary bytes mean a format this reader does not know. */
function decodeFile(bytes: Uint8Array, contentType: string | undefined): DecodedText {
  try {
    return decodeBytes(bytes, contentType ? { contentType } : {});
  } catch (error) {
    if (isIntakeError(error) && error.code === "unknown_encoding" && bytes.subarray(0, 8192).includes(0)) {
      throw new IntakeError("unsupported_format", "binary data, not a text, HTML, Markdown or PDF file");
    }
    throw error;
  }
}

/** An uploaded page the person chose: its article if it has one, else all its visible text. */
function readHtml(html: string): ExtractedText {
  try {
    return extractArticle(html);
  } catch (error) {
    if (isIntakeError(error) && error.code === "not_an_article") return extractVisibleText(html);
    throw error;
  }
}
