import type { ReactNode } from "react";
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter, Route, Routes } from "react-router";
import { createI18n, type SupportedLanguage } from "../shared/i18n/i18n";

/** Renders a component of the calls/chat features with i18n, React Query and a router at `path`. */
export function renderWithProviders(
  ui: ReactNode,
  { path = "/", route = "*", language = "en" }: { path?: string; route?: string; language?: SupportedLanguage } = {},
) {
  const i18n = createI18n(language);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } });
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={ui} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, client, i18n };
}
