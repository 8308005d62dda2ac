import { useEffect, useRef, useState } from "react";
import { createWaitingRoomConnection, type LiveConnection } from "./waitingRoomHub";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

const RETRY_MS = 5000;

export interface WaitingRoomLiveOptions {
  /** The hub method to call after connecting and after every reconnect, with its arguments. */
  watch: readonly [method: string, ...args: unknown[]] | null;
  /** Event handlers by event name; the latest handlers are always used. */
  events: Record<string, (payload: never) => void>;
  /** Called once the watch is in place, on the first connect and after every reconnect: events may have been missed, so re-read over HTTP. */
  onResync?: () => void;
}

/**
 * One connection to /hubs/waiting-room for a page: watches (WatchConsultation, WatchQueue or
 * WatchEscalations) on connect and reconnect, hands events to the page and reports the state for
 * the live badge. A new `watch` (another consultation) makes a new connection.
 */
export function useWaitingRoomLive({ watch, events, onResync }: WaitingRoomLiveOptions): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handlers = useRef(events);
  const resync = useRef(onResync);
  handlers.current = events;
  resync.current = onResync;
  const watchKey = watch ? JSON.stringify(watch) : "";
  const eventNames = Object.keys(events).sort().join(",");

  useEffect(() => {
    if (!watchKey) return;
    const [method, ...args] = JSON.parse(watchKey) as [string, ...unknown[]];
    const conn: LiveConnection = createWaitingRoomConnection();
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscriptions = eventNames
      .split(",")
      .filter(Boolean)
      .map((name) => {
        const handler = (...payload: unknown[]) => {
          if (disposed) return;
          (handlers.current[name] as ((p: unknown) => void) | undefined)?.(payload[0]);
        };
        conn.on(name, handler);
        return [name, handler] as const;
      });
    const invokeWatch = () => conn.invoke(method, ...args);
    const start = async () => {
      try {
        setStatus((s) => (s === "offline" ? "reconnecting" : s));
        await conn.start();
      } catch {
        if (disposed) return;
        setStatus("offline");
        retry = setTimeout(() => void start(), RETRY_MS);
        return;
      }
      if (disposed) return;
      // A refused watch (HubException) leaves the connection up; the page still polls over HTTP.
      await invokeWatch().catch(() => undefined);
      if (disposed) return;
      setStatus("live");
      // Read again even on the first start: an event sent between the page's first read and the watch is not replayed.
      resync.current?.();
    };
    conn.onreconnecting(() => {
      if (!disposed) setStatus("reconnecting");
    });
    conn.onreconnected(() => {
      if (disposed) return;
      void invokeWatch()
        .then(() => {
          if (disposed) return;
          setStatus("live");
          resync.current?.();
        })
        .catch(() => !disposed && setStatus("reconnecting"));
    });
    conn.onclose(() => {
      if (disposed) return;
      setStatus("offline");
      retry = setTimeout(() => void start(), RETRY_MS);
    });
    setStatus("connecting");
    void start();
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      for (const [name, handler] of subscriptions) conn.off(name, handler);
      void conn.stop().catch(() => undefined);
    };
  }, [watchKey, eventNames]);

  return status;
}
