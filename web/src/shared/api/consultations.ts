import { api, apiFetch, buildUrl } from "./client";
import { postMultipart } from "./upload";

/** Consultations API (docs/api-consultations.md). Instants are UTC ISO strings. */

export type BodyView = "front" | "back";
export type Duration = "underAnHour" | "hours" | "days" | "weeks" | "months";
export const DURATIONS: readonly Duration[] = ["underAnHour", "hours", "days", "weeks", "months"];

export type ConsultationKind = "video" | "chat";
export const CONSULTATION_KINDS: readonly ConsultationKind[] = ["video", "chat"];
export type ConsultationStatus = "scheduled" | "waiting" | "inProgress" | "completed" | "failed";
export type ConsultationOrigin = "booked" | "onDemand";
export type TriageLevel = "emergency" | "urgent" | "standard" | "routine";
export type Priority = "urgent" | "standard" | "routine";
export type FailureReason = "doctorAbsent" | "technicalFailure" | "patientAbsent" | "patientLeft" | "emergencyAdvised";

export const MAX_PHOTOS = 5;
export const MAX_DESCRIPTION = 4000;

export interface ComplaintForm {
  regions: string[];
  severity: number;
  duration: Duration;
  symptoms: string[];
  description: string;
  photoIds: string[];
}

/**
 * What the form sends to POST /triage while the patient is still editing: severity and duration are
 * left out until chosen (the server then reads 0 and its first duration; no emergency rule needs severity).
 */
export type ComplaintDraft = Omit<ComplaintForm, "severity" | "duration"> & {
  severity?: number;
  duration?: Duration;
};

/** GET/PUT /appointments/{id}/draft: the saved draft (null when none) and, by the server's clock, whether the room is open. */
export interface ComplaintDraftView {
  complaint?: ComplaintDraft | null;
  savedAt?: string | null;
  roomOpensAt: string;
  roomOpen: boolean;
}

export interface BodyRegion {
  code: string;
  view: BodyView;
  label: string;
}

export interface BodyRegionsCatalogue {
  regions: BodyRegion[];
  symptoms: { code: string; label: string }[];
}

export interface FiredRule {
  code: string;
  title: string;
  level: TriageLevel;
  source?: string | null;
}

export interface TriageResult {
  level: TriageLevel;
  advice: string;
  firedRules: FiredRule[];
}

/**
 * A waiting patient's place. `estimatedWaitMinutes` is null when nobody can give one (no doctor of the
 * specialty on duty: `nobodyOnDuty`); never read null as "any moment now".
 */
export interface QueueInfo {
  position: number;
  estimatedWaitMinutes?: number | null;
  escalated: boolean;
  nobodyOnDuty?: boolean;
}

export interface ConsultationView {
  id: string;
  kind: ConsultationKind;
  status: ConsultationStatus;
  origin: ConsultationOrigin;
  appointmentId?: string | null;
  specialty?: string | null;
  /** For staff the patient's name; in the patient's own list (GET /consultations/mine) set only on a dependant's (a guardian's child). */
  patientName?: string | null;
  doctorName?: string | null;
  doctorUserId?: string | null;
  scheduledStart?: string | null;
  priority?: Priority | null;
  triage?: TriageResult | null;
  complaintSummary?: string | null;
  queue?: QueueInfo | null;
  enteredWaitingAt?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  durationSeconds?: number | null;
  failureReason?: FailureReason | string | null;
  conversationId?: string | null;
  /** Whom it is for: the patient for staff; in the patient's own list the account's own record or a dependant's. */
  patientId?: string | null;
}

/** POST /appointments/{id}/enter and POST /on-demand. */
export type EnterResult =
  | { admitted: true; consultation: ConsultationView }
  | { admitted: false; triage: TriageResult; consultation?: ConsultationView | null };

export interface QueueItem {
  consultationId: string;
  origin: ConsultationOrigin;
  kind: ConsultationKind;
  patientName: string;
  priority: Priority;
  triageLevel: TriageLevel;
  complaintSummary: string;
  waitingSince?: string | null;
  scheduledStart?: string | null;
  escalated: boolean;
  specialty?: string | null;
  /** The booked visit this consultation belongs to (null for an on-demand request). */
  appointmentId?: string | null;
}

export interface DoctorQueue {
  onDuty: boolean;
  specialties: string[];
  booked: QueueItem[];
  pool: QueueItem[];
  inProgress: ConsultationView | null;
}

export interface DutyState {
  onDuty: boolean;
  since?: string | null;
  specialties: string[];
}

/** A doctor the front desk may hand an escalated request to (one who takes its specialty). */
export interface EscalationDoctor {
  doctorUserId: string;
  name: string;
}

/** GET /escalations: who is waiting, how to reach them, and who could take the request. */
export interface Escalation {
  consultationId: string;
  specialty: string;
  waitingSince?: string | null;
  kind?: ConsultationKind | null;
  patientId?: string | null;
  patientName?: string | null;
  patientPhone?: string | null;
  patientEmail?: string | null;
  calledBackAt?: string | null;
  doctors?: EscalationDoctor[];
}

export interface Attachment {
  id: string;
  contentType: string;
  size: number;
  fileName?: string | null;
}

const enc = encodeURIComponent;
/** The consultations module's API root (below /api/v1); calls and chat build on it too. */
export const CONSULTATIONS_BASE = "/consultations";
const C = CONSULTATIONS_BASE;

/**
 * POST /consultations/attachments as multipart (field `file`). The JSON wrapper cannot send a body
 * as FormData, so this repeats its cookie, antiforgery and error handling for one request.
 */
export function uploadAttachment(file: File, language = "en"): Promise<Attachment> {
  return postMultipart<Attachment>(`${C}/attachments`, () => {
    const body = new FormData();
    body.append("file", file, file.name);
    return body;
  }, language);
}

export const consultationsApi = {
  bodyRegions: () => api.get<BodyRegionsCatalogue>(`${C}/body-regions`),
  triage: (draft: ComplaintDraft, signal?: AbortSignal) =>
    apiFetch<TriageResult>(`${C}/triage`, { method: "POST", body: draft, signal }),
  enter: (appointmentId: string, complaint: ComplaintForm) =>
    api.post<EnterResult>(`${C}/appointments/${enc(appointmentId)}/enter`, complaint),
  draft: (appointmentId: string) => api.get<ComplaintDraftView>(`${C}/appointments/${enc(appointmentId)}/draft`),
  saveDraft: (appointmentId: string, draft: ComplaintDraft) =>
    api.put<ComplaintDraftView>(`${C}/appointments/${enc(appointmentId)}/draft`, draft),
  onDemand: (body: { specialty: string; kind: ConsultationKind; complaint: ComplaintForm }) =>
    api.post<EnterResult>(`${C}/on-demand`, body),
  mine: () => api.get<ConsultationView[]>(`${C}/mine`),
  get: (id: string) => api.get<ConsultationView>(`${C}/${enc(id)}`),
  queue: () => api.get<DoctorQueue>(`${C}/queue`),
  accept: (id: string) => api.post<ConsultationView>(`${C}/${enc(id)}/accept`),
  fail: (id: string, reason: Exclude<FailureReason, "emergencyAdvised">, details?: string) =>
    api.post<ConsultationView>(`${C}/${enc(id)}/fail`, details ? { reason, details } : { reason }),
  duty: () => api.get<DutyState>(`${C}/duty`),
  setDuty: (onDuty: boolean) => api.put<DutyState>(`${C}/duty`, { onDuty }),
  escalations: () => api.get<Escalation[]>(`${C}/escalations`),
  markCalledBack: (id: string) => api.post<Escalation>(`${C}/escalations/${enc(id)}/called-back`),
  assignEscalation: (id: string, doctorUserId: string) => api.post(`${C}/escalations/${enc(id)}/assign`, { doctorUserId }),
  dismissEscalation: (id: string) => api.post(`${C}/escalations/${enc(id)}/dismiss`),
  attachmentUrl: (id: string) => buildUrl(`${C}/attachments/${enc(id)}`),
  uploadAttachment,
};
