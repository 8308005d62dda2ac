import { api, apiFetch } from "../../shared/api/client";

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

/** POST with an Idempotency-Key: the same request sent again with it creates once (docs/api-v1.md, "Retrying a create"). */
const postOnce = <T>(path: string, body: unknown, idempotencyKey: string) =>
  apiFetch<T>(path, { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } });

/**
 * The front office's calls: registration and the thread (front desk, patient), review requests (front desk, doctor). Messages and
 * review requests take an Idempotency-Key.
 */
export const frontOfficeApi = {
  registerWalkIn: (body: WalkInPatient) => api.post<WalkInPatientRegistered>("/front-desk/patients", body),
  deskThread: (patientId: string) => api.get<ClinicThread>(`${patientPath(patientId)}/messages`),
  writeToPatient: (patientId: string, body: string, idempotencyKey: string) =>
    postOnce<ClinicMessage>(`${patientPath(patientId)}/messages`, { body }, idempotencyKey),
  /** The caller's own thread, or with `patientId` a dependant's (the guardian reads the clinic's messages to the child). */
  myThread: (patientId?: string) => api.get<ClinicThread>(myThreadPath(patientId)),
  writeToClinic: (body: string, idempotencyKey: string, patientId?: string) =>
    postOnce<ClinicMessage>(myThreadPath(patientId), { body }, idempotencyKey),
  patientFlags: (patientId: string) => api.get<ReviewFlag[]>(`${patientPath(patientId)}/review-flags`),
  raiseFlag: (patientId: string, doctorId: string, reason: string, idempotencyKey: string) =>
    postOnce<ReviewFlag>(`${patientPath(patientId)}/review-flags`, { doctorId, reason }, idempotencyKey),
  myFlags: () => api.get<ReviewFlag[]>("/doctor/review-flags"),
  resolveFlag: (id: string, note: string) => api.post<ReviewFlag>(`/doctor/review-flags/${encodeURIComponent(id)}/resolve`, { note }),
};

/** The patient's own thread, or a dependant's named by id (an opaque id, never a name). */
function myThreadPath(patientId?: string) {
  return patientId ? `/me/clinic-messages?patientId=${encodeURIComponent(patientId)}` : "/me/clinic-messages";
}

/** React Query keys; patient ids only, never names. */
export const frontOfficeKeys = {
  deskThread: (patientId: string) => ["front-office", "thread", patientId] as const,
  myThread: (patientId?: string) => ["front-office", "my-thread", patientId ?? "own"] as const,
  patientFlags: (patientId: string) => ["front-office", "flags", patientId] as const,
  myFlags: ["front-office", "my-flags"] as const,
};
