/** MapLibre's worker module ships without types; points-worker.ts needs only its default export. */
declare module "maplibre-gl/dist/maplibre-gl-worker.mjs" {
  /** The worker's entry: `new MapLibreWorker(self)` sets the worker up on its global scope. */
  const MapLibreWorker: new (scope: unknown) => unknown;
  export default MapLibreWorker;
}
