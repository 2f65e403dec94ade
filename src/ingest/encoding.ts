import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/**
 * THE ENCODING RULE (one decision per file; rows in the other encoding are rejected).
 *
 * 1. A UTF-8 byte-order mark means UTF-8 (reported as "utf-8-bom"; the mark is not data).
 *    A UTF-16 mark, NUL bytes or other binary bytes make the file unreadable (see sniff.ts).
 * 2. Otherwise the first non-ASCII bytes decide: valid UTF-8 → "utf-8", anything else →
 *    "windows-1252". If the first 64 KiB hold any, their line decides at open; if that sample is
 *    plain ASCII, the first cell with a non-ASCII byte decides while streaming. Windows-1252 rather
 *    than Latin-1, because the old ACLED files come from Windows Excel: 0x92 is ’, not a control.
 * 3. Once decided, a cell in the other encoding rejects its row, naming the column: bytes that are
 *    not UTF-8 in a UTF-8 file; multi-byte UTF-8 in a Windows-1252 file (real Windows-1252 text is
 *    almost never valid UTF-8; read as Windows-1252 it would show "Ã´" for "ô"). Mixed files exist
 *    (rows appended by another tool); guessing per cell would silently turn some names into
 *    mojibake, so the reader rejects those rows and says why.
 *
 * Cells are decoded one by one, after csv-parse has split the raw bytes: both encodings keep
 * ASCII as ASCII, so delimiters, quotes and line ends are found the same way in either.
 */
export type TextEncoding = "utf-8" | "windows-1252";

// iconv-lite, not TextDecoder: Node 20.18.3+ and 22.13+ decode "windows-1252" as Latin-1, so 0x92
// comes out as a C1 control instead of ’ (nodejs/node#60888).
const windows1252 = (bytes: Buffer) => iconv.decode(bytes, "windows-1252");

const nonAscii = /[\x80-\xff]/;
/** Bytes 0x80–0x9F, the only ones where Windows-1252 and Latin-1 differ. */
const c1Bytes = /[\x80-\x9f]/;

/**
 * The decision from a sample of the file's start (cut at a line end), made on the line with the
 * first non-ASCII byte; undefined while the sample is all ASCII.
 */
export function encodingOfSample(sample: Buffer): TextEncoding | undefined {
  if (isAscii(sample)) return undefined;
  const first = sample.findIndex((byte) => byte >= 0x80);
  const end = sample.indexOf(10, first);
  const line = sample.subarray(sample.lastIndexOf(10, first) + 1, end === -1 ? sample.length : end);
  return isUtf8(line) ? "utf-8" : "windows-1252";
}

export class CellDecoder {
  constructor(
    private decided: TextEncoding | undefined,
    private readonly bom: boolean,
  ) {}

  /** The encoding as decided so far ("utf-8" while everything read was ASCII). */
  get encoding(): string {
    if (this.bom) return "utf-8-bom";
    return this.decided ?? "utf-8";
  }

  /**
   * The cell's text, or a reason why its bytes do not belong to the file's encoding. The cell
   * arrives as Latin-1 text (one character a byte, which csv-parse makes fastest); only the rare
   * cell with a byte over 0x7F is turned back into bytes and decoded properly.
   */
  decode(cell: string): string | { mismatch: string } {
    if (!nonAscii.test(cell)) return cell;
    const bytes = Buffer.from(cell, "latin1");
    const utf8 = isUtf8(bytes);
    if (this.decided === undefined) this.decided = utf8 ? "utf-8" : "windows-1252";
    if (this.decided === "utf-8") {
      if (utf8) return bytes.toString("utf8");
      return { mismatch: "bytes that are not UTF-8 in a file read as UTF-8 (the file mixes encodings)" };
    }
    if (utf8) {
      return { mismatch: "UTF-8 text in a file read as Windows-1252 (the file mixes encodings)" };
    }
    return c1Bytes.test(cell) ? windows1252(bytes) : cell;
  }
}
