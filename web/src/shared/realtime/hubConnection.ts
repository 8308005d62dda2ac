import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

/** What pages need from a SignalR connection; a tiny surface so tests can fake it. */
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

export interface HubOptions {
  /** Milliseconds to wait before each reconnect attempt; SignalR's default (0, 2, 10, 30 s) when absent. */
  reconnectDelaysMs?: number[];
}

/**
 * The app's one way to open a hub: the session cookie authenticates it (same origin, credentials
 * included), it reconnects by itself, and the client logs only warnings (never message contents).
 * `url` is the hub's path, e.g. "/hubs/chat".
 */
export function createHubConnection(url: string, options: HubOptions = {}): HubLike {
  const builder = new HubConnectionBuilder().withUrl(url, { withCredentials: true });
  const withReconnect = options.reconnectDelaysMs ? builder.withAutomaticReconnect(options.reconnectDelaysMs) : builder.withAutomaticReconnect();
  return withReconnect.configureLogging(LogLevel.Warning).build();
}
