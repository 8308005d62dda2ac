import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { sessionApi } from "../api/endpoints";
import { sessionState } from "../api/activity";

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    sessionState.setSignedIn(false);
    try {
      await sessionApi.signOut();
    } catch {
      /* the session may already be gone; signing out locally is what matters */
    }
    queryClient.clear();
    await navigate("/sign-in", { replace: true, state: { signedOut: true } });
  }, [queryClient, navigate]);
}
