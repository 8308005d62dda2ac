import { api } from "../../shared/api/client";

/** A category the law requires the clinic to keep after an erasure (keptUntil: yyyy-MM-dd; years: the rule's period). */
export interface AdminKeptRecord {
  category: string;
  jurisdiction: string;
  years: number | string;
  legalSource: string;
  keptUntil: string;
}

/**
 * GET /admin/erasure-requests: one patient's request to erase their data (docs/privacy.md). Times are UTC ISO instants.
 * stepsDone/failedStep are step codes (documents, reviews, notificationHistory, answer, contactDetails, account); kept is filled once
 * carrying out started; declineReason once declined.
 */
export interface AdminErasureRequest {
  id: string;
  patientId: string;
  status: "requested" | "inProgress" | "completed" | "declined" | string;
  reason: string | null;
  requestedAt: string;
  decidedAt: string | null;
  completedAt: string | null;
  declineReason: string | null;
  kept: AdminKeptRecord[];
  stepsDone: string[];
  failedStep: string | null;
}

export const erasureRequestsApi = {
  /** Open requests first, then the rest, oldest first; status narrows to one status. */
  list: (status?: string) => api.get<AdminErasureRequest[]>("/admin/erasure-requests", { status: status || undefined }),
  /** 409 privacy.erasure_step_failed (resumable), privacy.erasure_closed; 404 privacy.erasure_not_found. */
  carryOut: (id: string) => api.post<AdminErasureRequest>(`/admin/erasure-requests/${encodeURIComponent(id)}/carry-out`),
  /** 409 privacy.erasure_closed unless still requested; 400 when the reason is empty. */
  decline: (id: string, reason: string) => api.post<AdminErasureRequest>(`/admin/erasure-requests/${encodeURIComponent(id)}/decline`, { reason }),
};

export const erasureRequestsKeys = {
  all: ["admin", "erasure-requests"] as const,
  list: (status: string) => ["admin", "erasure-requests", status] as const,
};
