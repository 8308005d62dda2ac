import { createHubConnection, type HubLike } from "../../shared/realtime/hubConnection";

export type { HubLike };

export type SignalKind = "offer" | "answer" | "candidate" | "bye";

export interface SignalMessage {
  kind: SignalKind;
  payload: string;
}

export interface JoinCallResult {
  role: "caller" | "callee";
  peerPresent: boolean;
}

export const CALL_HUB_URL = "/hubs/call";

/** A connection to /hubs/call (the session cookie authenticates it) that reconnects by itself. */
export function createCallConnection(): HubLike {
  return createHubConnection(CALL_HUB_URL, { reconnectDelaysMs: [0, 1000, 2000, 5000, 10000, 10000, 20000] });
}
