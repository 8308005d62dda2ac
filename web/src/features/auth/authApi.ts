import { api } from "../../shared/api/client";
import type { Invitation, LanguageCode, MfaEnrolment, SignInStatus } from "../../shared/api/types";

/** GET /auth/mfa: the signed-in user's second factor; `required` when the account must keep it (staff). */
export interface MfaStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
  required: boolean;
}

export interface RegisterRequest {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  preferredLanguage: LanguageCode;
}

/** Registration, sign-in, MFA, password reset and invitations (docs/api-v1.md, "Session and sign-in"). */
export const authApi = {
  register: (body: RegisterRequest) => api.post("/auth/register", body),
  verifyEmail: (token: string) => api.post("/auth/verify-email", { token }),
  /** 202 for any address; a new link goes only to a registered, unconfirmed account. */
  resendVerification: (email: string) => api.post("/auth/verify-email/resend", { email }),
  signIn: (email: string, password: string) => api.post<{ status: SignInStatus }>("/auth/sign-in", { email, password }),
  signInMfa: (body: { code: string } | { recoveryCode: string }) => api.post<{ status: SignInStatus }>("/auth/sign-in/mfa", body),
  mfaEnrolment: () => api.get<MfaEnrolment>("/auth/mfa/enrolment"),
  /** POST /auth/mfa/enrolment/replacement: proves the current second factor; answers the new key to confirm. */
  beginMfaReplacement: (body: { code: string } | { recoveryCode: string }) => api.post<MfaEnrolment>("/auth/mfa/enrolment/replacement", body),
  completeMfaEnrolment: (code: string) => api.post<{ recoveryCodes: string[] }>("/auth/mfa/enrolment", { code }),
  forgotPassword: (email: string) => api.post("/auth/password/forgot", { email }),
  /** 204; 400 validation.failed with a `currentPassword` field error when the current password is wrong. */
  resetPassword: (token: string, newPassword: string) => api.post("/auth/password/reset", { token, newPassword }),
  /** 204; 400 validation.failed with a `currentPassword` field error when the current password is wrong. Ends the other sessions. */
  changePassword: (currentPassword: string, newPassword: string) => api.post("/auth/password/change", { currentPassword, newPassword }),
  mfaStatus: () => api.get<MfaStatus>("/auth/mfa"),
  /** 10 new recovery codes (the old ones stop working); 400 validation.failed on `code` when the authenticator code is wrong. */
  regenerateRecoveryCodes: (code: string) => api.post<{ recoveryCodes: string[] }>("/auth/mfa/recovery-codes", { code }),
  /** Invitation tokens are credentials: they go in the body, never the URL of an API call. */
  inspectInvitation: (token: string) => api.post<Invitation>("/auth/invitations/inspect", { token }),
  acceptInvitation: (token: string, password: string) => api.post<{ status: SignInStatus }>("/auth/invitations/accept", { token, password }),
};

/** React Query keys of the auth pages' queries. */
export const authKeys = {
  mfaStatus: ["auth", "mfa"] as const,
  invitation: (token: string) => ["auth", "invitation", token] as const,
  mfaEnrolment: ["auth", "mfa-enrolment"] as const,
};
