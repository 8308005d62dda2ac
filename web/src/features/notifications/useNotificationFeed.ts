import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { notificationKeys, notificationsApi, type UnreadCount } from "./notificationsApi";
import type { HubLike } from "../../shared/realtime/hubConnection";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { setQueryDataFromServer } from "../../shared/realtime/setQueryDataFromServer";
import { createNotificationsConnection, type NotificationPushed, type UnreadChanged } from "./notificationsHub";

/** Milliseconds between attempts to start the connection again after a failed start or a close. */
export const RETRY_MS = 5000;

/**
 * The signed-in user's unread count, kept live: read once, then set by the hub's pushes (a new notification, or something
 * marked read in any tab); the list is re-read when a notification arrives. No polling: background requests would keep
 * the session alive. When the server says `subscribed` (the connection is in the user's group, after connecting and after
 * every reconnect) the count and the list are read again: pushes sent before that never reached this tab. Not on
 * `start()` alone: SignalR completes the handshake before the hub's OnConnectedAsync has joined the group. A start that
 * fails (offline, the host restarting) or a connection that closes for good (SignalR's own reconnects gave up) is started
 * again every {@link RETRY_MS} ms while the bell is shown, as the other live views do: the bell must not stay silent for
 * the rest of the page's life.
 */
export function useNotificationFeed(): number | undefined {
  const queryClient = useQueryClient();
  const unread = useQuery({ queryKey: notificationKeys.unread, queryFn: notificationsApi.unread, staleTime: Infinity, retry: false });

  useEffect(() => {
    let hub: HubLike;
    try {
      hub = createNotificationsConnection();
    } catch {
      return undefined; // no URL to connect to (e.g. a page without an origin): the count is still read once
    }
    // The pushed count is as of the change it reports; a count read on its way (the re-read on `subscribed`) must not undo it.
    const setUnread = (count: number) => setQueryDataFromServer<UnreadCount>(queryClient, notificationKeys.unread, { unread: count });
    const onReceived = (...args: unknown[]) => {
      const pushed = args[0] as NotificationPushed;
      void setUnread(pushed.unread);
      void rereadQueries(queryClient, { queryKey: [...notificationKeys.all, "page"] });
    };
    const onUnread = (...args: unknown[]) => {
      void setUnread((args[0] as UnreadChanged).unread);
      void rereadQueries(queryClient, { queryKey: [...notificationKeys.all, "page"] });
    };
    // A notification may have arrived between the first read and the subscription: read the count and the list again
    // (the count alone would show "1 unread" over a list that does not have it).
    const onSubscribed = () => void rereadQueries(queryClient, { queryKey: notificationKeys.all });
    hub.on("notificationReceived", onReceived);
    hub.on("unreadChanged", onUnread);
    hub.on("subscribed", onSubscribed);
    let disposed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (!disposed) retry = setTimeout(start, RETRY_MS);
    };
    // Until it starts there is no live count; the count and the list read over HTTP still stand.
    const start = () => void hub.start().catch(later);
    hub.onclose(later);
    start();
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      hub.off("notificationReceived", onReceived);
      hub.off("unreadChanged", onUnread);
      hub.off("subscribed", onSubscribed);
      void hub.stop().catch(() => undefined);
    };
  }, [queryClient]);

  return unread.data?.unread;
}
