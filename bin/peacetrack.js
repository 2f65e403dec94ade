#!/usr/bin/env node
// Runs the `peacetrack` command from one bundle of its TypeScript sources (dist/server), rebuilt here
// whenever a source is newer than it. Loading the sources through tsx instead costs about a second on
// every start, which is most of a restart. PEACETRACK_FROM_SOURCE=1 runs the sources through tsx.
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/cli/main.ts");
const bundle = join(root, "dist/server/peacetrack.mjs");

/** The newest modification time among the server's sources and what decides how they build. */
function newestInput(folder = join(root, "src")) {
  let newest = 0;
  for (const item of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, item.name);
    if (item.isDirectory()) {
      if (path !== join(root, "src/web")) newest = Math.max(newest, newestInput(path));
    } else if (item.name.endsWith(".ts") && !item.name.endsWith(".test.ts")) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const inputs = [
    join(root, "package.json"),
    join(root, "package-lock.json"),
    fileURLToPath(import.meta.url),
  ];
  const newest = Math.max(newestInput(), ...inputs.filter(existsSync).map((file) => statSync(file).mtimeMs));
  return statSync(bundle).mtimeMs >= newest;
}

async function buildBundle() {
  const { build } = await import("esbuild");
  // Built aside and renamed into place, so a process starting meanwhile never loads half a file.
  const temporary = `${bundle}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "silent",
  });
  renameSync(`${temporary}.map`, `${bundle}.map`);
  renameSync(temporary, bundle);
}

async function runFromSource() {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}

process.setSourceMapsEnabled(true);
if (process.env.PEACETRACK_FROM_SOURCE === "1") {
  await runFromSource();
} else {
  let ready = bundleIsFresh();
  if (!ready) {
    try {
      await buildBundle();
      ready = true;
    } catch (error) {
      process.stderr.write(
        `peacetrack: could not bundle the sources (${error.message}); running them through tsx.\n`,
      );
    }
  }
  if (ready) await import(pathToFileURL(bundle).href);
  else await runFromSource();
}
