import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

/** What the front desk needs from a SignalR connection; a tiny surface so tests can fake it. */
export interface LiveConnection {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  on(event: string, handler: (...args: unknown[]) => void): void;
  off(event: string, handler: (...args: unknown[]) => void): void;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

export interface AppointmentChanged {
  appointmentId: string;
  clinicId: string;
  status: string;
  changedAt: string;
}

export const FRONT_DESK_HUB_URL = "/hubs/front-desk";

/** A connection to /hubs/front-desk (the session cookie authenticates it) that reconnects by itself. */
export function createFrontDeskConnection(): LiveConnection {
  return new HubConnectionBuilder()
    .withUrl(FRONT_DESK_HUB_URL, { withCredentials: true })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
}
