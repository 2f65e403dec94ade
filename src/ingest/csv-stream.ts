import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import type { CellDecoder } from "./encoding.js";
import { RowError } from "./values.js";

/**
 * The raw records of a delimited file, streamed: the file is read in chunks, csv-parse splits the
 * bytes (as Latin-1, one character a byte: encoding.ts says why cells are decoded only afterwards),
 * and each record comes with the 1-based line it starts on. Nothing holds more than one record and
 * a few chunks.
 */

/** A quoted field this long means a quote that never closes: stop rather than buffer the file. */
const maxRecordBytes = 4 * 1024 * 1024;
const chunkBytes = 256 * 1024;

export interface CsvOptions {
  delimiter: string;
  /** False for GDELT: its tab-separated fields are never quoted and may hold a lone `"`. */
  quoted: boolean;
  /** Byte offset to start at (3 to skip a UTF-8 byte-order mark). */
  start: number;
}

/** Cells as Latin-1 text: one character a byte, decoded by CellDecoder when read. */
export type RawRecord = { line: number; cells: string[] } | { line: number; failure: string };

export interface CsvReader {
  records: AsyncGenerator<RawRecord>;
  /** Bytes read from the file so far (including any skipped byte-order mark). */
  bytesRead(): number;
}

export function openCsv(path: string, options: CsvOptions): CsvReader {
  const file = createReadStream(path, { start: options.start, highWaterMark: chunkBytes });
  const parser = parse({
    // Latin-1 maps each byte to one character, losslessly and fastest; cells are decoded later.
    encoding: "latin1",
    delimiter: options.delimiter,
    quote: options.quoted ? '"' : false,
    // Files joined from several sources mix line ends; old Mac exports end lines with CR alone.
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: maxRecordBytes,
  });
  // pipeline, not pipe: a read error must reach the parser (and so the reader) rather than hang it.
  pipeline(file, parser, () => {});
  return {
    records: recordsOf(parser as AsyncIterable<string[]>, () => {
      file.destroy();
      parser.destroy();
    }),
    bytesRead: () => options.start + file.bytesRead,
  };
}

/** Newlines inside quoted fields: the next record starts that many lines further down. */
function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    let at = cell.indexOf("\n");
    while (at !== -1) {
      count += 1;
      at = cell.indexOf("\n", at + 1);
    }
  }
  return count;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell === "");

async function* recordsOf(parser: AsyncIterable<string[]>, close: () => void): AsyncGenerator<RawRecord> {
  // csv-parse's own line count goes wrong on CRLF inside quoted fields, so lines are counted here:
  // every record spans one line plus the newlines inside its fields; blank lines are records too.
  let line = 1;
  try {
    for await (const cells of parser) {
      const here = line;
      line += 1 + newlinesIn(cells);
      if (!isBlank(cells)) yield { line: here, cells };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith("CSV_")) throw error;
    yield { line, failure: `reading stopped here: ${csvFailure(code, (error as Error).message)}` };
  } finally {
    close();
  }
}

function csvFailure(code: string, message: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted field opened on this line never closes";
  if (code === "CSV_MAX_RECORD_SIZE") return "a quoted field opened on this line runs on past 4 MiB";
  return message;
}

/** One record's cells by column name, decoded on demand (most readers use a few of many columns). */
export class Row {
  constructor(
    readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
    private readonly decoder: CellDecoder,
  ) {}

  /** The trimmed text of a column; "" when the file has no such column or the row no such cell. */
  get(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? "" : this.at(index, column);
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  at(index: number, column: string): string {
    const cell = this.cells[index];
    if (cell === undefined || cell === "") return "";
    const text = this.decoder.decode(cell);
    if (typeof text !== "string") throw new RowError(column, text.mismatch);
    return text.trim();
  }
}
