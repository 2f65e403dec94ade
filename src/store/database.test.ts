import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { DataFolderInUseError, openDatabase } from "./database.js";

const folder = mkdtempSync(join(tmpdir(), "peacetrack-lock-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it("keeps a second opener out of a data folder in use, and lets it in once closed", async () => {
  const first = await openDatabase({ dataDir: folder });
  await expect(openDatabase({ dataDir: folder })).rejects.toBeInstanceOf(DataFolderInUseError);
  await first.close();
  const second = await openDatabase({ dataDir: folder });
  await second.close();
});
