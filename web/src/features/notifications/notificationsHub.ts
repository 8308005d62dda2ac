import { createHubConnection, type HubLike } from "../../shared/realtime/hubConnection";
import type { NotificationItem } from "./notificationsApi";

export const NOTIFICATIONS_HUB_URL = "/hubs/notifications";

/** `notificationReceived`: a new notification and the user's unread count after it. */
export interface NotificationPushed {
  notification: NotificationItem;
  unread: number;
}

/** `unreadChanged`: the user marked something read (in this tab or another). */
export interface UnreadChanged {
  unread: number;
}

/** A connection to the signed-in user's own notifications (the server picks the user from the session cookie). */
export function createNotificationsConnection(): HubLike {
  return createHubConnection(NOTIFICATIONS_HUB_URL);
}
