import { api } from "../../shared/api/client";

/** GET /me/prescriptions: one of the patient's signed prescriptions (instants UTC ISO strings). */
export interface MyPrescription {
  id: string;
  status: string;
  medicineName: string;
  dosageText: string;
  prescriberName: string;
  issuedAt: string;
  validUntil: string;
}

/** A refill request as the doctor's queue and the patient's list show it (docs/clinical.md, "Refills"). */
export interface RefillRequest {
  id: string;
  prescriptionId: string;
  consultationId: string;
  patientName: string;
  /** Whose request (a guardian's list holds their dependants' too). */
  patientId: string;
  medicineName: string;
  dosageText: string;
  status: "requested" | "approved" | "declined";
  patientNote?: string | null;
  declineReason?: string | null;
  newPrescriptionId?: string | null;
  requestedAt: string;
  decidedAt?: string | null;
}

/** POST /clinical/refill-requests/{id}/approve: the new draft to sign. */
export interface RefillApprovalStarted {
  refillRequestId: string;
  consultationId: string;
  prescriptionId: string;
  version: number;
}

export const refillsApi = {
  myPrescriptions: () => api.get<MyPrescription[]>("/me/prescriptions"),
  myRefills: () => api.get<RefillRequest[]>("/me/refill-requests"),
  request: (prescriptionId: string, note: string) =>
    api.post<RefillRequest>(`/me/prescriptions/${encodeURIComponent(prescriptionId)}/refill-requests`, { note: note || null }),
  assigned: () => api.get<RefillRequest[]>("/clinical/refill-requests"),
  approve: (id: string) => api.post<RefillApprovalStarted>(`/clinical/refill-requests/${encodeURIComponent(id)}/approve`),
  sign: (draft: RefillApprovalStarted) =>
    api.post<unknown>(
      `/consultations/${encodeURIComponent(draft.consultationId)}/prescriptions/${encodeURIComponent(draft.prescriptionId)}/sign`,
      { version: draft.version },
    ),
  decline: (id: string, reason: string) => api.post<RefillRequest>(`/clinical/refill-requests/${encodeURIComponent(id)}/decline`, { reason }),
};

export const refillKeys = {
  myPrescriptions: ["me", "prescriptions"] as const,
  myRefills: ["me", "refill-requests"] as const,
  assigned: ["clinical", "refill-requests"] as const,
};
