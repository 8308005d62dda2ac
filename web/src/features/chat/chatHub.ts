import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import type { HubLike } from "../calls/callHub";

export type { HubLike };

export const CHAT_HUB_URL = "/hubs/chat";

/** A connection to /hubs/chat (the session cookie authenticates it) that reconnects by itself. */
export function createChatConnection(): HubLike {
  return new HubConnectionBuilder()
    .withUrl(CHAT_HUB_URL, { withCredentials: true })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
}
