import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { brotliQualityFor } from "./precompress.js";

/**
 * What a browser must download before the first page can run: the entry chunk and every chunk it
 * imports statically, transitively. Chunks behind a dynamic import (the pages, the map, the charts)
 * are not in it. Used by the bundle's test (what must stay out) and the benchmark (its size).
 */

type Chunk = Rolldown.OutputChunk;

/** Builds the web app in memory, with the project's vite config, and returns its chunks. */
export async function buildWebInMemory(root: string): Promise<Chunk[]> {
  const result = await build({
    configFile: join(root, "vite.config.ts"),
    root: join(root, "src/web"),
    logLevel: "silent",
    // Under vitest NODE_ENV is "test", which would otherwise build React's larger development code.
    mode: "production",
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: { write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) => output.output.filter((item): item is Chunk => item.type === "chunk"));
}

/** The entry chunks and what they import statically, transitively. */
export function initialChunks(chunks: readonly Chunk[]): Chunk[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Map<string, Chunk>();
  const visit = (chunk: Chunk) => {
    if (initial.has(chunk.fileName)) return;
    initial.set(chunk.fileName, chunk);
    for (const file of chunk.imports) {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return [...initial.values()];
}

/** The npm package a module comes from ("zod", "@vitejs/x"), or undefined for our own sources. */
export function packageOf(moduleId: string): string | undefined {
  const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(moduleId.split("?")[0] ?? "");
  return match?.[1]?.replace("\\", "/");
}

export interface ScriptSize {
  bytes: number;
  gzip: number;
  brotli: number;
}

/** Sizes as the server sends them: the build's .gz and .br copies are made at these settings. */
export function scriptSize(chunks: readonly Chunk[]): ScriptSize {
  const total = { bytes: 0, gzip: 0, brotli: 0 };
  for (const chunk of chunks) {
    const code = Buffer.from(chunk.code);
    total.bytes += code.length;
    total.gzip += gzipSync(code, { level: 9 }).length;
    total.brotli += brotliCompressSync(code, {
      params: { [constants.BROTLI_PARAM_QUALITY]: brotliQualityFor(code.length) },
    }).length;
  }
  return total;
}
