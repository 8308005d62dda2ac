import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import type { SignInStatus } from "../../shared/api/types";
import { reloadSession } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";
import { RETURN_TO_PARAM, safeReturnTo, withReturnTo } from "../../shared/auth/returnTo";

/** Route after a sign-in step: the next MFA step, or the `returnTo` target (same-site paths only), or the portal of the user's first role. */
export function useAfterSignIn(): (status: SignInStatus) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get(RETURN_TO_PARAM));
  return useCallback(
    async (status: SignInStatus) => {
      if (status === "mfaRequired") return void (await navigate(withReturnTo("/mfa", returnTo)));
      if (status === "mfaEnrolmentRequired") return void (await navigate(withReturnTo("/mfa/enrol", returnTo)));
      const session = await reloadSession(queryClient);
      await navigate(returnTo ?? homePathForRoles(session.user?.roles ?? []), { replace: true });
    },
    [queryClient, navigate, returnTo],
  );
}
