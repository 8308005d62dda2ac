import { api, buildUrl } from "../../shared/api/client";
import { sessionState } from "../../shared/api/activity";
import { ApiError, problemToApiError } from "../../shared/api/errors";
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

/** One category of records the law requires the clinic to keep after an erasure: its rule's source and the date (keptUntil, yyyy-MM-dd) until which it is kept. */
export interface KeptRecord {
  category: "signedProtocols" | "prescriptions" | "labResults" | "consents" | "auditTrail" | string;
  jurisdiction: string;
  years: number | string;
  legalSource: string;
  keptUntil: string;
}

/**
 * GET /me/erasure-requests: one of the patient's erasure requests (newest first). Times are UTC ISO instants; kept is filled
 * once the clinic carries the request out; declineReason once it is declined.
 */
export interface ErasureRequestView {
  id: string;
  status: "requested" | "inProgress" | "completed" | "declined" | string;
  reason: string | null;
  requestedAt: string;
  decidedAt: string | null;
  completedAt: string | null;
  declineReason: string | null;
  kept: KeptRecord[];
}

/** The file the browser saves: the server's name (telemed-export-yyyyMMdd.zip) and the ZIP's bytes. */
export interface ExportFile {
  name: string;
  blob: Blob;
}

/**
 * GET /me/export as a blob (not a plain link), so that a refusal (429 rate_limited, 404 privacy.patient_not_found) comes back
 * as an ApiError the page can put into words instead of a browser error page.
 */
async function downloadExport(): Promise<ExportFile> {
  let response: Response;
  try {
    response = await fetch(buildUrl("/me/export"), { credentials: "same-origin", headers: { Accept: "application/zip, application/problem+json" } });
  } catch {
    throw new ApiError({ status: 0, code: "network" });
  }
  if (!response.ok) {
    // An ended session is reported as every other call reports it, so the app shows the sign-in again.
    if (response.status === 401) sessionState.reportUnauthorized();
    const body: unknown = await response.json().catch(() => null);
    throw problemToApiError(response.status, body);
  }
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "telemed-export.zip";
  return { name, blob: await response.blob() };
}

/** Hands a downloaded file to the browser as a save, through a temporary object URL. */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the save by now; the URL is released a little later so slow browsers still read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const privacyApi = {
  accessReport: (page: number, includeRefusals: boolean) =>
    api.get<Paged<AccessReportEntry>>("/me/access-report", { page, pageSize: 20, includeRefusals }),
  consents: () => api.get<ConsentView[]>("/me/consents"),
  give: (kind: string, version: number) => api.post<ConsentView[]>(`/me/consents/${encodeURIComponent(kind)}/give`, { version }),
  withdraw: (kind: string) => api.post<ConsentView[]>(`/me/consents/${encodeURIComponent(kind)}/withdraw`),
  downloadExport,
  erasureRequests: () => api.get<ErasureRequestView[]>("/me/erasure-requests"),
  requestErasure: (reason: string | null) => api.post<ErasureRequestView>("/me/erasure-requests", { reason }),
};

export const privacyKeys = {
  accessReport: (page: number, includeRefusals: boolean) => ["me", "access-report", page, includeRefusals] as const,
  consents: ["me", "consents"] as const,
  erasureRequests: ["me", "erasure-requests"] as const,
};
