/**
 * The map draws on boundaries the server ships (world-atlas, Natural Earth): nothing is fetched from
 * elsewhere unless an administrator names a raster tile server. Then the browser loads its tiles, so
 * the Content-Security-Policy must let that one origin through, and no other.
 */

export interface MapTileSetting {
  /** An XYZ template: https://tiles.example.org/{z}/{x}/{y}.png */
  url: string;
  attribution: string;
  maxZoom: number;
}

/** PEACETRACK_MAP_TILES (+ _ATTRIBUTION, _MAX_ZOOM); unset or empty: no basemap, the offline map only. */
export function mapTilesFromEnv(env: NodeJS.ProcessEnv = process.env): MapTileSetting | null {
  const url = env.PEACETRACK_MAP_TILES?.trim();
  if (!url) return null;
  const problem = tileTemplateProblem(url);
  if (problem) throw new Error(`PEACETRACK_MAP_TILES ${problem}: "${url}".`);
  const maxZoomText = env.PEACETRACK_MAP_TILES_MAX_ZOOM?.trim() || "19";
  const maxZoom = Number(maxZoomText);
  if (!Number.isInteger(maxZoom) || maxZoom < 0 || maxZoom > 24)
    throw new Error(
      `PEACETRACK_MAP_TILES_MAX_ZOOM must be a whole number from 0 to 24, not "${maxZoomText}".`,
    );
  return { url, attribution: env.PEACETRACK_MAP_TILES_ATTRIBUTION?.trim() ?? "", maxZoom };
}

function tileTemplateProblem(url: string): string | undefined {
  if (!/^https?:\/\//.test(url)) return "must be an http:// or https:// address";
  for (const part of ["{z}", "{x}", "{y}"]) if (!url.includes(part)) return `must contain ${part}`;
  try {
    // One origin, so that the Content-Security-Policy can name it: no {s} subdomain templates.
    if (/[{}]/.test(new URL(url).host)) return "must name one host (no {s} subdomains)";
  } catch {
    return "is not a valid address";
  }
  return undefined;
}

/** The Content-Security-Policy with the tile server's origin allowed for images and fetches. */
export function withMapTileOrigin<D extends Record<string, string[]>>(
  directives: D,
  tiles: MapTileSetting | null,
): D {
  if (!tiles) return directives;
  const origin = new URL(tiles.url).origin;
  return {
    ...directives,
    "img-src": [...(directives["img-src"] ?? []), origin],
    "connect-src": [...(directives["connect-src"] ?? []), origin],
  };
}
