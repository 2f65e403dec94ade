import { open } from "node:fs/promises";
import { type Options, parse } from "csv-parse/sync";
import { encodingOfSample, type TextEncoding } from "./encoding.js";
import { UnreadableFileError } from "./incident-file.js";

/**
 * What the first 64 KiB of a file say about all of it: whether it is text at all, its encoding
 * (see encoding.ts), its delimiter, and its first records (the header, and the row after it, which
 * HDX files use for HXL hashtags). Only this sample is read here; the rows are streamed later.
 */
const sampleBytes = 64 * 1024;

export interface Sample {
  totalBytes: number;
  /** A UTF-8 byte-order mark starts the file (3 bytes to skip). */
  bom: boolean;
  encoding: TextEncoding | undefined;
  delimiter: string;
  /** The first line's bytes, without its line end. */
  firstLine: Buffer;
  /** The first two records, split with the sniffed delimiter (one if the file has one line). */
  records: Buffer[][];
}

export async function sniffFile(path: string): Promise<Sample> {
  const { bytes, totalBytes } = await readSample(path);
  if (totalBytes === 0) throw new UnreadableFileError("the file is empty");
  refuseBinary(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bom ? bytes.subarray(3) : bytes;
  const lineEnd = text.findIndex((byte) => byte === 10 || byte === 13);
  if (lineEnd === -1 && totalBytes > bytes.length) {
    throw new UnreadableFileError("no line end in the first 64 KiB: this is not a CSV or TSV file");
  }
  const firstLine = lineEnd === -1 ? text : text.subarray(0, lineEnd);
  const whole = totalBytes === bytes.length;
  // Cut at the last line end, so the sample holds no partial character and (mostly) no partial row.
  const complete = whole ? text : text.subarray(0, Math.max(text.lastIndexOf(10), lineEnd) + 1);
  const delimiter = sniffDelimiter(firstLine);
  return {
    totalBytes,
    bom,
    encoding: bom ? "utf-8" : encodingOfSample(complete),
    delimiter,
    firstLine,
    records: firstRecords(complete, firstLine, delimiter),
  };
}

async function readSample(path: string): Promise<{ bytes: Buffer; totalBytes: number }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, sampleBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, bytesRead), totalBytes: size };
  } finally {
    await handle.close();
  }
}

const startsWith = (bytes: Buffer, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** Refuse what is plainly not delimited text, with a reason a user can act on. */
function refuseBinary(bytes: Buffer): void {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new UnreadableFileError("the file is UTF-16 text: save it as UTF-8 (or Windows-1252) CSV");
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new UnreadableFileError(
      "the file is a ZIP archive (an .xlsx workbook is one): export or extract the CSV",
    );
  }
  if (startsWith(bytes, [0x1f, 0x8b])) {
    throw new UnreadableFileError("the file is gzip-compressed: decompress it first");
  }
  let controls = 0;
  for (const byte of bytes) {
    if (byte === 0)
      throw new UnreadableFileError("the file holds binary data (NUL bytes), not CSV or TSV text");
    // Tab, LF, FF, CR and the DOS end-of-file mark (0x1A) occur in text files; other controls do not.
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13 && byte !== 0x1a)
      controls += 1;
  }
  if (controls > Math.max(8, bytes.length / 100)) {
    throw new UnreadableFileError("the file holds binary data (control bytes), not CSV or TSV text");
  }
}

/** The delimiter that occurs most often outside quotes in the header line: comma, semicolon or tab. */
export function sniffDelimiter(line: Buffer): string {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
  ]);
  let inQuotes = false;
  for (const byte of line) {
    if (byte === 34) inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(byte)) counts.set(byte, (counts.get(byte) ?? 0) + 1);
  }
  const [best, count] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  if (count === 0) {
    throw new UnreadableFileError(
      "no delimiter (comma, semicolon or tab) in the first line: this is not a CSV or TSV file",
    );
  }
  return String.fromCharCode(best);
}

function firstRecords(complete: Buffer, firstLine: Buffer, delimiter: string): Buffer[][] {
  const options: Options = {
    encoding: null,
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    to: 2,
  };
  try {
    return parse(complete, options) as unknown as Buffer[][];
  } catch {
    // A quoted field cut by the sample's end, or broken quoting: the header line alone still tells.
    try {
      return parse(firstLine, options) as unknown as Buffer[][];
    } catch {
      return [
        firstLine
          .toString("latin1")
          .split(delimiter)
          .map((cell) => Buffer.from(cell, "latin1")),
      ];
    }
  }
}
