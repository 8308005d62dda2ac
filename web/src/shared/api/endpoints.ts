import { api, apiFetch } from "./client";
import type { SessionInfo } from "./types";

/**
 * The session calls the whole app needs (the shell, the idle timer, sign-out). Each feature's own
 * calls and query keys live in its folder (features/<name>/<name>Api.ts); shared/api also holds the
 * scheduling and consultations clients, which several features read.
 */
export const sessionApi = {
  session: () => api.get<SessionInfo>("/auth/session"),
  /** A person's action: the only call that extends the session (every other call is background). */
  touch: () => apiFetch<void>("/auth/touch", { method: "POST", userInitiated: true }),
  signOut: () => api.post("/auth/sign-out"),
};
