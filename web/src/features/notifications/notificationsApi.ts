import { api } from "../../shared/api/client";

/**
 * One in-app notification (docs/api-notifications.md). `kind` is open: booking_created, booking_rescheduled,
 * booking_cancelled, clinic_message, review_request, message, waitlist_offer, payment_captured, payment_refunded, and later
 * result and prescription. `title` is already in
 * the recipient's language; `link` is a path inside this app; instants are UTC ISO strings.
 */
export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  link: string;
  createdAt: string;
  readAt?: string | null;
}

/** A page of notifications, newest first; `unread` counts all the user's unread ones. */
export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface UnreadCount {
  unread: number;
}

/** One channel of a topic: `in_app`, `email` or `sms`; a `locked` one (security e-mails) cannot be switched off. */
export interface ChannelPreference {
  channel: string;
  enabled: boolean;
  locked: boolean;
}

/** One topic (`messages`, `bookings`, `reminders`, `security`) with the channels it can come by. */
export interface TopicPreference {
  topic: string;
  channels: ChannelPreference[];
}

/** The signed-in user's notification preferences, topics in display order. */
export interface NotificationPreferencesView {
  topics: TopicPreference[];
}

export interface PreferenceChange {
  topic: string;
  channel: string;
  enabled: boolean;
}

/** What an unsubscribe link stops: a topic's e-mails, and whether they are still on (no sign-in; docs/api-notifications.md). */
export interface UnsubscribeLink {
  topic: string;
  channel: string;
  enabled: boolean;
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** The server counts unread notifications up to this many: a count of 100 means 100 or more (docs/api-notifications.md). */
export const UNREAD_CAP = 100;

export const notificationsApi = {
  list: (page: number, pageSize = NOTIFICATIONS_PAGE_SIZE) =>
    api.get<NotificationPage>(`/me/notifications?page=${page}&pageSize=${pageSize}`),
  unread: () => api.get<UnreadCount>("/me/notifications/unread-count"),
  markRead: (id: string) => api.post<NotificationItem>(`/me/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api.post<UnreadCount>("/me/notifications/read-all"),
  preferences: () => api.get<NotificationPreferencesView>("/me/notification-preferences"),
  setPreferences: (changes: PreferenceChange[]) => api.put<NotificationPreferencesView>("/me/notification-preferences", { changes }),
  describeUnsubscribe: (token: string) => api.get<UnsubscribeLink>(`/notifications/unsubscribe/${encodeURIComponent(token)}`),
  unsubscribe: (token: string) => api.post<UnsubscribeLink>(`/notifications/unsubscribe/${encodeURIComponent(token)}`),
};

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  page: (page: number) => ["notifications", "page", page] as const,
  preferences: ["notifications", "preferences"] as const,
};
