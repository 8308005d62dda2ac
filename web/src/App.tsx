import { useEffect, useMemo } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { I18nextProvider } from "react-i18next";
import { RouterProvider } from "react-router";
import type { i18n as I18n } from "i18next";
import { isApiError } from "./shared/api/errors";
import { sessionState } from "./shared/api/activity";
import { setLanguageProvider } from "./shared/api/client";
import { fetchSession, SESSION_QUERY_KEY } from "./shared/auth/session";
import type { SessionInfo } from "./shared/api/types";
import { createAppRouter } from "./router";
import { rereadQueries } from "./shared/realtime/rereadQueries";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // Client errors (401/403/404/validation) do not get better by retrying.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

type AppRouter = ReturnType<typeof createAppRouter>;

export function App({ i18n, createRouter = createAppRouter }: { i18n: I18n; createRouter?: () => AppRouter }) {
  const queryClient = useMemo(createQueryClient, []);
  const router = useMemo(createRouter, [createRouter]);

  useEffect(() => {
    setLanguageProvider(() => i18n.language);
  }, [i18n]);

  useEffect(() => {
    // The server answers clinic names, addresses and doctors' bios in the Accept-Language: refetch them in the new language.
    const refetch = () => void rereadQueries(queryClient, { predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
    i18n.on("languageChanged", refetch);
    return () => i18n.off("languageChanged", refetch);
  }, [i18n, queryClient]);

  useEffect(() => {
    // On start: learn who we are (this also gives us the XSRF-TOKEN cookie for later POSTs).
    void queryClient.prefetchQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession });
  }, [queryClient]);

  useEffect(() => {
    // The server ended the session (idle timeout): drop cached data, go to sign-in with a message.
    sessionState.onSessionEnded(() => {
      setTimeout(() => {
        // Navigate first, so the signed-in area's own guard does not redirect without the message.
        void router.navigate("/sign-in", { replace: true, state: { sessionEnded: true } }).then(() => {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
          queryClient.setQueryData<SessionInfo>(SESSION_QUERY_KEY, (old) =>
            old ? { ...old, authenticated: false, user: undefined, idleExpiresAt: undefined } : old,
          );
        });
      }, 0);
    });
    return () => sessionState.onSessionEnded(undefined);
  }, [queryClient, router]);

  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
