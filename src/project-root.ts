import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder that holds package.json, found by walking up from this module: the same answer whether
 * the code runs from its TypeScript sources or from the server bundle in dist/server. Every file the
 * server reads at run time (migrations, data, locales, the built web app) is named from here.
 */
function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "peacetrack")
      return folder;
    if (dirname(folder) === folder) throw new Error(`No Peacetrack package.json above ${start}.`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const fromRoot = (...parts: string[]) => join(projectRoot, ...parts);
