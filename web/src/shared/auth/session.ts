import { useQuery, type QueryClient } from "@tanstack/react-query";
import { sessionApi } from "../api/endpoints";
import { activityStore, sessionState } from "../api/activity";
import { getLastServerDate } from "../api/client";
import type { SessionInfo } from "../api/types";

export const SESSION_QUERY_KEY = ["session"] as const;

export function isFullySignedIn(session: SessionInfo | undefined): boolean {
  return Boolean(session?.authenticated && session.user && !session.user.mfaEnrolmentRequired);
}

/**
 * Where the server says the idle session ends, turned into a local "last activity" time.
 * Uses the server's Date header so a skewed (or test-controlled) browser clock does not matter.
 */
export function lastActivityFromSession(
  session: SessionInfo,
  serverNow: number | undefined,
  localNow: number,
): number | undefined {
  if (!session.idleExpiresAt || serverNow === undefined) return undefined;
  const expires = Date.parse(session.idleExpiresAt);
  if (Number.isNaN(expires)) return undefined;
  const remainingMs = expires - serverNow;
  return localNow + remainingMs - session.idleTimeoutSeconds * 1000;
}

export async function fetchSession(): Promise<SessionInfo> {
  const session = await sessionApi.session();
  if (isFullySignedIn(session)) {
    const fromServer = lastActivityFromSession(session, getLastServerDate(), Date.now());
    if (!sessionState.isSignedIn()) {
      sessionState.setSignedIn(true);
      activityStore.mark(fromServer ?? Date.now());
    } else if (fromServer !== undefined) {
      activityStore.mark(fromServer);
    }
  } else if (sessionState.isSignedIn()) {
    // We were signed in and the server no longer knows us: it ended the session.
    sessionState.reportUnauthorized();
  }
  return session;
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: 1,
  });
}

/** After sign-in steps: fetch the session anew and return it. */
export async function reloadSession(queryClient: QueryClient): Promise<SessionInfo> {
  return queryClient.fetchQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: 0 });
}
