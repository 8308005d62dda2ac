import { beforeAll } from "vitest";
import { render } from "@testing-library/react";
import { createMemoryRouter, type RouteObject } from "react-router";
import { App } from "../App";
import { routes } from "../router";
import { createI18n } from "../shared/i18n/i18n";

/** The app's routes with every lazy page already loaded (see the beforeAll below). */
let loadedRoutes: RouteObject[] | undefined;

/** Loads each lazy route's module and puts its Component/element on the route, as the router would on first visit. */
export async function resolveLazyRoutes(list: RouteObject[]): Promise<RouteObject[]> {
  return Promise.all(
    list.map(async (route) => {
      const lazy = typeof route.lazy === "function" ? await route.lazy() : {};
      const children = route.children ? await resolveLazyRoutes(route.children) : undefined;
      return { ...route, ...lazy, lazy: undefined, ...(children ? { children } : {}) } as RouteObject;
    }),
  );
}

// Pages load lazily in the app; a test file that renders the app loads them all once up front, so
// a test's waits measure the page, not the first transform of its module on a busy machine.
beforeAll(async () => {
  loadedRoutes = await resolveLazyRoutes(routes);
}, 120_000);

export function renderApp(path: string, language: "en" | "ru" = "en") {
  const i18n = createI18n(language);
  let router: ReturnType<typeof createMemoryRouter> | undefined;
  const createRouter = () => {
    router = createMemoryRouter(loadedRoutes ?? routes, { initialEntries: [path] });
    return router;
  };
  const result = render(<App i18n={i18n} createRouter={createRouter} />);
  return { ...result, i18n, router: () => router! };
}
