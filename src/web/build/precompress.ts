import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images and fonts in the build are compressed already. */
const compressible = /\.(js|mjs|css|html|svg|json|txt|xml|wasm|geojson|topojson|pbf)$/;
/** Below this size a compressed copy saves less than the extra headers cost. */
const minimumBytes = 1024;

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
    ),
  );
  return nested.flat();
}

/**
 * Brotli's best quality costs about 2 s per megabyte (quality 9: a tenth of that, 5–8 % larger). The
 * first script and the pages are smaller than this and get the best; the map library and its data
 * are larger and get quality 9, so a build stays within seconds.
 */
const bestQualityUpTo = 512 * 1024;
export const brotliQualityFor = (bytes: number) =>
  bytes <= bestQualityUpTo ? constants.BROTLI_MAX_QUALITY : 9;

/** Writes a `.gz` and a `.br` copy of one file, paid once per build rather than on every request. */
export async function precompressFile(path: string): Promise<void> {
  const content = await readFile(path);
  const [gzipped, brotlied] = await Promise.all([
    gzipAsync(content, { level: 9 }),
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQualityFor(content.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
  ]);
  await Promise.all([writeFile(`${path}.gz`, gzipped), writeFile(`${path}.br`, brotlied)]);
}

/**
 * Compresses the built files at build time, so that the server sends `.br`/`.gz` copies from disk
 * (@fastify/static `preCompressed`) instead of compressing every response again, at the best ratio.
 */
export function precompress(): Plugin {
  let outDir = "";
  let writes = true;
  return {
    name: "peacetrack:precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
      writes = config.build.write;
    },
    async closeBundle() {
      // A build kept in memory (the bundle's tests, the benchmark) leaves the output folder alone.
      if (!writes) return;
      const files = await filesUnder(outDir);
      const worth = await Promise.all(
        files.map(async (file) => compressible.test(file) && (await stat(file)).size >= minimumBytes),
      );
      await Promise.all(files.filter((_, index) => worth[index]).map(precompressFile));
    },
  };
}
