import { openCsv, Row } from "./csv-stream.js";
import { CellDecoder } from "./encoding.js";
import { type RejectedRow, UnreadableFileError } from "./incident-file.js";
import { sniffFile } from "./sniff.js";
import { RowError, unixSeconds } from "./values.js";

/**
 * ACLED's deleted-events file: the events it has withdrawn since an earlier export, one
 * event_id_cnty a row, optionally with deleted_timestamp (Unix seconds). Streamed like the events.
 */
export interface AcledDeletion {
  line: number;
  eventIdCnty: string;
  /** When ACLED deleted it, if the file says. */
  deletedAt?: string;
}

/**
 * The deletions of a file, one by one. Throws UnreadableFileError (on the first step) for a file
 * that is not CSV text or has no event_id_cnty column.
 */
export async function* readAcledDeletions(path: string): AsyncGenerator<AcledDeletion | RejectedRow> {
  const sample = await sniffFile(path);
  const header = (sample.records[0] ?? []).map((cell) => cell.toString("latin1").trim().toLowerCase());
  const columns = new Map(header.map((name, index) => [name, index]));
  if (!columns.has("event_id_cnty")) {
    throw new UnreadableFileError(
      "unrecognised layout: an ACLED deletions file has an event_id_cnty column",
      {
        "acled-deletions": ["event_id_cnty", "deleted_timestamp (optional)"],
      },
    );
  }
  const decoder = new CellDecoder(sample.encoding, sample.bom);
  const reader = openCsv(path, { delimiter: sample.delimiter, quoted: true, start: sample.bom ? 3 : 0 });
  let headerSeen = false;
  for await (const record of reader.records) {
    if ("failure" in record) {
      yield { line: record.line, reason: record.failure, stopsReading: true };
      return;
    }
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    yield deletionOf(new Row(record.cells, columns, decoder), record.line);
  }
}

function deletionOf(row: Row, line: number): AcledDeletion | RejectedRow {
  try {
    const eventIdCnty = row.get("event_id_cnty");
    if (eventIdCnty === "") return { line, reason: "event_id_cnty: empty" };
    const deletedAt = unixSeconds("deleted_timestamp", row.get("deleted_timestamp"));
    return deletedAt === undefined ? { line, eventIdCnty } : { line, eventIdCnty, deletedAt };
  } catch (error) {
    if (error instanceof RowError) return { line, reason: error.message };
    throw error;
  }
}
