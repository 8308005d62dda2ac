export type Role = "Patient" | "Doctor" | "FrontDesk" | "Pharmacist" | "Admin";
export const ROLES: readonly Role[] = ["Patient", "Doctor", "FrontDesk", "Pharmacist", "Admin"];

export type LanguageCode = "en" | "ru";
export type Sex = "female" | "male" | "other" | "unknown";

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  mfaEnabled: boolean;
  mfaEnrolmentRequired: boolean;
}

export interface DemoCredential {
  role: string;
  email: string;
  password: string;
  /** Staff only: the base32 authenticator key of the demo account (Development only). */
  authenticatorKey?: string | null;
}

export interface SessionInfo {
  authenticated: boolean;
  user?: SessionUser;
  idleTimeoutSeconds: number;
  idleWarningSeconds: number;
  idleExpiresAt?: string;
  environment: "Development" | "Production" | string;
  demoCredentials?: DemoCredential[];
}

export type SignInStatus = "signedIn" | "mfaRequired" | "mfaEnrolmentRequired";

export interface MfaEnrolment {
  sharedKey: string;
  authenticatorUri: string;
  qrCodeSvgDataUri: string;
}

export interface Invitation {
  email: string;
  displayName: string;
  role: Role;
}

export interface Specialty {
  code: string;
  name: string;
}

export interface ClinicRef {
  id: string;
  name: string;
  city: string;
}

export interface DoctorCard {
  id: string;
  displayName: string;
  specialties: string[];
  qualificationCategory?: string | null;
  yearsOfExperience: number;
  hourlyRate: Money;
  languages: string[];
  photoUrl?: string | null;
  clinics: ClinicRef[];
  bioExcerpt?: string | null;
}

export interface Education {
  institution: string;
  degree: string;
  year: number;
}

export interface DoctorProfile extends DoctorCard {
  bio?: string | null;
  education: Education[];
}

export type DoctorStatus = "pendingVerification" | "active" | "suspended";

export interface OwnDoctorProfile extends DoctorProfile {
  status: DoctorStatus;
}

export interface Insurance {
  provider: string;
  policyNumber: string;
}

export interface PatientProfile {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  email: string;
  phone?: string | null;
  address?: string | null;
  preferredLanguage: LanguageCode;
  insurance?: Insurance | null;
  allergies: string[];
  chronicConditions: string[];
}

export type CareRelationship = "appointment" | "consultation" | "referral" | "care-team" | "break-glass";

export interface DoctorPatient {
  id: string;
  displayName: string;
  relationship: CareRelationship;
  until?: string | null;
}

export interface Demographics {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: Sex;
  phone?: string | null;
  email?: string | null;
}

export interface ClinicalData {
  id: string;
  allergies: string[];
  chronicConditions: string[];
  insurance?: Insurance | null;
}

export interface FrontDeskPatient {
  id: string;
  displayName: string;
  dateOfBirth: string;
}

export type UserStatus = "active" | "suspended" | "invited" | "unverified";

/** A patient's account carries no name, and no e-mail unless it is the one searched for (docs/security.md). */
export interface AdminUser {
  id: string;
  email?: string | null;
  displayName?: string | null;
  roles: Role[];
  status: UserStatus;
  mfaEnabled: boolean;
  lastSignInAt?: string | null;
}

export interface AdminDoctor {
  id: string;
  userId: string;
  displayName: string;
  email: string;
  specialties: string[];
  status: DoctorStatus;
}

export interface AuditEntry {
  /** Order in which entries were written. */
  id: number;
  /** Place in the hash chain; null until the sealer has chained the entry. */
  sequence: number | null;
  occurredAt: string;
  actorId?: string | null;
  actorDisplay?: string | null;
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  ipAddress?: string | null;
  outcome: string;
  reason?: string | null;
  breakGlass: boolean;
}

export interface AuditVerification {
  intact: boolean;
  checkedEntries: number;
  firstBrokenSequence?: number | null;
  unsealedEntries?: number;
  problem?: string | null;
}

/** How messages leave the platform; the development outbox can be read only in Development. */
export interface NotificationChannels {
  email: "outbox" | "smtp";
  sms: "outbox" | "twilio";
  developmentOutbox: boolean;
}

export interface OutboxMessage {
  id: string;
  channel: "email" | "sms";
  to: string;
  subject?: string | null;
  body: string;
  createdAt: string;
}

/** A child on a patient's account (GET/POST /me/dependents): the child is a patient of their own; the guardian acts for them. */
export interface Dependent {
  id: string;
  givenName: string;
  familyName: string;
  /** ISO date (yyyy-mm-dd). */
  dateOfBirth: string;
  sex: Sex;
}
