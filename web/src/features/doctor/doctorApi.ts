import { api } from "../../shared/api/client";
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
};

/** React Query keys of patient records and the doctor's own data. */
export const doctorKeys = {
  myPatients: ["doctor", "patients"] as const,
  myProfile: ["doctor", "my-profile"] as const,
  demographics: (patientId: string) => ["patients", patientId, "demographics"] as const,
  clinical: (patientId: string) => ["patients", patientId, "clinical"] as const,
};
