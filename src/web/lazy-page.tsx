import { type ComponentType, type LazyExoticComponent, lazy } from "react";

const reloadMark = "peacetrack:reloaded-for-chunk";

/**
 * A page loaded as its own chunk the first time its route is shown, so that the map, the charts and
 * each page's code stay out of the first script. Pages are named exports; React.lazy wants a default.
 *
 * A chunk can be missing when the server was upgraded while this tab was open (chunk names carry a
 * content hash and the old ones are gone): reloading once fetches the new index.html and its chunks.
 */
export function lazyPage<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name] & ComponentType> {
  return lazy(async () => {
    try {
      const module = await load();
      sessionStorage.removeItem(reloadMark);
      return { default: module[name] as Module[Name] & ComponentType };
    } catch (error) {
      if (!sessionStorage.getItem(reloadMark)) {
        sessionStorage.setItem(reloadMark, "1");
        window.location.reload();
      }
      throw error;
    }
  });
}
