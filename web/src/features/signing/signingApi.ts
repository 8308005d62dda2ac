import { api, apiFetch } from "../../shared/api/client";
import type { Paged } from "../../shared/api/types";

/**
 * A signing certificate (docs/clinical.md, "Signatures"): never its key. Instants are UTC ISO; serialNumber is hex; status is
 * active, revoked (revokedAt and revocationReason set: superseded, expired, keyCompromise, withdrawn) or expired. doctorName is the
 * doctor's name as the directory shows it now (null when the profile is gone; subject keeps the name at issue).
 */
export interface SigningCredential {
  id: string;
  doctorUserId: string;
  subject: string;
  serialNumber: string;
  issuedAt: string;
  notAfter: string;
  status: "active" | "revoked" | "expired" | string;
  revokedAt: string | null;
  revocationReason: string | null;
  doctorName: string | null;
}

/** The administrator's list's filters and page (page 1-based, pageSize 1–100). */
export interface CredentialQuery {
  status?: "active" | "revoked" | "expired";
  doctor?: string;
  page?: number;
  pageSize?: number;
}

/** Why an administrator revokes a certificate (RFC 5280 reason names). */
export type RevocationReason = "keyCompromise" | "withdrawn";

export const signingApi = {
  /** GET /clinical/signing/credential: the signed-in doctor's active certificate, issued on first use. */
  mine: () => api.get<SigningCredential>("/clinical/signing/credential"),
  /**
   * POST /clinical/signing/credential/rotate: a new certificate; the old one is revoked as superseded (signatures made with it stay
   * valid). The same idempotencyKey again (a lost answer) is answered with the certificate the first send issued.
   */
  rotate: (idempotencyKey: string) =>
    apiFetch<SigningCredential>("/clinical/signing/credential/rotate", { method: "POST", headers: { "Idempotency-Key": idempotencyKey } }),
  /**
   * GET /admin/signing/credentials: every doctor's certificates, newest first, a page at a time; narrowed to a status and to doctors
   * whose name contains `doctor` (at most 100 characters, any case). 400 validation.failed on a filter out of range.
   */
  list: (q: CredentialQuery) => api.get<Paged<SigningCredential>>("/admin/signing/credentials", { ...q }),
  /** POST /admin/signing/credentials/{id}/revoke; 404 clinical.credential_not_found, 409 clinical.credential_already_revoked. */
  revoke: (id: string, reason: RevocationReason) =>
    api.post<SigningCredential>(`/admin/signing/credentials/${encodeURIComponent(id)}/revoke`, { reason }),
};

export const signingKeys = {
  mine: ["signing", "credential", "mine"] as const,
  all: ["signing", "credentials", "all"] as const,
  list: (q: CredentialQuery) => ["signing", "credentials", "all", q] as const,
};
