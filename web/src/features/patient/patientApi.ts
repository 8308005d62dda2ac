import { api, apiFetch } from "../../shared/api/client";
import type { Dependent, DoctorCard, DoctorProfile, Paged, PatientProfile, Specialty } from "../../shared/api/types";

/** Doctor search filters; prices in minor currency units. */
export interface DoctorSearch {
  specialty?: string;
  language?: string;
  /** Doctors who practise at this clinic. */
  clinicId?: string;
  minPrice?: number;
  maxPrice?: number;
  name?: string;
  page?: number;
  pageSize?: number;
}

export type PatientProfileUpdate = Omit<PatientProfile, "id" | "email">;

/** The doctor directory and the patient's own profile (docs/api-v1.md, "Directory"). */
export const patientApi = {
  specialties: () => api.get<Specialty[]>("/specialties"),
  /** Filters are a doctor's public attributes (specialty, language, price, the doctor's name), never a patient's. */
  doctors: (q: DoctorSearch) => api.get<Paged<DoctorCard>>("/doctors", { ...q }),
  doctor: (id: string) => api.get<DoctorProfile>(`/doctors/${encodeURIComponent(id)}`),
  myPatientProfile: () => api.get<PatientProfile>("/me/patient-profile"),
  updateMyPatientProfile: (body: PatientProfileUpdate) => api.put<PatientProfile>("/me/patient-profile", body),
  /** The children on the patient's account. */
  myDependents: () => api.get<Dependent[]>("/me/dependents"),
  /** One child per `idempotencyKey`: the same details sent again with it (a lost answer, a retry after an error) answer the child already added. */
  addDependent: (body: Omit<Dependent, "id">, idempotencyKey: string) =>
    apiFetch<Dependent>("/me/dependents", { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
};

/** React Query keys of the directory's public data and the patient's profile. */
export const patientKeys = {
  specialties: (language: string) => ["directory", "specialties", language] as const,
  doctors: (query: DoctorSearch | "all") => ["directory", "doctors", query] as const,
  doctor: (id: string) => ["directory", "doctor", id] as const,
  myProfile: ["patient", "my-profile"] as const,
  myDependents: ["patient", "my-dependents"] as const,
};
