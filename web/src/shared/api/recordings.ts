import { api, buildUrl } from "./client";
import { CONSULTATIONS_BASE } from "./consultations";

/**
 * Call recording with the patient's consent (issue 16 item 4), under /api/v1/consultations/{id}. Shared by the call page
 * (features/calls) and the past-visit pages (features/clinical). Instants are UTC ISO strings.
 */

export type RecordingStatus = "none" | "requested" | "recording" | "stopped" | "processing" | "available" | "declined" | "failed" | "deleted";

/** GET /{id}/recording, and `recording` in GET /{id}/call. */
export interface CallRecordingState {
  /** The clinic allows recording and an SFU is configured; false: no record control at all. */
  offered: boolean;
  /** The latest recording of this consultation, if any. */
  recordingId: string | null;
  status: RecordingStatus;
  /** The consent text version the patient must accept, e.g. "call-recording-consent-2026-12". */
  consentVersion: string;
  requestedAt: string | null;
  consentedAt: string | null;
}

export type RecordingStopReason = "doctor" | "withdrawn" | "ended";

export interface RecordingTrack {
  index: number;
  display: string;
  durationSeconds: number;
  sizeBytes: number;
}

/** GET /{id}/recordings: one recording of a consultation, with its tracks (one per participant's feed). */
export interface CallRecordingView {
  recordingId: string;
  status: RecordingStatus;
  requestedAt: string;
  consentedAt: string | null;
  stoppedAt: string | null;
  stopReason: RecordingStopReason | null;
  retainUntil: string | null;
  tracks: RecordingTrack[];
}

/** Body of PUT /clinics/{clinicId}/recording-policy (admin). */
export interface RecordingPolicyRequest {
  allowed: boolean;
  /** 1..3650. */
  retentionDays: number;
}

/** GET/PUT /clinics/{clinicId}/recording-policy (admin): the clinic's rule, and whether this deployment can record at all. */
export interface RecordingPolicy extends RecordingPolicyRequest {
  /**
   * False when the deployment has no group call server (SFU) with a recordings directory: nothing is recorded or offered
   * whatever `allowed` says, and switching `allowed` on is refused with 409 `consultation.recording_unavailable`.
   */
  recordingAvailable: boolean;
}

/** The ProblemDetails code of a PUT that switches recording on where the deployment cannot record. */
export const RECORDING_UNAVAILABLE = "consultation.recording_unavailable";

export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;

const enc = encodeURIComponent;
const C = CONSULTATIONS_BASE;

/** React Query keys: the call's recording state (re-read on the call hub's recordingChanged) and the recordings list. */
export const recordingKeys = {
  state: (consultationId: string) => ["call-recording", consultationId] as const,
  list: (consultationId: string) => ["call-recordings", consultationId] as const,
  policy: (clinicId: string) => ["recording-policy", clinicId] as const,
};

export const recordingsApi = {
  state: (id: string) => api.get<CallRecordingState>(`${C}/${enc(id)}/recording`),
  /** Doctor: ask the patient to consent (201, status "requested"). */
  request: (id: string) => api.post<CallRecordingState>(`${C}/${enc(id)}/recording`),
  /** Patient: accept or decline the consent text of `consentVersion` (the version shown). */
  consent: (id: string, body: { consentVersion: string; accept: boolean }) => api.post<CallRecordingState>(`${C}/${enc(id)}/recording/consent`, body),
  /** Doctor stops, or the patient withdraws consent. */
  stop: (id: string) => api.post<CallRecordingState>(`${C}/${enc(id)}/recording/stop`),
  list: (id: string) => api.get<CallRecordingView[]>(`${C}/${enc(id)}/recordings`),
  policy: (clinicId: string) => api.get<RecordingPolicy>(`/clinics/${enc(clinicId)}/recording-policy`),
  savePolicy: (clinicId: string, body: RecordingPolicyRequest) => api.put<RecordingPolicy>(`/clinics/${enc(clinicId)}/recording-policy`, body),
};

/** Where a track's WebM plays from (a <video src>; ids only in the URL, the session cookie authorises it). */
export function recordingTrackUrl(consultationId: string, recordingId: string, index: number): string {
  return buildUrl(`${C}/${enc(consultationId)}/recordings/${enc(recordingId)}/tracks/${index}`);
}
