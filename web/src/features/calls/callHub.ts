import type { HubLike } from "../../shared/realtime/hubConnection";
import { CALL_HUB_URL, createCallHubConnection, takeWarmCallHub } from "../../shared/realtime/callHubConnection";

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

export { CALL_HUB_URL };

/**
 * The call page's connection to /hubs/call: the one opened ahead of the page when there is one (on Accept, or when the
 * patient's queue said the call starts: shared/realtime/callHubConnection), else a new one. Not started either way: the
 * page's start() waits for the warm-up's.
 */
export function createCallConnection(): HubLike {
  return takeWarmCallHub() ?? createCallHubConnection();
}
