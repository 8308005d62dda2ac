import type { Money } from "../../shared/api/types";

/** What can stop a doctor's activation (server: ActivationRequiresCompleteProfile). */
export type MissingForActivation = "specialty" | "clinic" | "hourlyRate" | "licenceNumber" | "licenceVerified" | "licenceExpired";

/**
 * GET /scheduling/doctors/{id}/visits-after-licence: the licence's last valid day (YYYY-MM-DD, null while none is recorded) and the
 * booked or confirmed visits on later days (kept, not cancelled), with the earliest one's UTC start.
 */
export interface VisitsAfterLicence {
  doctorId: string;
  licenceExpiresOn: string | null;
  bookedVisitsAfter: number;
  firstVisitAfter: string | null;
}

/** GET /admin/doctors/{id}: DoctorAdminDetail. */
export interface AdminDoctorDetail {
  id: string;
  userId: string;
  displayName: string;
  email: string;
  status: string;
  specialties: string[];
  clinicIds: string[];
  hourlyRate: Money;
  licence: {
    number: string;
    issuer: string;
    /** YYYY-MM-DD, the last valid day. */
    expiresOn: string | null;
    /** UTC instant; null while unverified. */
    verifiedAt: string | null;
    verifiedBy: string | null;
  };
  missing: MissingForActivation[];
}

/** GET /clinics: ClinicView. */
export interface AdminClinic {
  id: string;
  name: string;
  address: string;
  city: string;
  latitude: number;
  longitude: number;
  timeZone: string;
}

/** GET /admin/audit/choices: the values the trail holds, for the filters' choice lists. */
export interface AuditChoices {
  actions: string[];
  recordTypes: string[];
  roles: string[];
}

/** GET /admin/audit items: AuditEntryView. */
export interface AuditEntryView {
  id: number;
  /** Place in the hash chain; null until the sealer has chained the entry. */
  sequence: number | null;
  occurredAt: string;
  actorId?: string | null;
  actorDisplay?: string | null;
  /** A staff member's name; null for a patient (admins do not see patients' names) or an unknown account. */
  actorName?: string | null;
  actorRoles: string[];
  /** Stable code, e.g. "auth.sign_in": translated by auditLabels. */
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  ipAddress?: string | null;
  outcome: string;
  /** As written: English for the system's own reasons, as typed for a person's. */
  reason?: string | null;
  breakGlass: boolean;
  /** The system's own reason as a stable code ("not_a_participant"), worded by administration.audit.reasons; null for a person's. */
  reasonCode?: string | null;
  /** The values in such a reason: "roles" ("Admin or FrontDesk"), "endpoint", "hours", a finding's "code", a person's "text". */
  reasonArguments?: Record<string, string> | null;
}

/** GET /admin/clinics items: ClinicAdminView. */
export interface AdminClinicView {
  id: string;
  name: string;
  address: string;
  city: string;
  latitude: number;
  longitude: number;
  /** IANA id, e.g. "Europe/Moscow". */
  timeZone: string;
  phone: string;
  email: string;
  openingHours: string;
}

/**
 * GET /admin/home: AdminHomeFigures — today's counts (no names). `day` is YYYY-MM-DD in `timeZone` (the clinic's zone when
 * one is chosen, else the zone the page sent); `longestWaitMinutes` is null when nobody waits.
 */
export interface AdminHomeFigures {
  day: string;
  timeZone: string;
  clinicId?: string | null;
  visitsBooked: number;
  visitsCompleted: number;
  visitsCancelled: number;
  visitsNoShow: number;
  onDemandWaiting: number;
  longestWaitMinutes?: number | null;
  doctorsOnDuty: number;
  newRegistrations: number;
  pendingInvitations: number;
  licencesExpiringSoon: number;
  unverifiedLicences: number;
  outboxFailures: number;
}

/** GET /admin/clinics/{id}/pages items: ClinicPageSource — Markdown per section; `updatedAt` null when never saved. */
export interface ClinicPageSource {
  language: "en" | "ru";
  services: string;
  visitTypes: string;
  faq: string;
  contacts: string;
  updatedAt?: string | null;
}

/** POST /admin/clinic-pages/preview: MarkdownPreview — sanitised HTML, exactly as visitors will see it. */
export interface MarkdownPreview {
  html: string;
}
