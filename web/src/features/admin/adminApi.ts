import { api } from "../../shared/api/client";
import type {
  AdminDoctor,
  AdminUser,
  AuditVerification,
  DoctorStatus,
  OutboxMessage,
  Paged,
  Money,
  Role,
} from "../../shared/api/types";
import type {
  AdminClinic,
  AdminClinicView,
  AdminDoctorDetail,
  VisitsAfterLicence,
  AdminHomeFigures,
  AuditChoices,
  AuditEntryView,
  ClinicPageSource,
  MarkdownPreview,
} from "./adminTypes";

/** POST /admin/clinics and PUT /admin/clinics/{id}: ClinicDetails. */
export type ClinicInput = Omit<AdminClinicView, "id">;

export interface AuditQuery {
  from?: string;
  to?: string;
  actorId?: string;
  actorRole?: string;
  action?: string;
  recordType?: string;
  outcome?: string;
  breakGlass?: boolean;
  page?: number;
  pageSize?: number;
}

/** The admin portal's calls (docs/api-v1.md, "Administration"). */
export const adminApi = {
  /** The e-mail can be a patient's: it goes in the body, never in the URL. */
  users: (q: { email?: string; role?: string; page?: number; pageSize?: number }) =>
    api.post<Paged<AdminUser>>("/admin/users/search", q),
  invite: (body: { email: string; displayName: string; role: Role }) =>
    api.post<{ id: string }>("/admin/invitations", body),
  setRoles: (id: string, roles: Role[]) => api.put(`/admin/users/${encodeURIComponent(id)}/roles`, { roles }),
  suspend: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/suspend`),
  resendInvitation: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/invitation/resend`),
  revokeInvitation: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/invitation/revoke`),
  sendPasswordReset: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/password-reset`),
  resetMfa: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/mfa-reset`),
  reactivate: (id: string) => api.post(`/admin/users/${encodeURIComponent(id)}/reactivate`),
  doctors: (q: { status?: string; page?: number; pageSize?: number }) =>
    api.get<Paged<AdminDoctor>>("/admin/doctors", { ...q }),
  setDoctorStatus: (id: string, status: Exclude<DoctorStatus, "pendingVerification">) =>
    api.post(`/admin/doctors/${encodeURIComponent(id)}/status`, { status }),
  doctor: (id: string) => api.get<AdminDoctorDetail>(`/admin/doctors/${encodeURIComponent(id)}`),
  updateDoctorPractice: (id: string, body: { specialties: string[]; clinicIds: string[]; hourlyRate: Money }) =>
    api.put<AdminDoctorDetail>(`/admin/doctors/${encodeURIComponent(id)}/practice`, body),
  /** `verify`: the admin has checked the record and saves it as verified (required for an active doctor's changed licence). */
  updateDoctorLicence: (id: string, body: { number: string; issuer: string; expiresOn: string; verify: boolean }) =>
    api.put<AdminDoctorDetail>(`/admin/doctors/${encodeURIComponent(id)}/licence`, body),
  visitsAfterLicence: (id: string) =>
    api.get<VisitsAfterLicence>(`/scheduling/doctors/${encodeURIComponent(id)}/visits-after-licence`),
  verifyDoctorLicence: (id: string) => api.post<AdminDoctorDetail>(`/admin/doctors/${encodeURIComponent(id)}/licence/verify`),
  clinics: () => api.get<AdminClinic[]>("/clinics"),
  adminClinics: () => api.get<AdminClinicView[]>("/admin/clinics"),
  adminClinic: (id: string) => api.get<AdminClinicView>(`/admin/clinics/${encodeURIComponent(id)}`),
  createClinic: (body: ClinicInput) => api.post<AdminClinicView>("/admin/clinics", body),
  updateClinic: (id: string, body: ClinicInput) => api.put<AdminClinicView>(`/admin/clinics/${encodeURIComponent(id)}`, body),
  auditChoices: () => api.get<AuditChoices>("/admin/audit/choices"),
  audit: (q: AuditQuery) => api.get<Paged<AuditEntryView>>("/admin/audit", { ...q }),
  verifyAudit: () => api.post<AuditVerification>("/admin/audit/verify"),
  outbox: (q: { channel?: string; page?: number; pageSize?: number }) =>
    api.get<Paged<OutboxMessage>>("/admin/outbox", { ...q }),
  /** Today's figures; `timeZone` (IANA) says which day "today" is when no clinic is chosen. */
  home: (q: { clinicId?: string; timeZone: string }) => api.get<AdminHomeFigures>("/admin/home", { ...q }),
  clinicPages: (id: string) => api.get<ClinicPageSource[]>(`/admin/clinics/${encodeURIComponent(id)}/pages`),
  saveClinicPage: (id: string, language: string, body: Omit<ClinicPageSource, "language" | "updatedAt">) =>
    api.put<ClinicPageSource>(`/admin/clinics/${encodeURIComponent(id)}/pages/${encodeURIComponent(language)}`, body),
  previewMarkdown: (markdown: string) => api.post<MarkdownPreview>("/admin/clinic-pages/preview", { markdown }),
};

/** React Query keys of the admin portal's queries. */
export const adminKeys = {
  allUsers: ["admin", "users"] as const,
  users: (filters: UserFilters) => ["admin", "users", filters] as const,
  allDoctors: ["admin", "doctors"] as const,
  doctors: (status: string, page: number) => ["admin", "doctors", status, page] as const,
  doctor: (id: string) => ["admin", "doctors", "detail", id] as const,
  visitsAfterLicence: (id: string) => ["admin", "doctors", "visitsAfterLicence", id] as const,
  clinics: ["admin", "clinics"] as const,
  adminClinics: ["admin", "clinics", "managed"] as const,
  adminClinic: (id: string) => ["admin", "clinics", "managed", id] as const,
  auditChoices: ["admin", "audit", "choices"] as const,
  audit: (query: AuditQuery) => ["admin", "audit", query] as const,
  outbox: (channel: string, page: number) => ["admin", "outbox", channel, page] as const,
  home: (clinicId: string, timeZone: string) => ["admin", "home", clinicId, timeZone] as const,
  clinicPages: (id: string) => ["admin", "clinics", "pages", id] as const,
};

/** The user list's filters: kept in component state, never in the URL (the e-mail can be a patient's). */
export interface UserFilters {
  email: string;
  role: string;
  page: number;
}
