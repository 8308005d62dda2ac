import { createHubConnection, type HubLike } from "../../shared/realtime/hubConnection";

export type { HubLike };

export const CHAT_HUB_URL = "/hubs/chat";

/** A connection to /hubs/chat (the session cookie authenticates it) that reconnects by itself. */
export function createChatConnection(): HubLike {
  return createHubConnection(CHAT_HUB_URL);
}
