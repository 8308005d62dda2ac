/** English texts of the notification centre (merged into en.ts under "notifications"). */
const notificationsEn = {
  bell: "Notifications",
  bellUnread_one: "Notifications, {{count}} unread",
  bellUnread_other: "Notifications, {{count}} unread",
  title: "Notifications",
  intro: "Booking changes, messages and requests for you.",
  listTitle: "Your notifications, newest first",
  unreadSummary_one: "{{count}} unread",
  unreadSummary_other: "{{count}} unread",
  unreadSummary_zero: "Nothing unread",
  markAll: "Mark all as read",
  empty: "No notifications yet. Booking changes and messages will appear here.",
  read: "Read",
  unread: "New",
  pages: "Pages of notifications",
  pageOf: "Page {{page}} of {{pages}}",
  newer: "Newer",
  older: "Older",
};

export default notificationsEn;
