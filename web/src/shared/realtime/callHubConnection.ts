import { api } from "../api/client";
import { CONSULTATIONS_BASE } from "../api/consultations";
import { createHubConnection, type HubLike } from "./hubConnection";

/** The call hub's path (signalling, JoinCall, the chat consultation's video proposal). */
export const CALL_HUB_URL = "/hubs/call";

/** How long a connection opened ahead of its call page waits to be taken over before it is closed. */
export const WARM_CALL_HUB_MS = 30_000;

/** A new connection to /hubs/call (the session cookie authenticates it) that reconnects by itself; not started. */
export function createCallHubConnection(): HubLike {
  return createHubConnection(CALL_HUB_URL, { reconnectDelaysMs: [0, 1000, 2000, 5000, 10000, 10000, 20000] });
}

interface WarmConnection {
  connection: HubLike;
  started: Promise<void>;
  timer: ReturnType<typeof setTimeout>;
}

let warm: WarmConnection | null = null;

function drop(entry: WarmConnection, close: boolean): void {
  if (warm !== entry) return;
  warm = null;
  clearTimeout(entry.timer);
  if (close) void entry.connection.stop().catch(() => undefined);
}

/**
 * Opens /hubs/call before the call page exists — when the doctor clicks Accept, when the patient's queue says the call
 * starts — so the hub's negotiate and WebSocket upgrade overlap the accept request, the navigation and the page's first
 * render instead of following them (200–500 ms of the call's set-up on a busy machine, bench/run-consultations.sh). The
 * connection joins nothing: the call page takes it over ({@link takeWarmCallHub}) and joins with its call token, and the
 * server checks who is asking at every invocation as for any other connection. One not taken within
 * {@link WARM_CALL_HUB_MS} ms is closed; a second call while one is waiting does nothing.
 */
export function prewarmCallHub(create: () => HubLike = createCallHubConnection): void {
  if (warm) return;
  let connection: HubLike;
  let started: Promise<void>;
  try {
    connection = create();
    started = connection.start();
  } catch {
    return; // best effort: the page opens its own connection
  }
  const entry: WarmConnection = { connection, started, timer: setTimeout(() => drop(entry, true), WARM_CALL_HUB_MS) };
  warm = entry;
  // A failed or lost warm-up is not an error: the page then opens its own connection.
  started.catch(() => drop(entry, false));
  connection.onclose(() => drop(entry, false));
}

/**
 * The connection opened by {@link prewarmCallHub}, if one is waiting, for the page to use as its own (null otherwise). Its
 * first `start()` resolves when the warm-up's did (or starts it again if that failed); everything else is the connection
 * itself, so a page registers its handlers and reconnect callbacks on it as on a new one.
 */
export function takeWarmCallHub(): HubLike | null {
  const entry = warm;
  if (!entry) return null;
  drop(entry, false);
  const { connection, started } = entry;
  let first = true;
  return {
    start: () => {
      if (!first) return connection.start();
      first = false;
      return started.catch(() => connection.start());
    },
    stop: () => connection.stop(),
    invoke: (method, ...args) => connection.invoke(method, ...args),
    on: (event, handler) => connection.on(event, handler),
    off: (event, handler) => connection.off(event, handler),
    onreconnecting: (callback) => connection.onreconnecting(callback),
    onreconnected: (callback) => connection.onreconnected(callback),
    onclose: (callback) => connection.onclose(callback),
  };
}

let infoAhead: { consultationId: string; info: Promise<unknown>; at: number } | null = null;

/**
 * Asks GET /consultations/{id}/call (the call token, ICE servers, the recording state) as soon as the call is known to
 * start — the doctor's accept answered, the patient's queue said so — instead of after the call page rendered. Then it
 * is answered before the page's other reads reach the host, which on a busy machine made it wait 150–270 ms
 * (bench/run-consultations.sh), and the page joins as soon as its hub connection is up. Only for a video consultation:
 * a chat consultation's page does not read it. Asked again for the same consultation while one is fresh, it does nothing. The answer is the caller's: nothing is kept but the promise, for at most
 * {@link WARM_CALL_HUB_MS} ms and for this consultation only.
 */
export function prefetchCallInfo(consultationId: string): void {
  if (infoAhead && infoAhead.consultationId === consultationId && Date.now() - infoAhead.at <= WARM_CALL_HUB_MS) return;
  const info = api.get<unknown>(`${CONSULTATIONS_BASE}/${encodeURIComponent(consultationId)}/call`);
  info.catch(() => undefined);
  infoAhead = { consultationId, info, at: Date.now() };
}

/** The GET /call asked by {@link prefetchCallInfo} for this consultation, once (null when none, another, or too old). */
export function takeCallInfo(consultationId: string): Promise<unknown> | null {
  const entry = infoAhead;
  infoAhead = null;
  if (!entry || entry.consultationId !== consultationId || Date.now() - entry.at > WARM_CALL_HUB_MS) return null;
  return entry.info;
}
