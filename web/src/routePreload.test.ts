import type { LazyRouteFunction, RouteObject } from "react-router";
import { preloadAfter } from "./routePreload";

describe("preloadAfter", () => {
  const route = (loaded: Awaited<ReturnType<LazyRouteFunction<RouteObject>>>): Pick<RouteObject, "lazy"> => ({ lazy: () => Promise.resolve(loaded) });
  const load = (r: Pick<RouteObject, "lazy">) => (r.lazy as LazyRouteFunction<RouteObject>)();

  it("gives the route's own component, and loads the next page's chunks only once the browser is idle", async () => {
    const next = vi.fn(() => Promise.resolve({}));
    const idleTasks: (() => void)[] = [];
    const wrapped = preloadAfter(route({ handle: "waiting room" }), next, (task) => idleTasks.push(task));

    const loaded = await load(wrapped);

    expect(loaded).toEqual({ handle: "waiting room" });
    expect(next).not.toHaveBeenCalled();
    expect(idleTasks).toHaveLength(1);
    idleTasks[0]!();
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("swallows a failed preload (Vitest fails a run on an unhandled rejection): the navigation loads the chunks again itself", async () => {
    const next = vi.fn(() => Promise.reject(new Error("chunk failed")));
    const wrapped = preloadAfter(route({ handle: "queue" }), next, (task) => task());
    await expect(load(wrapped)).resolves.toEqual({ handle: "queue" });
    await new Promise((r) => setTimeout(r, 0));
    expect(next).toHaveBeenCalledTimes(1);
  });
});
