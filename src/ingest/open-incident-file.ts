import type { IncidentDataset } from "../domain/events.js";
import { acledRowReader } from "./acled-row.js";
import { openCsv, Row } from "./csv-stream.js";
import { CellDecoder } from "./encoding.js";
import { gdeltRowReader } from "./gdelt-row.js";
import type { FileRow, IncidentFile, OpenOptions } from "./incident-file.js";
import { type Recognised, recognise } from "./layouts.js";
import { sniffFile } from "./sniff.js";
import { ucdpRowReader } from "./ucdp-row.js";

/**
 * Open an ACLED, UCDP GED or GDELT event file: recognise its layout from the header (sniff.ts,
 * layouts.ts), then stream its rows, each an incident or a rejection naming line and column.
 *
 * Encoding: one decision per file, rows in the other encoding rejected; the rule is written out at
 * the top of encoding.ts. `encoding` is final once the first non-ASCII bytes have been met (at open
 * when the first 64 KiB hold any, otherwise while streaming; until then it says "utf-8").
 *
 * Memory stays flat whatever the file's size: one chunk and one record at a time. Each call of
 * `rows()` reads the file anew from its start; `bytesRead()` follows the latest call.
 */
export async function openIncidentFile(
  path: string,
  dataset: IncidentDataset,
  options: OpenOptions,
): Promise<IncidentFile> {
  const sample = await sniffFile(path);
  const layout = recognise(dataset, sample);
  const decoder = new CellDecoder(sample.encoding, sample.bom);
  const readRow = rowReaderFor(layout, options);
  let bytesRead = () => 0;
  return {
    dataset,
    layout: layout.layout,
    get encoding() {
      return decoder.encoding;
    },
    delimiter: layout.delimiter,
    totalBytes: sample.totalBytes,
    bytesRead: () => bytesRead(),
    rows() {
      const reader = openCsv(path, {
        delimiter: layout.delimiter,
        quoted: layout.quoted,
        start: sample.bom ? 3 : 0,
      });
      bytesRead = reader.bytesRead;
      return dataRows(reader.records, layout, decoder, readRow);
    },
  };
}

type RowReader = (row: Row, line: number) => FileRow;

function rowReaderFor(layout: Recognised, options: OpenOptions): RowReader {
  if (layout.dataset === "ucdp") return ucdpRowReader(options);
  if (layout.dataset === "gdelt") return gdeltRowReader(options);
  return acledRowReader(options);
}

async function* dataRows(
  records: ReturnType<typeof openCsv>["records"],
  layout: Recognised,
  decoder: CellDecoder,
  readRow: RowReader,
): AsyncGenerator<FileRow> {
  let headerRowsLeft = layout.headerRows;
  for await (const record of records) {
    if ("failure" in record) {
      yield { line: record.line, reason: record.failure, stopsReading: true };
      return;
    }
    if (headerRowsLeft > 0) {
      headerRowsLeft -= 1;
      continue;
    }
    const problem = widthProblem(record.cells, layout.width);
    yield problem
      ? { line: record.line, reason: problem }
      : readRow(new Row(record.cells, layout.columns, decoder), record.line);
  }
}

/**
 * A row with fewer cells than the header was cut short (often the last line of an interrupted
 * download); one with more had a delimiter inside an unquoted field. Either way its cells cannot be
 * trusted to sit under the right names. Extra cells that are all empty are trailing delimiters,
 * which old Excel exports write, and are fine.
 */
function widthProblem(cells: readonly string[], width: number): string | undefined {
  if (cells.length < width) {
    return `the row has ${cells.length} of the ${width} columns of the file's layout (cut short?)`;
  }
  if (cells.length > width && cells.slice(width).some((cell) => cell !== "")) {
    return `the row has ${cells.length} columns where the layout has ${width} (an unquoted delimiter in a field?)`;
  }
  return undefined;
}
