import { render } from "@testing-library/react";
import { createMemoryRouter } from "react-router";
import { App } from "../App";
import { routes } from "../router";
import { createI18n } from "../shared/i18n/i18n";

export function renderApp(path: string, language: "en" | "ru" = "en") {
  const i18n = createI18n(language);
  let router: ReturnType<typeof createMemoryRouter> | undefined;
  const createRouter = () => {
    router = createMemoryRouter(routes, { initialEntries: [path] });
    return router;
  };
  const result = render(<App i18n={i18n} createRouter={createRouter} />);
  return { ...result, i18n, router: () => router! };
}
