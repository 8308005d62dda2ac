import { createHubConnection, type HubLike } from "../../shared/realtime/hubConnection";

/** The front desk's live connection: the app's one hub shape. */
export type LiveConnection = HubLike;

export interface AppointmentChanged {
  appointmentId: string;
  clinicId: string;
  status: string;
  changedAt: string;
}

export const FRONT_DESK_HUB_URL = "/hubs/front-desk";

/** A connection to /hubs/front-desk (the session cookie authenticates it) that reconnects by itself. */
export function createFrontDeskConnection(): LiveConnection {
  return createHubConnection(FRONT_DESK_HUB_URL);
}
