import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromRoot } from "../project-root.js";

/**
 * The shared sample inputs (../shared/samples beside the repository: real feeds and articles written
 * by others, which are not ours to commit). The three sample articles are also part of the demo data
 * (data/demo/documents), so tests of articles read those and always run.
 */
const candidates = [
  process.env.PEACETRACK_SAMPLES,
  fromRoot("..", "shared", "samples"),
  "/work/shared/samples",
].filter((folder): folder is string => !!folder);

export const samplesFolder = candidates.find((folder) => existsSync(join(folder, "feeds")));

/** A sample feed's bytes; the tests that use them are skipped (and say so) where the samples are absent. */
export function sampleFeed(name: string): Buffer {
  if (!samplesFolder) throw new Error("the shared samples folder (../shared/samples) is not on this machine");
  return readFileSync(join(samplesFolder, "feeds", name));
}

/** The sample articles, from the demo data's copies. */
export function sampleArticle(name: string): string {
  return readFileSync(fromRoot("data", "demo", "documents", name), "utf8");
}
export const sampleArticleBytes = (name: string): Buffer =>
  readFileSync(fromRoot("data", "demo", "documents", name));
