import { api } from "./client";
import type {
  AdminDoctor,
  AdminUser,
  AuditEntry,
  AuditVerification,
  ClinicalData,
  Demographics,
  DoctorCard,
  DoctorPatient,
  DoctorProfile,
  DoctorStatus,
  Education,
  FrontDeskPatient,
  Invitation,
  LanguageCode,
  MfaEnrolment,
  Money,
  NotificationChannels,
  OutboxMessage,
  OwnDoctorProfile,
  Paged,
  PatientProfile,
  Role,
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

export interface AuditQuery {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  recordType?: string;
  outcome?: string;
  breakGlass?: boolean;
  page?: number;
  pageSize?: number;
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
  frontDeskPatients: (search: string, page: number) =>
    api.get<Paged<FrontDeskPatient>>("/front-desk/patients", { search, page }),
};

export const adminApi = {
  users: (q: { search?: string; role?: string; page?: number; pageSize?: number }) =>
    api.get<Paged<AdminUser>>("/admin/users", { ...q }),
  invite: (body: { email: string; displayName: string; role: Role }) =>
    api.post<{ id: string }>("/admin/invitations", body),
  setRoles: (id: string, roles: Role[]) => api.put(`/admin/users/${encodeURIComponent(id)}/roles`, { roles }),
  suspend: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/suspend`),
  reactivate: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/reactivate`),
  doctors: (q: { status?: string; page?: number; pageSize?: number }) =>
    api.get<Paged<AdminDoctor>>("/admin/doctors", { ...q }),
  setDoctorStatus: (id: string, status: Exclude<DoctorStatus, "pendingVerification">) =>
    api.post(`/admin/doctors/${encodeURIComponent(id)}/status`, { status }),
  audit: (q: AuditQuery) => api.get<Paged<AuditEntry>>("/admin/audit", { ...q }),
  verifyAudit: () => api.post<AuditVerification>("/admin/audit/verify"),
  outbox: (q: { channel?: string; page?: number; pageSize?: number }) =>
    api.get<Paged<OutboxMessage>>("/admin/outbox", { ...q }),
  notificationChannels: () => api.get<NotificationChannels>("/admin/notification-channels"),
};
