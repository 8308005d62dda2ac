import { Navigate, Outlet, useLocation } from "react-router";
import type { Role } from "../../shared/api/types";
import { useSession, isFullySignedIn } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";
import { signInPathFor } from "../../shared/auth/returnTo";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { sessionState } from "../../shared/api/activity";
import { AppLayout } from "./AppLayout";

/** Signed-in area: unauthenticated users go to /sign-in; staff who still must enrol MFA go there. */
export function RequireAuth() {
  const { data: session, error, isPending, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error || !session) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (session.authenticated && session.user?.mfaEnrolmentRequired) return <Navigate to="/mfa/enrol" replace />;
  if (!isFullySignedIn(session)) {
    const sessionEnded = sessionState.wasEndedByServer();
    // The target rides in the address (not only in history state) so it survives the MFA step and a reload.
    return <Navigate to={signInPathFor(location.pathname + location.search)} replace state={{ from: location.pathname, sessionEnded }} />;
  }
  return <AppLayout session={session} />;
}

/** A portal's routes: users without its role go to their own portal. */
export function RequireRole({ role }: { role: Role }) {
  const { data: session } = useSession();
  const roles = session?.user?.roles ?? [];
  if (!roles.includes(role)) return <Navigate to={homePathForRoles(roles)} replace />;
  return <Outlet />;
}

/** "/" → the user's portal, or sign-in. */
export function HomeRedirect() {
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (session && isFullySignedIn(session)) return <Navigate to={homePathForRoles(session.user!.roles)} replace />;
  return <Navigate to="/sign-in" replace />;
}
