import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../project-root.js";

/**
 * The web app is rebuilt only when what it is built from changed. A content hash (not modification
 * times) decides, so a checkout or a copy that touches every file does not force a build, and an edit
 * that keeps the old time does not escape one. The hash of the build's inputs is written beside it.
 */

/** Inside the build's output folder; a dot file, so the static server never serves it. */
export const stampName = ".build-hash";

const inputFolders = ["src/web", "src/domain"];
const inputFiles = ["vite.config.ts", "package-lock.json", "tsconfig.json"];

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    // Tests never reach the browser: editing one must not cost a build.
    return /\.test\.tsx?$/.test(entry.name) ? [] : [path];
  });
}

/** SHA-256 over the path and content of every file the web build reads from this project. */
export function webInputsHash(root = projectRoot): string {
  const files = [
    ...inputFolders.flatMap((folder) => filesUnder(join(root, folder))),
    ...inputFiles.map((file) => join(root, file)).filter(existsSync),
  ]
    .map((path) => relative(root, path))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The inputs' hash a complete build in `outDir` was made from, if there is one. */
function builtFrom(outDir: string): string | undefined {
  const stamp = join(outDir, stampName);
  if (!existsSync(join(outDir, "index.html")) || !existsSync(stamp)) return undefined;
  return readFileSync(stamp, "utf8").trim();
}

export function webBuildIsCurrent(outDir: string, root = projectRoot): boolean {
  return builtFrom(outDir) === webInputsHash(root);
}

export interface WebBuildOptions {
  root?: string;
  outDir?: string;
  log?: (message: string) => void;
}

/**
 * Builds the web app into `outDir` unless the build there was made from the same inputs. The build
 * runs in a child process (vite and its bundler stay out of the server's memory) into a folder of its
 * own, which is then renamed into place: a server running meanwhile never sees half a build, and two
 * processes building at once each end with a whole one.
 */
export async function ensureWebBuild({
  root = projectRoot,
  outDir = join(root, "dist/web"),
  log = () => {},
}: WebBuildOptions = {}): Promise<{ built: boolean; ms: number }> {
  const start = performance.now();
  const hash = webInputsHash(root);
  if (builtFrom(outDir) === hash) return { built: false, ms: performance.now() - start };

  log("Web app: no build from these sources yet; building it…");
  const fresh = `${outDir}.${process.pid}.building`;
  const aside = `${outDir}.${process.pid}.old`;
  try {
    await promisify(execFile)(
      process.execPath,
      [
        join(root, "node_modules/vite/bin/vite.js"),
        "build",
        "--outDir",
        fresh,
        "--emptyOutDir",
        "--logLevel",
        "warn",
      ],
      // Whatever the shell says, the browser gets React's production code.
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: "production" } },
    );
    writeFileSync(join(fresh, stampName), `${hash}\n`);
    if (existsSync(outDir)) renameSync(outDir, aside);
    try {
      renameSync(fresh, outDir);
    } catch (error) {
      // Another process put its build in place between our two renames: it is as good as ours.
      if (!existsSync(join(outDir, "index.html"))) throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(aside, { recursive: true, force: true });
  }
  const ms = performance.now() - start;
  log(`Web app built in ${(ms / 1000).toFixed(1)} s.`);
  return { built: true, ms };
}
