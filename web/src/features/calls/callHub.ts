import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

/** What the call page needs from a SignalR connection; a tiny surface so tests can fake it. */
export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (...args: unknown[]) => void): void;
  off(event: string, handler: (...args: unknown[]) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

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
  return new HubConnectionBuilder()
    .withUrl(CALL_HUB_URL, { withCredentials: true })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 20000])
    .configureLogging(LogLevel.Warning)
    .build();
}
