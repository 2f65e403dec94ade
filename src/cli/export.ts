import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { loadOrder } from "../domain/entities.js";
import { packageVersion } from "../services/version.js";
import { repositories } from "../store/repository.js";
import { openMigrated, say } from "./database.js";
import { readerFor } from "./readers.js";

/**
 * Streams every record, kind by kind and page by page, so an export never holds the whole database.
 * By default as the CLI's system reader (every review state: a backup that round-trips); `--public`
 * writes only what the public may read.
 */
export async function exportCommand(options: { out?: string; public?: boolean }) {
  const readAs = readerFor(options.public === true);
  const database = await openMigrated();
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  try {
    await write(
      `{"format":"peacetrack-export/1","version":${JSON.stringify(packageVersion)},"exportedAt":${JSON.stringify(new Date().toISOString())},"records":{`,
    );
    for (const [index, name] of loadOrder.entries()) {
      await write(`${index > 0 ? "," : ""}\n${JSON.stringify(name)}:[`);
      let cursor: string | undefined;
      let written = 0;
      do {
        const page = await repositories[name].list(database.db, { limit: 500, cursor, readAs });
        for (const record of page.items)
          await write(`${written++ > 0 ? "," : ""}\n${JSON.stringify(record)}`);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      await write("]");
      say(`${name}: ${written}`);
    }
    await write("\n}}\n");
  } finally {
    if (options.out) {
      out.end();
      await once(out, "finish");
    }
    await database.close();
  }
}
