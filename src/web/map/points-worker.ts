import MapLibreWorker from "maplibre-gl/dist/maplibre-gl-worker.mjs";
import { type IncidentPoints, mapFeatures } from "./point-set";
import { pointsMessage, pointsProtocol, rangeOfPointsUrl } from "./points-protocol";

/**
 * MapLibre's worker, with the map's incidents made into features here rather than on the page.
 * A GeoJSON object handed from the page to the worker is copied object by object (MapLibre's
 * serializer, then the browser's structured clone): for 100,000 points that took most of a second
 * and more. The page sends the answer's text once instead (one string, copied whole); the worker
 * parses it, keeps it, and builds the features of any date range from it when MapLibre asks for
 * `peacetrack://points/<key>?from=…&to=…&kind=incidents|signals`.
 */

interface MapLibreWorkerScope {
  worker?: unknown;
  addProtocol: (name: string, load: (request: { url: string }) => Promise<{ data: unknown }>) => void;
}
type MessageHandler = (mapId: string, data: unknown) => Promise<unknown>;
interface MapLibreWorkerReady extends MapLibreWorkerScope {
  worker: {
    actor: {
      registerMessageHandler: (type: string, handler: MessageHandler) => void;
      /** Not in MapLibre's types; read once below, with a fallback when it is gone. */
      messageHandlers?: Record<string, MessageHandler | undefined>;
    };
  };
}

// MapLibre's module does this on import, but the bundler drops a bare import of it (its package
// declares no side effects): the worker is set up here, as the module would.
const workerScope = self as unknown as MapLibreWorkerScope;
workerScope.worker ??= new MapLibreWorker(self);
const scope = workerScope as MapLibreWorkerReady;
/** The last few selections sent, by key; a brush asks again for one of them. */
const kept = new Map<string, IncidentPoints>();
const keep = 3;

scope.worker.actor.registerMessageHandler(pointsMessage, async (_mapId, data) => {
  const { key, text } = data as { key: string; text: string };
  kept.set(key, JSON.parse(text) as IncidentPoints);
  for (const old of kept.keys()) if (kept.size > keep) kept.delete(old);
  return true;
});

scope.addProtocol(pointsProtocol, async ({ url }) => {
  const { key, range, kind } = rangeOfPointsUrl(url);
  const points = kept.get(key);
  if (!points) throw new Error(`The map's incidents ${key} are not in this worker (it was restarted).`);
  return { data: mapFeatures(points, range, kind)[kind] };
});

/**
 * MapLibre's "load data" answer (MessageType.loadData, "LD") carries the data it loaded from a URL
 * back to the page, for `getData()`, which the map never calls: for 100,000 features that copy cost
 * more than clustering them. For our protocol the answer goes back without it. Should a MapLibre
 * upgrade rename what this reads, the map still works, only slower.
 */
const loadData = scope.worker.actor.messageHandlers?.LD;
if (loadData)
  scope.worker.actor.registerMessageHandler("LD", async (mapId, params) => {
    const result = await loadData(mapId, params);
    const url = (params as { request?: { url?: string } } | undefined)?.request?.url;
    if (url?.startsWith(`${pointsProtocol}://`) && result && typeof result === "object")
      delete (result as { data?: unknown }).data;
    return result;
  });
