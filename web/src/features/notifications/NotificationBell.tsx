import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useNotificationFeed } from "./useNotificationFeed";
import { UNREAD_CAP } from "./notificationsApi";

/**
 * The header's bell: a link to the notification centre whose accessible name says how many are unread
 * ("Notifications, 3 unread"); the visible badge shows the count (99+ above 99) and is hidden from screen readers. The server
 * counts up to {@link UNREAD_CAP}, which means "that many or more".
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useNotificationFeed() ?? 0;
  const label =
    unread >= UNREAD_CAP ? t("notifications.bellUnreadMany") : unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");
  return (
    <Link to="/notifications" className="button button--secondary button--small notification-bell" aria-label={label} data-testid="notification-bell">
      <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 ? (
        <span className="notification-bell__count" aria-hidden="true">
          {unread >= UNREAD_CAP ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
