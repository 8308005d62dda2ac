import { api } from "../../shared/api/client";
import { CONSULTATIONS_BASE } from "../../shared/api/consultations";
import type { ClinicalData } from "../../shared/api/types";
import type { CallRecordingState } from "../../shared/api/recordings";

export type { CallRecordingState, CallRecordingView, RecordingStatus } from "../../shared/api/recordings";

/* Consultation and video endpoints the call page uses (docs/api-consultations.md, under /api/v1/consultations). */

export type ConsultationStatus = "scheduled" | "waiting" | "inProgress" | "completed" | "failed";
export type TriageLevel = "emergency" | "urgent" | "standard" | "routine";

export interface FiredRule {
  code: string;
  title: string;
  level: TriageLevel;
  source?: string;
}

export interface TriageResult {
  level: TriageLevel;
  advice?: string;
  firedRules: FiredRule[];
}

export interface ConsultationView {
  id: string;
  kind: "video" | "chat";
  status: ConsultationStatus;
  origin: "booked" | "onDemand";
  appointmentId?: string | null;
  specialty?: string | null;
  patientName?: string | null;
  doctorName?: string | null;
  doctorUserId?: string | null;
  scheduledStart?: string | null;
  priority?: string | null;
  triage?: TriageResult | null;
  complaintSummary?: string | null;
  queue?: { position: number; estimatedWaitMinutes?: number | null; escalated: boolean; nobodyOnDuty?: boolean } | null;
  enteredWaitingAt?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  durationSeconds?: number | null;
  failureReason?: string | null;
  conversationId?: string | null;
  /** Staff only (the doctor, for the patient's record beside the call). */
  patientId?: string | null;
}

/** GET /{id}/history: the patient's earlier completed consultations, newest first. */
export interface PastConsultation {
  id: string;
  endedAt?: string | null;
  kind: "video" | "chat";
  specialty: string;
  doctorName?: string | null;
  complaintSummary: string;
  durationSeconds?: number | null;
}

export type CallRole = "caller" | "callee" | "guest";

/** How the call's media flows: browser to browser, or through the Janus SFU (a group call, once a guest is admitted). */
export type CallMedia = "peer" | "sfu";

/** Where and as whom this participant joins the Janus video room (GET /{id}/call, when media is "sfu"). */
export interface SfuInfo {
  server: string;
  token: string;
  room: number;
  feedId: number;
  /** The id to publish a shared screen under (the host sends it; without it Janus picks one). */
  screenFeedId?: number | null;
  display: string;
}

export interface CallInfo {
  callToken: string;
  expiresAt: string;
  role: CallRole;
  iceServers: { urls: string | string[]; username?: string | null; credential?: string | null }[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Absent from older servers: then "peer". */
  media?: CallMedia;
  sfu?: SfuInfo | null;
  /** The clinic has an SFU configured: the doctor may invite guests. Absent from older servers: false. */
  groupCalls?: boolean;
  /** Recording with the patient's consent (absent from older servers). */
  recording?: CallRecordingState | null;
  /** The doctor let the patient share a screen (group calls through Janus). Absent from older servers: false. */
  patientMayShareScreen?: boolean;
}


/** PUT /{id}/screen-sharing (the doctor only): the body and the answer. */
export interface ScreenSharingView {
  patientAllowed: boolean;
}

export type GuestRole = "interpreter" | "family" | "consultingDoctor";
export const GUEST_ROLES: readonly GuestRole[] = ["interpreter", "family", "consultingDoctor"];
export type GuestStatus = "invited" | "waiting" | "admitted" | "removed";

/** A guest of a group call (GET/POST /{id}/guests, /{id}/guests/me). */
export interface CallGuest {
  guestId: string;
  displayName: string;
  role: GuestRole;
  status: GuestStatus;
  invitedAt: string;
}

/** GET /me/call-invitations: calls in progress the signed-in user is invited to. */
export interface CallInvitation {
  consultationId: string;
  guestId: string;
  doctorName: string;
  role: GuestRole;
  status: GuestStatus;
}

/** Hub events of group calls. */
export interface GuestsChangedEvent {
  consultationId: string;
}
export interface RecordingChangedEvent {
  consultationId: string;
}
/** The doctor let the patient share a screen, or revoked it (to everyone in the call). */
export interface ScreenSharingChangedEvent {
  consultationId: string;
  patientAllowed: boolean;
}
export interface MediaChangedEvent {
  consultationId: string;
  media: CallMedia;
}

export interface ComplaintForm {
  regions: string[];
  severity: number;
  duration: string;
  symptoms?: string[] | null;
  description?: string | null;
  photoIds?: string[] | null;
}

/** GET /{id}/complaint: the form itself is one level down, under `complaint` (ComplaintView on the server). */
export interface ComplaintView {
  consultationId: string;
  complaint: ComplaintForm;
  summary: string;
  triage: TriageResult;
}

export interface ConsultationNotes {
  text: string;
  updatedAt?: string | null;
}

/** RTCIceServer entries without null fields (a STUN entry comes with username/credential null). */
export function toRtcIceServers(servers: CallInfo["iceServers"] | null | undefined): RTCIceServer[] {
  return (servers ?? []).map((s) => ({
    urls: s.urls,
    ...(s.username ? { username: s.username } : {}),
    ...(s.credential ? { credential: s.credential } : {}),
  }));
}

const enc = encodeURIComponent;
const C = CONSULTATIONS_BASE;

export const callsApi = {
  consultation: (id: string) => api.get<ConsultationView>(`${C}/${enc(id)}`),
  call: (id: string) => api.get<CallInfo>(`${C}/${enc(id)}/call`),
  complaint: (id: string) => api.get<ComplaintView>(`${C}/${enc(id)}/complaint`),
  end: (id: string) => api.post<ConsultationView>(`${C}/${enc(id)}/end`),
  history: (id: string) => api.get<PastConsultation[]>(`${C}/${enc(id)}/history`),
  clinical: (patientId: string) => api.get<ClinicalData>(`/patients/${enc(patientId)}/clinical`),
  notes: (id: string) => api.get<ConsultationNotes>(`${C}/${enc(id)}/notes`),
  saveNotes: (id: string, text: string) => api.put<ConsultationNotes>(`${C}/${enc(id)}/notes`, { text }),
  /** 404 consultation.not_found, 409 consultation.call_closed, 503 consultation.sfu_unavailable. Revoking also drops the patient's screen from Janus. */
  setScreenSharing: (id: string, patientAllowed: boolean) =>
    api.put<ScreenSharingView>(`${C}/${enc(id)}/screen-sharing`, { patientAllowed } satisfies ScreenSharingView),
  guests: (id: string) => api.get<CallGuest[]>(`${C}/${enc(id)}/guests`),
  inviteGuest: (id: string, body: { email: string; role: GuestRole }) => api.post<CallGuest>(`${C}/${enc(id)}/guests`, body),
  admitGuest: (id: string, guestId: string) => api.post<CallGuest>(`${C}/${enc(id)}/guests/${enc(guestId)}/admit`),
  removeGuest: (id: string, guestId: string) => api.del(`${C}/${enc(id)}/guests/${enc(guestId)}`),
  myInvitations: () => api.get<CallInvitation[]>(`/me/call-invitations`),
  knock: (id: string) => api.post<CallGuest>(`${C}/${enc(id)}/guests/me/knock`),
  myGuest: (id: string) => api.get<CallGuest>(`${C}/${enc(id)}/guests/me`),
};
