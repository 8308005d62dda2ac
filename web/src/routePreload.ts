import type { LazyRouteFunction, RouteObject } from "react-router";

type LazyRoute = Pick<RouteObject, "lazy">;

/** Runs `task` once the browser is idle (at most `timeoutMs` later), or after a short delay where idle callbacks do not exist. */
export function whenIdle(task: () => void, timeoutMs = 2000): void {
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 200);
}

/**
 * A lazy route that, once its own chunks are in, loads `next`'s chunks when the browser is idle.
 *
 * A lazy route's navigation waits for its chunks. A page that usually leads to another (the waiting room to the call)
 * fetches that page's chunks ahead, so the navigation waits for nothing. Measured by `bench/run-consultations.sh`: the call
 * page's chunks loaded after the doctor's Accept cost 100–350 ms of the call's set-up. A failed preload costs nothing:
 * the navigation loads the chunks again itself.
 */
export function preloadAfter(route: LazyRoute, next: () => Promise<unknown>, idle: (task: () => void) => void = whenIdle): LazyRoute {
  const lazy = route.lazy as LazyRouteFunction<RouteObject>;
  return {
    lazy: async () => {
      const loaded = await lazy();
      idle(() => void next().catch(() => undefined));
      return loaded;
    },
  };
}
