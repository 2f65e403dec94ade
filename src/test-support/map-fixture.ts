import type { Browser } from "playwright-core";
import { createSchema } from "../domain/entities.js";
import { chromiumPath } from "../services/report/pdf.js";
import type { NewRecord } from "../store/repository.js";

/**
 * What the map's browser test and benchmark share: Chromium with WebGL, and incidents placed around
 * the Lachin corridor so that they cluster.
 */

/**
 * Headless Chromium draws WebGL with SwiftShader, its software renderer: Debian's build needs it
 * asked for by name, and allowed (it is "unsafe" only in that it runs untrusted shaders on the CPU).
 */
export async function launchChromiumWithWebgl(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

const types = ["ceasefire_violation", "movement_restriction", "blockade", "checkpoint_installed"] as const;

/**
 * `count` incidents of `processId` within about 5 km of Lachin, one a day from `firstDay`, types in
 * turn; every fifth at geo-precision 2 (drawn with a halo), none at a made-up position.
 */
export function incidentsNearLachin(
  processId: string,
  count: number,
  firstDay: string,
): NewRecord<"incidents">[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  return Array.from(
    { length: count },
    (_, i) =>
      createSchema("incidents").parse({
        id: `map-${processId}-${String(i).padStart(4, "0")}`,
        processId,
        title: `Map test incident ${i}`,
        monitoringType: types[i % types.length],
        startDate: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        latitude: 39.64 + ((i * 7) % 10) / 250,
        longitude: 46.55 + ((i * 3) % 10) / 250,
        geoPrecision: i % 5 === 4 ? 2 : 1,
        allegedByPartyIds: i % 2 ? ["armenia"] : ["azerbaijan"],
        verificationStatus: "reported",
        sources: [{ url: `https://example.org/map/${i}` }],
      }) as NewRecord<"incidents">,
  );
}
