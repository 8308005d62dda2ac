import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import type { SignInStatus } from "../../shared/api/types";
import { reloadSession } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";
import { currentReturnTo, forgetReturnTo, withReturnTo } from "../../shared/auth/returnTo";

/**
 * Route after a sign-in step: the next MFA step, or the `returnTo` target (same-site paths only; the parameter, else the one
 * remembered across registration's or a password reset's e-mail), or the portal of the user's first role.
 */
export function useAfterSignIn(): (status: SignInStatus) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Also the target remembered before an e-mail hop (registered, confirmed the address, now signing in).
  const returnTo = currentReturnTo(`?${params.toString()}`);
  return useCallback(
    async (status: SignInStatus) => {
      if (status === "mfaRequired") return void (await navigate(withReturnTo("/mfa", returnTo)));
      if (status === "mfaEnrolmentRequired") return void (await navigate(withReturnTo("/mfa/enrol", returnTo)));
      const session = await reloadSession(queryClient);
      forgetReturnTo();
      await navigate(returnTo ?? homePathForRoles(session.user?.roles ?? []), { replace: true });
    },
    [queryClient, navigate, returnTo],
  );
}
