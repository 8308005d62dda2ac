import { createHubConnection, type HubLike } from "../../shared/realtime/hubConnection";
import type { ConsultationKind, ConsultationStatus } from "../../shared/api/consultations";

/** The waiting room's live connection: the app's one hub shape. */
export type LiveConnection = HubLike;

/** `queueUpdated` (patient, after WatchConsultation). */
export interface QueueUpdated {
  consultationId: string;
  status: ConsultationStatus;
  position?: number | null;
  estimatedWaitMinutes?: number | null;
  escalated?: boolean | null;
  nobodyOnDuty?: boolean | null;
}

/** `queueChanged` (doctor, after WatchQueue): no PHI, the page re-reads GET /queue. */
export interface QueueChanged {
  consultationId: string;
  change: "added" | "removed" | "updated";
}

/** `consultationEscalated` (front desk, after WatchEscalations). */
export interface ConsultationEscalated {
  consultationId: string;
  specialty: string;
  waitingSince?: string | null;
  kind?: ConsultationKind;
}

export const WAITING_ROOM_HUB_URL = "/hubs/waiting-room";

/** A connection to /hubs/waiting-room (the session cookie authenticates it) that reconnects by itself. */
export function createWaitingRoomConnection(): LiveConnection {
  return createHubConnection(WAITING_ROOM_HUB_URL);
}
