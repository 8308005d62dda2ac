import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { SignInStatus } from "../../shared/api/types";
import { reloadSession } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";

/** Route after a sign-in step: the next MFA step, or the portal of the user's first role. */
export function useAfterSignIn(): (status: SignInStatus) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (status: SignInStatus) => {
      if (status === "mfaRequired") return void (await navigate("/mfa"));
      if (status === "mfaEnrolmentRequired") return void (await navigate("/mfa/enrol"));
      const session = await reloadSession(queryClient);
      await navigate(homePathForRoles(session.user?.roles ?? []), { replace: true });
    },
    [queryClient, navigate],
  );
}
