import { HttpTransportType, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

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

/** How a connection reaches the hub: a WebSocket straight away, or SignalR's negotiate and then its best transport. */
export type HubTransport = "websocket" | "negotiated";

/**
 * Builds one SignalR connection to `url` the app's way: the session cookie authenticates it (same origin, credentials
 * included), it reconnects by itself, and the client logs only warnings (never message contents). `websocket` opens the
 * WebSocket without SignalR's negotiate request; `negotiated` asks negotiate first and may fall back to server-sent events
 * or long polling.
 */
export function buildHubConnection(url: string, transport: HubTransport, options: HubOptions = {}): HubLike {
  const builder = new HubConnectionBuilder().withUrl(
    url,
    transport === "websocket" ? { withCredentials: true, transport: HttpTransportType.WebSockets, skipNegotiation: true } : { withCredentials: true },
  );
  const withReconnect = options.reconnectDelaysMs ? builder.withAutomaticReconnect(options.reconnectDelaysMs) : builder.withAutomaticReconnect();
  return withReconnect.configureLogging(LogLevel.Warning).build();
}

// Once a WebSocket could not be opened but negotiate then worked (a proxy that refuses upgrades), later connections of
// this page go the negotiated way at once instead of failing first every time.
let webSocketsRefused = false;

/** Forgets that WebSockets were refused on this page. For tests. */
export function resetHubTransportMemory(): void {
  webSocketsRefused = false;
}

type Registration =
  | { kind: "on"; event: string; handler: (...args: unknown[]) => void }
  | { kind: "reconnecting"; callback: (error?: Error) => void }
  | { kind: "reconnected"; callback: (connectionId?: string) => void }
  | { kind: "close"; callback: (error?: Error) => void };

function register(connection: HubLike, r: Registration): void {
  if (r.kind === "on") connection.on(r.event, r.handler);
  else if (r.kind === "reconnecting") connection.onreconnecting(r.callback);
  else if (r.kind === "reconnected") connection.onreconnected(r.callback);
  else connection.onclose(r.callback);
}

/**
 * The app's one way to open a hub (`url` is the hub's path, e.g. "/hubs/chat"); not started. The connection first opens a
 * WebSocket without SignalR's negotiate request: one HTTP request per connect and reconnect instead of two (1,000 chat
 * connections joined in 1.9–2.3 s instead of 3.2–4.2 s, and about a third less host CPU per connection:
 * docs/benchmarks.md, "Joining without negotiate"), and a multi-host deployment needs no sticky routing for it. When
 * that first start fails — a proxy that refuses WebSocket upgrades, or a refusal the browser's WebSocket cannot show,
 * such as an expired session — it starts once more the negotiated way, which falls back to server-sent events or long
 * polling and reports an HTTP refusal (401) as it is. Handlers and callbacks registered before or after the switch stay
 * registered.
 */
export function createHubConnection(url: string, options: HubOptions = {}, build: typeof buildHubConnection = buildHubConnection): HubLike {
  const registrations: Registration[] = [];
  let current = build(url, webSocketsRefused ? "negotiated" : "websocket", options);
  let direct = !webSocketsRefused;
  let stopped = false;
  const add = (r: Registration) => {
    registrations.push(r);
    register(current, r);
  };
  return {
    async start() {
      stopped = false;
      if (!direct) return current.start();
      try {
        await current.start();
      } catch (error) {
        if (stopped) throw error;
        const negotiated = build(url, "negotiated", options);
        registrations.forEach((r) => register(negotiated, r));
        current = negotiated;
        try {
          await negotiated.start();
        } catch (negotiateError) {
          // Both ways failed (the host is down, the session is over): nothing says WebSockets are refused, so the next
          // start tries the WebSocket again.
          current = build(url, "websocket", options);
          registrations.forEach((r) => register(current, r));
          throw negotiateError;
        }
        webSocketsRefused = true;
      }
      // Only the first start that succeeds decides: the connection's own reconnects keep the transport that worked.
      direct = false;
    },
    stop() {
      stopped = true;
      return current.stop();
    },
    invoke: (method, ...args) => current.invoke(method, ...args),
    on: (event, handler) => add({ kind: "on", event, handler }),
    off: (event, handler) => {
      const i = registrations.findIndex((r) => r.kind === "on" && r.event === event && r.handler === handler);
      if (i >= 0) registrations.splice(i, 1);
      current.off(event, handler);
    },
    onreconnecting: (callback) => add({ kind: "reconnecting", callback }),
    onreconnected: (callback) => add({ kind: "reconnected", callback }),
    onclose: (callback) => add({ kind: "close", callback }),
  };
}
