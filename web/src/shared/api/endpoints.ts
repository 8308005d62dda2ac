import { api } from "./client";
import type {
  ClinicalData,
  Demographics,
  DoctorCard,
  DoctorPatient,
  DoctorProfile,
  Education,
  Invitation,
  LanguageCode,
  MfaEnrolment,
  Money,
  OwnDoctorProfile,
  Paged,
  PatientProfile,
  SessionInfo,
  SignInStatus,
  Specialty,
} from "./types";

export interface RegisterRequest {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  preferredLanguage: LanguageCode;
}

export interface DoctorSearch {
  specialty?: string;
  language?: string;
  minPrice?: number;
  maxPrice?: number;
  name?: string;
  page?: number;
  pageSize?: number;
}

export type PatientProfileUpdate = Omit<PatientProfile, "id" | "email">;

export interface DoctorProfileUpdate {
  bio: string;
  languages: string[];
  education: Education[];
  hourlyRate: Money;
  yearsOfExperience: number;
}


export const authApi = {
  session: () => api.get<SessionInfo>("/auth/session"),
  touch: () => api.post("/auth/touch"),
  register: (body: RegisterRequest) => api.post("/auth/register", body),
  verifyEmail: (token: string) => api.post("/auth/verify-email", { token }),
  signIn: (email: string, password: string) =>
    api.post<{ status: SignInStatus }>("/auth/sign-in", { email, password }),
  signInMfa: (body: { code: string } | { recoveryCode: string }) =>
    api.post<{ status: SignInStatus }>("/auth/sign-in/mfa", body),
  mfaEnrolment: () => api.get<MfaEnrolment>("/auth/mfa/enrolment"),
  completeMfaEnrolment: (code: string) =>
    api.post<{ recoveryCodes: string[] }>("/auth/mfa/enrolment", { code }),
  signOut: () => api.post("/auth/sign-out"),
  forgotPassword: (email: string) => api.post("/auth/password/forgot", { email }),
  resetPassword: (token: string, newPassword: string) =>
    api.post("/auth/password/reset", { token, newPassword }),
  inspectInvitation: (token: string) => api.post<Invitation>("/auth/invitations/inspect", { token }),
  acceptInvitation: (token: string, password: string) =>
    api.post<{ status: SignInStatus }>("/auth/invitations/accept", { token, password }),
};

export const directoryApi = {
  specialties: () => api.get<Specialty[]>("/specialties"),
  doctors: (q: DoctorSearch) => api.get<Paged<DoctorCard>>("/doctors", { ...q }),
  doctor: (id: string) => api.get<DoctorProfile>(`/doctors/${encodeURIComponent(id)}`),
  myPatientProfile: () => api.get<PatientProfile>("/me/patient-profile"),
  updateMyPatientProfile: (body: PatientProfileUpdate) =>
    api.put<PatientProfile>("/me/patient-profile", body),
  myDoctorProfile: () => api.get<OwnDoctorProfile>("/me/doctor-profile"),
  updateMyDoctorProfile: (body: DoctorProfileUpdate) =>
    api.put<OwnDoctorProfile>("/me/doctor-profile", body),
  doctorPatients: () => api.get<DoctorPatient[]>("/doctor/patients"),
  demographics: (id: string) => api.get<Demographics>(`/patients/${encodeURIComponent(id)}/demographics`),
  clinical: (id: string) => api.get<ClinicalData>(`/patients/${encodeURIComponent(id)}/clinical`),
  breakGlass: (id: string, reason: string) =>
    api.post<{ expiresAt: string }>(`/patients/${encodeURIComponent(id)}/break-glass`, { reason }),
};
