import { api, apiFetch } from "../../shared/api/client";
import type { Appointment, AppointmentKind, DoctorCalendar } from "../../shared/api/scheduling";
import type { ClinicalData, Demographics, DoctorPatient, Education, Money, OwnDoctorProfile } from "../../shared/api/types";

export interface DoctorProfileUpdate {
  bio: string;
  languages: string[];
  education: Education[];
  hourlyRate: Money;
  yearsOfExperience: number;
}

/**
 * A doctor's patients and own profile, and the patient-record reads (demographics for doctors with a
 * care relationship and for the front desk; clinical data for doctors only). Patient ids are opaque.
 */
export const doctorApi = {
  doctorPatients: () => api.get<DoctorPatient[]>("/doctor/patients"),
  demographics: (id: string) => api.get<Demographics>(`/patients/${encodeURIComponent(id)}/demographics`),
  clinical: (id: string) => api.get<ClinicalData>(`/patients/${encodeURIComponent(id)}/clinical`),
  breakGlass: (id: string, reason: string) => api.post<{ expiresAt: string }>(`/patients/${encodeURIComponent(id)}/break-glass`, { reason }),
  myDoctorProfile: () => api.get<OwnDoctorProfile>("/me/doctor-profile"),
  updateMyDoctorProfile: (body: DoctorProfileUpdate) => api.put<OwnDoctorProfile>("/me/doctor-profile", body),
  /** POST /scheduling/follow-ups: the signed-in doctor books one of their own slots for a patient in their care (404 without one). */
  /** The doctor's review requests from the front desk (GET /doctor/review-flags); the agenda counts the open ones. */
  reviewRequests: () => api.get<ReviewRequestSummary[]>("/doctor/review-flags"),
  /** The doctor's current week (GET /scheduling/doctors/{id}/calendar without dates): the server says which day is today. */
  thisWeek: (doctorId: string) => api.get<DoctorCalendar>(`/scheduling/doctors/${encodeURIComponent(doctorId)}/calendar`),
  bookFollowUp: (body: FollowUpRequest, idempotencyKey: string) =>
    apiFetch<Appointment>("/scheduling/follow-ups", { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
};

/** What the agenda reads of a review request. */
export interface ReviewRequestSummary {
  id: string;
  status: "open" | "resolved";
}

/** A follow-up: the patient's opaque id, the slot's clinic and start (UTC ISO), the visit kind. */
export interface FollowUpRequest {
  patientId: string;
  clinicId: string;
  kind: AppointmentKind;
  start: string;
}

/** React Query keys of patient records and the doctor's own data. */
export const doctorKeys = {
  myPatients: ["doctor", "patients"] as const,
  myProfile: ["doctor", "my-profile"] as const,
  demographics: (patientId: string) => ["patients", patientId, "demographics"] as const,
  clinical: (patientId: string) => ["patients", patientId, "clinical"] as const,
  me: ["doctor", "me"] as const,
  slots: (doctorId: string, kind: string, from: string) => ["doctor", "slots", doctorId, kind, from] as const,
  agenda: ["doctor", "agenda"] as const,
};
