import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import { createSchema, type EntityName, loadOrder } from "../domain/entities.js";
import { fromRoot } from "../project-root.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import { type NewRecord, repositories, type StoredRecord } from "../store/repository.js";
import { systemActor } from "./context.js";
import { recordReceivedDocuments } from "./document-intake.js";
import { prepareRecords } from "./rules.js";

export const demoDataFolder = fromRoot("data/demo");

/** A fault in a data file, located so a reviewer can open the file at that line. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = "DataFileError";
  }
}

export interface ParsedDataFile<E extends EntityName> {
  name: E;
  file: string;
  records: NewRecord<E>[];
  lines: number[];
}

/**
 * Reads one data file: a YAML list of records of one kind. A record may give `textFile`
 * (relative to the folder) instead of `text`, so long texts stay reviewable as plain files.
 */
export function parseDataFile<E extends EntityName>(folder: string, name: E): ParsedDataFile<E> | undefined {
  const file = `${name}.yaml`;
  const path = join(folder, file);
  if (!existsSync(path)) return undefined;
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(path, "utf8"), { lineCounter });
  const firstError = document.errors[0];
  if (firstError)
    throw new DataFileError(file, firstError.linePos?.[0].line ?? 1, firstError.message.split("\n")[0] ?? "");
  const items = document.toJS() ?? [];
  if (!Array.isArray(items)) throw new DataFileError(file, 1, "the file must be a YAML list of records");
  const lineOf = (path: (string | number)[]): number => {
    const node = document.getIn(path, true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? lineOf(path.slice(0, -1)) : lineCounter.linePos(offset).line;
  };
  const schema = createSchema(name);
  const records = items.map((item: Record<string, unknown>, index: number) => {
    const raw = { ...item };
    if (typeof raw.textFile === "string") {
      const textPath = join(folder, raw.textFile);
      if (!existsSync(textPath))
        throw new DataFileError(file, lineOf([index, "textFile"]), `${raw.textFile} does not exist`);
      raw.text = readFileSync(textPath, "utf8");
      delete raw.textFile;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const issuePath = (issue?.path ?? []) as (string | number)[];
      throw new DataFileError(
        file,
        lineOf([index, ...issuePath]),
        `${issuePath.join(".") || "record"}: ${issue?.message ?? "invalid"}`,
      );
    }
    return parsed.data as NewRecord<E>;
  });
  return { name, file, records, lines: items.map((_: unknown, index: number) => lineOf([index])) };
}

export interface SeedReport {
  added: Partial<Record<EntityName, number>>;
  alreadyPresent: number;
}

/**
 * Loads a data folder in one transaction: every file is parsed and checked first, then records
 * whose ids are not in the database yet are inserted. Records already there are left as they are,
 * so seeding twice changes nothing and never overwrites an edit. Any fault refuses the whole load.
 */
export async function seedFromFolder(
  db: Db,
  folder = demoDataFolder,
  onProgress: (message: string) => void = () => {},
): Promise<SeedReport> {
  const files = loadOrder.map((name) => parseDataFile(folder, name)).filter((f) => f !== undefined);
  const report: SeedReport = { added: {}, alreadyPresent: 0 };
  await db.transaction(async (tx) => {
    for (const parsed of files) {
      const repository = repositories[parsed.name];
      const ids = parsed.records.map((record) => record.id).filter((id): id is string => id !== undefined);
      const existing = new Set((await repository.getMany(tx as unknown as Db, ids)).map((r) => r.id));
      const fresh = parsed.records.filter((record) => !record.id || !existing.has(record.id));
      report.alreadyPresent += parsed.records.length - fresh.length;
      try {
        const prepared = await prepareRecords(tx as unknown as Db, parsed.name, fresh);
        const created = await repository.insertMany(tx as unknown as Db, prepared as never[], "seed");
        if (parsed.name === "documents")
          await receiveSeededDocuments(tx as unknown as Db, created as never[]);
      } catch (error) {
        throw locate(error, parsed, fresh);
      }
      report.added[parsed.name] = fresh.length;
      onProgress(
        `${parsed.file}: ${fresh.length} added, ${parsed.records.length - fresh.length} already present`,
      );
    }
  });
  return report;
}

/** Seeded documents are received like any other: their text kept as the original, and clustered. */
async function receiveSeededDocuments(tx: Db, created: StoredRecord<"documents">[]) {
  const received = created.map((record) => ({
    record,
    source: {
      via: "seed" as const,
      bytes: new TextEncoder().encode(record.text),
      location: record.url ?? "demo data",
    },
  }));
  await recordReceivedDocuments(tx, systemActor("seed"), received);
}

/** Points a store error about the n-th new record back at its line in the file. */
function locate(error: unknown, parsed: ParsedDataFile<EntityName>, fresh: NewRecord<EntityName>[]): unknown {
  if (!(error instanceof ValidationError) && !(error instanceof Error)) return error;
  const detail = error instanceof ValidationError ? error.details[0] : undefined;
  const index = detail ? Number.parseInt(detail.path, 10) : Number.NaN;
  const record = Number.isNaN(index) ? fresh[0] : fresh[index];
  const line = parsed.lines[parsed.records.indexOf(record as never)] ?? 1;
  const reason = detail ? `${detail.path.replace(/^\d+\./, "")}: ${detail.message}` : error.message;
  return new DataFileError(parsed.file, line, reason);
}
