import { api } from "../../shared/api/client";
import type { Paged } from "../../shared/api/types";

/**
 * GET /me/access-report: one time a member of staff opened (or tried to open) the patient's record (docs/privacy.md).
 * occurredAt is a UTC ISO instant; recordType and kind are codes the page translates.
 */
export interface AccessReportEntry {
  id: number;
  occurredAt: string;
  staffUserId: string;
  staffName?: string | null;
  staffRoles: string[];
  recordType?: string | null;
  kind: "opened" | "emergencyAccess" | "refused" | string;
  breakGlass: boolean;
}

/** One give or withdraw in a consent's history (decidedAt UTC). */
export interface ConsentHistoryEntry {
  given: boolean;
  version: number;
  decidedAt: string;
}

/** GET /me/consents: one consent with its current text (in the request's language) and the patient's status. */
export interface ConsentView {
  kind: string;
  currentVersion: number;
  text: string;
  publishedAt: string;
  status: "notGiven" | "given" | "withdrawn" | "renewalNeeded" | string;
  history: ConsentHistoryEntry[];
}

export const privacyApi = {
  accessReport: (page: number, includeRefusals: boolean) =>
    api.get<Paged<AccessReportEntry>>("/me/access-report", { page, pageSize: 20, includeRefusals }),
  consents: () => api.get<ConsentView[]>("/me/consents"),
  give: (kind: string, version: number) => api.post<ConsentView[]>(`/me/consents/${encodeURIComponent(kind)}/give`, { version }),
  withdraw: (kind: string) => api.post<ConsentView[]>(`/me/consents/${encodeURIComponent(kind)}/withdraw`),
};

export const privacyKeys = {
  accessReport: (page: number, includeRefusals: boolean) => ["me", "access-report", page, includeRefusals] as const,
  consents: ["me", "consents"] as const,
};
