import { api } from "../../shared/api/client";

/** POST /front-desk/patients: a walk-in or phone patient (docs/api-front-office.md). */
export interface WalkInPatient {
  givenName: string;
  familyName: string;
  /** ISO date, yyyy-mm-dd */
  dateOfBirth: string;
  sex: "female" | "male" | "other" | "unknown";
  email: string;
  phone?: string;
  preferredLanguage: "en" | "ru";
}

export interface WalkInPatientRegistered {
  patientId: string;
  welcomeEmailSent: boolean;
}

/** One message in the clinic–patient thread; instants are UTC ISO strings. */
export interface ClinicMessage {
  id: string;
  author: "clinic" | "patient";
  authorName: string;
  body: string;
  sentAt: string;
  readAt?: string | null;
}

export interface ClinicThread {
  patientId: string;
  messages: ClinicMessage[];
  /** How many of the other party's messages were unread before this read (the read marks them read). */
  unreadBefore: number;
}

export interface ReviewFlag {
  id: string;
  patientId: string;
  patientName: string;
  doctorUserId: string;
  doctorName: string;
  reason: string;
  status: "open" | "resolved";
  raisedAt: string;
  resolvedAt?: string | null;
  resolutionNote: string;
}

const patientPath = (patientId: string) => `/front-desk/patients/${encodeURIComponent(patientId)}`;

/** The front office's calls: registration and the thread (front desk, patient), review requests (front desk, doctor). */
export const frontOfficeApi = {
  registerWalkIn: (body: WalkInPatient) => api.post<WalkInPatientRegistered>("/front-desk/patients", body),
  deskThread: (patientId: string) => api.get<ClinicThread>(`${patientPath(patientId)}/messages`),
  writeToPatient: (patientId: string, body: string) => api.post<ClinicMessage>(`${patientPath(patientId)}/messages`, { body }),
  myThread: () => api.get<ClinicThread>("/me/clinic-messages"),
  writeToClinic: (body: string) => api.post<ClinicMessage>("/me/clinic-messages", { body }),
  patientFlags: (patientId: string) => api.get<ReviewFlag[]>(`${patientPath(patientId)}/review-flags`),
  raiseFlag: (patientId: string, doctorId: string, reason: string) => api.post<ReviewFlag>(`${patientPath(patientId)}/review-flags`, { doctorId, reason }),
  myFlags: () => api.get<ReviewFlag[]>("/doctor/review-flags"),
  resolveFlag: (id: string, note: string) => api.post<ReviewFlag>(`/doctor/review-flags/${encodeURIComponent(id)}/resolve`, { note }),
};

/** React Query keys; patient ids only, never names. */
export const frontOfficeKeys = {
  deskThread: (patientId: string) => ["front-office", "thread", patientId] as const,
  myThread: ["front-office", "my-thread"] as const,
  patientFlags: (patientId: string) => ["front-office", "flags", patientId] as const,
  myFlags: ["front-office", "my-flags"] as const,
};
