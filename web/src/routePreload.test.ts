import type { RouteObject } from "react-router";
import { preloadAfter } from "./routePreload";

describe("preloadAfter", () => {
  const route = (loaded: Omit<RouteObject, "lazy">): Pick<RouteObject, "lazy"> => ({ lazy: () => Promise.resolve(loaded) });

  it("gives the route's own component, and loads the next page's chunks only once the browser is idle", async () => {
    const next = vi.fn(() => Promise.resolve({}));
    const idleTasks: (() => void)[] = [];
    const wrapped = preloadAfter(route({ handle: "waiting room" }), next, (task) => idleTasks.push(task));

    const loaded = await (wrapped.lazy as () => Promise<Omit<RouteObject, "lazy">>)();

    expect(loaded).toEqual({ handle: "waiting room" });
    expect(next).not.toHaveBeenCalled();
    expect(idleTasks).toHaveLength(1);
    idleTasks[0]!();
    expect(next).toHaveBeenCalledTimes(1);
  });

  it("swallows a failed preload: the navigation loads the chunks again itself", async () => {
    const next = vi.fn(() => Promise.reject(new Error("chunk failed")));
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const wrapped = preloadAfter(route({}), next, (task) => task());
      await (wrapped.lazy as () => Promise<unknown>)();
      await new Promise((r) => setTimeout(r, 0));
      expect(next).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
