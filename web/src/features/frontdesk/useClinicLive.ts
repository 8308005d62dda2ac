import { useEffect, useRef, useState } from "react";
import { createFrontDeskConnection, type LiveConnection } from "./frontDeskHub";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

const RETRY_MS = 5000;

/**
 * Watches one clinic on /hubs/front-desk: calls `onChange` on every `appointmentChanged`, once the watch
 * is in place and after a reconnect (events may have been missed). Re-watches after reconnecting and when the clinic
 * changes (unwatching the old one).
 */
export function useClinicLive(clinicId: string | undefined, onChange: () => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const connection = useRef<LiveConnection | null>(null);
  const connected = useRef(false);
  const watched = useRef<string | undefined>(undefined);
  const wanted = useRef(clinicId);
  const callback = useRef(onChange);
  wanted.current = clinicId;
  callback.current = onChange;

  useEffect(() => {
    const conn = createFrontDeskConnection();
    connection.current = conn;
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const handler = () => {
      if (!disposed) callback.current();
    };
    const watch = async () => {
      const id = wanted.current;
      watched.current = undefined;
      if (!id) return;
      await conn.invoke("WatchClinic", id);
      watched.current = id;
    };
    const start = async () => {
      try {
        setStatus((s) => (s === "offline" ? "reconnecting" : s));
        await conn.start();
      } catch {
        if (disposed) return;
        connected.current = false;
        setStatus("offline");
        retry = setTimeout(() => void start(), RETRY_MS);
        return;
      }
      if (disposed) return;
      connected.current = true;
      // A clinic the hub refuses (HubException) leaves the connection up; the day is still read over HTTP.
      await watch().catch(() => undefined);
      if (disposed) return;
      setStatus("live");
      // A change between the day's first read and the watch (or during a closed connection) is not replayed: read again.
      callback.current();
    };
    conn.on("appointmentChanged", handler);
    conn.onreconnecting(() => {
      if (disposed) return;
      connected.current = false;
      setStatus("reconnecting");
    });
    conn.onreconnected(() => {
      if (disposed) return;
      connected.current = true;
      void watch()
        .then(() => {
          if (disposed) return;
          setStatus("live");
          callback.current();
        })
        .catch(() => !disposed && setStatus("reconnecting"));
    });
    conn.onclose(() => {
      if (disposed) return;
      connected.current = false;
      setStatus("offline");
      retry = setTimeout(() => void start(), RETRY_MS);
    });
    void start();
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      conn.off("appointmentChanged", handler);
      connection.current = null;
      connected.current = false;
      watched.current = undefined;
      void conn.stop().catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    const conn = connection.current;
    if (!conn || !connected.current) return;
    const old = watched.current;
    if (old === clinicId) return;
    void (async () => {
      if (old) await conn.invoke("UnwatchClinic", old).catch(() => undefined);
      watched.current = undefined;
      if (clinicId) {
        await conn.invoke("WatchClinic", clinicId);
        watched.current = clinicId;
      }
    })().catch(() => undefined);
  }, [clinicId]);

  return status;
}
