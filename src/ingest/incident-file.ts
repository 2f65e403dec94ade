import type { EntityData } from "../domain/entities.js";
import type { IncidentDataset } from "../domain/events.js";

/**
 * The contract between the readers of event-data files (ACLED, UCDP GED, GDELT) and the import
 * pipeline. A reader streams a file row by row; it never holds the whole file.
 */

/** An incident as a reader makes it from one row: complete, with the dataset's id in `externalIds`. */
export type IncidentFromFile = EntityData<"incidents">;

export interface AcceptedRow {
  /** 1-based physical line in the file where the row starts (a quoted field may span lines). */
  line: number;
  record: IncidentFromFile;
}

export interface RejectedRow {
  line: number;
  /** Why the row was not taken, naming the column: "event_date: 31/02/2021 is not a date". */
  reason: string;
  /** The file could not be read past this row (a quote that never closes): nothing after it was read. */
  stopsReading?: true;
}

export type FileRow = AcceptedRow | RejectedRow;
export const isRejected = (row: FileRow): row is RejectedRow => "reason" in row;

/** Which known layout a file was recognised as, from its header (never from its name). */
export type IncidentFileLayout =
  | "acled-current"
  | "acled-2021"
  | "acled-old"
  | "acled-hxl"
  | "ucdp-ged"
  | "gdelt-1.0"
  | "gdelt-2.0";

export interface IncidentFile {
  dataset: IncidentDataset;
  layout: IncidentFileLayout;
  /** The encoding the bytes were decoded from: "utf-8", "utf-8-bom", "windows-1252". */
  encoding: string;
  delimiter: string;
  /** Size of the file in bytes, and how many have been read so far (for progress and time left). */
  totalBytes: number;
  bytesRead(): number;
  rows(): AsyncIterable<FileRow>;
}

/** The file could not be read as the dataset at all; nothing is imported. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    /** For an unrecognised layout: the columns each known layout expects. */
    readonly expected?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

export interface OpenOptions {
  processId: string;
  /** Default for rows the file does not classify further. */
  monitoringType?: IncidentFromFile["monitoringType"];
}
