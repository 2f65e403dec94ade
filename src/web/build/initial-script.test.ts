import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWebInMemory, initialChunks, packageOf, scriptSize } from "./initial-script.js";

/**
 * The first script stays small: the schema library never reaches the browser (the web app imports
 * only types from the domain's schemas, and plain lists from zod-free modules such as
 * domain/incident-types.ts), and the heavy libraries load with the pages that use them.
 */

const root = join(import.meta.dirname, "../../..");
/** Never in any chunk: the server validates; the browser only needs the types. */
const neverInBrowser = ["zod"];
/** Only in the chunks of the pages that draw them. */
const notInFirstScript = ["zod", "recharts", "maplibre-gl", "supercluster", "topojson-client", "world-atlas"];
/** Compressed bytes of the first script; today about 110 kB (it was 246 kB as one script). */
const gzipBudget = 160_000;

describe("the web app's bundle", () => {
  let chunks: Awaited<ReturnType<typeof buildWebInMemory>>;
  beforeAll(async () => {
    chunks = await buildWebInMemory(root);
  });

  const packagesIn = (list: typeof chunks) =>
    new Set(list.flatMap((chunk) => chunk.moduleIds.map(packageOf)).filter((p) => p !== undefined));

  it("has no zod in any chunk", () => {
    const everywhere = packagesIn(chunks);
    for (const name of neverInBrowser) expect(everywhere.has(name), `${name} is in the bundle`).toBe(false);
  });

  it("keeps the charts, the map and every page out of the first script", () => {
    const initial = initialChunks(chunks);
    expect(initial.length).toBeGreaterThan(0);
    const first = packagesIn(initial);
    expect(first.has("react-dom"), "the analysis sees the modules in each chunk").toBe(true);
    for (const name of notInFirstScript)
      expect(first.has(name), `${name} is in the first script`).toBe(false);
    const pagesInFirst = initial
      .flatMap((chunk) => chunk.moduleIds)
      .filter((id) => /[\\/]src[\\/]web[\\/]pages[\\/]/.test(id));
    expect(pagesInFirst, "pages must be loaded with React.lazy (see lazy-page.tsx)").toEqual([]);
  });

  it("keeps the first script within its budget", () => {
    const size = scriptSize(initialChunks(chunks));
    expect(size.gzip).toBeLessThan(gzipBudget);
    expect(size.brotli).toBeLessThan(size.gzip);
  });
});
