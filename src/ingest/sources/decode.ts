import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { IntakeError } from "./intake-error.js";

/**
 * Bytes to text for feeds, pages and uploaded files, in the order browsers and feed readers use:
 *
 * 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything;
 * 2. the charset of the Content-Type header;
 * 3. a declaration in the first 2 KB: `<?xml … encoding="…"?>`, `<meta charset>` or
 *    `<meta http-equiv="Content-Type" content="…; charset=…">`;
 * 4. valid UTF-8;
 * 5. Windows-1252, but only when the bytes look like Latin-script text.
 *
 * A declared label iconv-lite does not know, or a declared UTF-8 the bytes are not, is noted and
 * detection goes on. ISO-8859-1 and US-ASCII labels are read as Windows-1252, as browsers do (the
 * WHATWG Encoding Standard maps them so): servers label Windows-1252 text "ISO-8859-1" all the
 * time, and where the two differ (0x80–0x9F) Latin-1 has only unused control characters.
 */
export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as: "utf-8", "utf-16le", "windows-1252", "koi8-r", … */
  encoding: string;
  /** Where the encoding came from. */
  source: "bom" | "content-type" | "declaration" | "detected";
  /** Declarations that were ignored, and why (an unknown label, a UTF-8 claim the bytes break). */
  notes: string[];
}

const declarationWindow = 2048;

export function decodeBytes(bytes: Uint8Array, hints: { contentType?: string } = {}): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fromBom = decodeByBom(buffer);
  if (fromBom) return fromBom;

  const notes: string[] = [];
  const headerLabel = hints.contentType ? charsetOfContentType(hints.contentType) : undefined;
  const declared = [
    { label: headerLabel, source: "content-type" as const, where: "the Content-Type header" },
    { label: declaredInDocument(buffer), source: "declaration" as const, where: "the document" },
  ];
  for (const { label, source, where } of declared) {
    if (!label) continue;
    const decoded = decodeAsDeclared(buffer, label, notes, where);
    if (decoded !== undefined) return { ...decoded, source, notes };
  }
  return { ...detect(buffer), source: "detected", notes };
}

function decodeByBom(buffer: Buffer): DecodedText | undefined {
  const [b0, b1, b2] = buffer;
  const withBom = (encoding: string, skip: number): DecodedText => ({
    text: iconv.decode(buffer.subarray(skip), encoding),
    encoding,
    source: skip > 0 ? "bom" : "declaration",
    notes: [],
  });
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return withBom("utf-8", 3);
  if (b0 === 0xff && b1 === 0xfe) return withBom("utf-16le", 2);
  if (b0 === 0xfe && b1 === 0xff) return withBom("utf-16be", 2);
  // No mark, but "<?" in UTF-16: an XML declaration in UTF-16 (XML 1.0, appendix F).
  const b3 = buffer[3];
  if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) return withBom("utf-16le", 0);
  if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) return withBom("utf-16be", 0);
  return undefined;
}

/** The charset parameter of a Content-Type value, unquoted and lower-cased. */
function charsetOfContentType(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2]?.toLowerCase();
}

/** An XML declaration's encoding or an HTML meta charset in the first 2 KB. */
function declaredInDocument(buffer: Buffer): string | undefined {
  // Latin-1 keeps one character per byte, so ASCII markup reads the same in any ASCII-compatible
  // encoding and nothing here can fail.
  const head = buffer.subarray(0, declarationWindow).toString("latin1");
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const metaCharset = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return metaCharset?.[1]?.toLowerCase();
}

/** WHATWG: these labels mean Windows-1252 in practice. */
const windows1252Labels = new Set([
  "iso-8859-1",
  "iso8859-1",
  "latin1",
  "l1",
  "us-ascii",
  "ascii",
  "cp1252",
  "windows-1252",
  "x-cp1252",
  "cp819",
  "ibm819",
  "iso_8859-1",
]);

function canonicalLabel(label: string): string {
  if (windows1252Labels.has(label)) return "windows-1252";
  if (label === "utf8") return "utf-8";
  return label;
}

function decodeAsDeclared(
  buffer: Buffer,
  label: string,
  notes: string[],
  where: string,
): { text: string; encoding: string } | undefined {
  const encoding = canonicalLabel(label);
  if (!iconv.encodingExists(encoding)) {
    notes.push(`${where} declares the unknown charset "${label}"; the encoding was detected instead`);
    return undefined;
  }
  const wide = /^utf-?(16|32)/.test(encoding);
  if (!wide && looksBinary(buffer)) {
    throw new IntakeError("unknown_encoding", `binary data (NUL or control bytes), not text in ${label}`);
  }
  if (encoding === "utf-8") {
    if (isUtf8(buffer)) return { text: buffer.toString("utf8"), encoding };
    notes.push(
      `${where} declares UTF-8 but the bytes are not valid UTF-8; the encoding was detected instead`,
    );
    return undefined;
  }
  if (singleByte.test(encoding) && !isAscii(buffer) && isUtf8(buffer)) {
    // Text in a single-byte encoding is almost never valid UTF-8 by accident, while servers that
    // label every response "ISO-8859-1" are common: the bytes win over the label.
    notes.push(`${where} declares "${label}" but the bytes are UTF-8; read as UTF-8`);
    return { text: buffer.toString("utf8"), encoding: "utf-8" };
  }
  if (encoding === "windows-1252" && !looksLikeLatinText(buffer)) {
    notes.push(`${where} declares "${label}" but the bytes do not look like Latin-script text`);
  }
  return { text: iconv.decode(buffer, encoding), encoding };
}

/** Single-byte encodings, where every byte sequence decodes to something. */
const singleByte = /^(windows-125\d|iso-?8859|koi8|cp125\d|cp866|ibm866|mac)/;

function detect(buffer: Buffer): { text: string; encoding: string } {
  if (looksBinary(buffer)) {
    throw new IntakeError("unknown_encoding", "binary data (NUL or control bytes), not text");
  }
  if (isUtf8(buffer)) return { text: buffer.toString("utf8"), encoding: "utf-8" };
  if (looksLikeLatinText(buffer)) {
    return { text: iconv.decode(buffer, "windows-1252"), encoding: "windows-1252" };
  }
  throw new IntakeError(
    "unknown_encoding",
    "the text is not UTF-8 and does not look like Windows-1252; declare its charset (e.g. in the Content-Type)",
  );
}

/** C0 controls other than tab, line feed, form feed, carriage return and escape. */
const isBinaryControl = (byte: number) => byte < 0x20 && ![9, 10, 12, 13, 27].includes(byte);

/** NUL or other C0 control bytes in the first 8 KB: an image, an archive, UTF-16 without a mark. */
function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (isBinaryControl(byte)) controls++;
  }
  return controls > 0 && controls / sample.length > 0.01;
}

/** Windows-1252 leaves these five bytes undefined; real Windows-1252 text never has them. */
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Latin-script text in a single-byte encoding: mostly ASCII (under a third of the bytes high), none
 * of the bytes Windows-1252 leaves undefined, and the accented letters (0xC0–0xFF) mostly next to
 * ASCII letters, as in "Notícias"; in Cyrillic KOI8-R or Windows-1251, or in binary data, they come
 * in long runs. Punctuation (0x80–0xBF: dashes, quotes, «») may stand anywhere.
 */
function looksLikeLatinText(buffer: Buffer): boolean {
  let high = 0;
  let letters = 0;
  let lettersNextToAscii = 0;
  for (let index = 0; index < buffer.length; index++) {
    const byte = buffer[index] as number;
    if (byte < 0x80) continue;
    if (undefinedIn1252.has(byte)) return false;
    high++;
    if (byte < 0xc0) continue;
    letters++;
    if (isAsciiLetter(buffer[index - 1]) || isAsciiLetter(buffer[index + 1])) lettersNextToAscii++;
  }
  if (high === 0) return true;
  return high / buffer.length < 0.3 && (letters === 0 || lettersNextToAscii / letters >= 0.5);
}

const isAsciiLetter = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
