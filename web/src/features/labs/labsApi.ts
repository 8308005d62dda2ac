import { api, apiFetch } from "../../shared/api/client";

/** GET /lab-catalogue: one orderable entry (a test, or a panel with member codes); ranges in the UCUM unit. */
export interface LabCatalogueItem {
  loincCode: string;
  name: string;
  isPanel: boolean;
  members: string[];
  unit?: string | null;
  rangeLow?: number | null;
  rangeHigh?: number | null;
}

export interface LabCatalogueResult {
  items: LabCatalogueItem[];
  source: string;
}

/** A lab order (docs/labs.md): status awaitingLab → sent → resultReceived; instants UTC ISO strings. */
export interface LabOrder {
  id: string;
  patientId: string;
  consultationId: string;
  status: string;
  tests: { loincCode: string; name: string }[];
  partnerLabId?: string | null;
  partnerLabName?: string | null;
  orderedAt: string;
  sentAt?: string | null;
  /** On a dependant's order in a guardian's list, the child's display name; null on the reader's own. */
  patientName?: string | null;
}

export interface PartnerLabChoice {
  id: string;
  name: string;
  address: string;
}

/**
 * One value: flag N/L/H/LL/HH (null when none); critical true for LL/HH. A test the lab gave no result for has neither value nor
 * valueText and no flag: absentReason says why as a code (FHIR data-absent-reason such as "not-performed", or "cancelled" /
 * "entered-in-error" for a result the lab withdrew), absentReasonText in the lab's words; either may be null.
 */
export interface LabValue {
  loincCode: string;
  name: string;
  value?: number | null;
  valueText?: string | null;
  unit?: string | null;
  rangeLow?: number | null;
  rangeHigh?: number | null;
  flag?: string | null;
  critical: boolean;
  effectiveAt: string;
  absentReason?: string | null;
  absentReasonText?: string | null;
}

/** A lab report: received (doctors only) or released (the patient sees it). */
export interface LabReport {
  id: string;
  orderId: string;
  patientId: string;
  patientName?: string | null;
  status: string;
  doctorNote?: string | null;
  criticalCount: number;
  releasedAutomatically: boolean;
  issuedAt: string;
  receivedAt: string;
  releasedAt?: string | null;
  values: LabValue[];
}

export interface LabTrend {
  loincCode: string;
  name: string;
  points: { at: string; value: number; unit?: string | null; flag?: string | null; rangeLow?: number | null; rangeHigh?: number | null }[];
}

const id = encodeURIComponent;

export const labsApi = {
  catalogue: (q: string, lang: string) => api.get<LabCatalogueResult>(`/lab-catalogue?q=${id(q)}&lang=${id(lang)}`),
  /** One order per `idempotencyKey`: the same tests sent again with it (a lost answer, a retry after an error) answer the order already placed. */
  order: (consultationId: string, tests: string[], lang: string, idempotencyKey: string) =>
    apiFetch<LabOrder>(`/consultations/${id(consultationId)}/lab-orders?lang=${id(lang)}`, {
      method: "POST",
      body: { tests },
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  consultationOrders: (consultationId: string, lang: string) => api.get<LabOrder[]>(`/consultations/${id(consultationId)}/lab-orders?lang=${id(lang)}`),
  myOrders: (lang: string) => api.get<LabOrder[]>(`/me/lab-orders?lang=${id(lang)}`),
  labsFor: (orderId: string) => api.get<PartnerLabChoice[]>(`/me/lab-orders/${id(orderId)}/partner-labs`),
  chooseLab: (orderId: string, partnerLabId: string, lang: string) =>
    api.post<LabOrder>(`/me/lab-orders/${id(orderId)}/partner-lab?lang=${id(lang)}`, { partnerLabId }),
  myResults: (lang: string) => api.get<LabReport[]>(`/me/lab-results?lang=${id(lang)}`),
  /** One patient's series: the reader's own, or with `patientId` a dependant's (never mixed). */
  myTrend: (code: string, lang: string, patientId?: string) =>
    api.get<LabTrend>(`/me/lab-results/trends?code=${id(code)}&lang=${id(lang)}${patientId ? `&patientId=${id(patientId)}` : ""}`),
  doctorResults: (lang: string) => api.get<LabReport[]>(`/doctor/lab-results?lang=${id(lang)}`),
  release: (reportId: string, note: string, lang: string) => api.post<LabReport>(`/lab-results/${id(reportId)}/release?lang=${id(lang)}`, { note }),
};

export const labKeys = {
  catalogue: (q: string, lang: string) => ["lab-catalogue", q, lang] as const,
  consultationOrders: (consultationId: string) => ["consultations", consultationId, "lab-orders"] as const,
  myOrders: ["me", "lab-orders"] as const,
  labsFor: (orderId: string) => ["me", "lab-orders", orderId, "partner-labs"] as const,
  myResults: ["me", "lab-results"] as const,
  myTrend: (code: string, patientId = "") => ["me", "lab-results", "trend", code, patientId] as const,
  doctorResults: ["doctor", "lab-results"] as const,
};
