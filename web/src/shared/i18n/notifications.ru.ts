/** Russian texts of the notification centre (merged into ru.ts under "notifications"). */
const notificationsRu = {
  bell: "Уведомления",
  bellUnread_one: "Уведомления, {{count}} непрочитанное",
  bellUnread_few: "Уведомления, {{count}} непрочитанных",
  bellUnread_many: "Уведомления, {{count}} непрочитанных",
  bellUnread_other: "Уведомления, {{count}} непрочитанных",
  title: "Уведомления",
  intro: "Изменения записей, сообщения и запросы для вас.",
  listTitle: "Ваши уведомления, сначала новые",
  unreadSummary_one: "{{count}} непрочитанное",
  unreadSummary_few: "{{count}} непрочитанных",
  unreadSummary_many: "{{count}} непрочитанных",
  unreadSummary_other: "{{count}} непрочитанных",
  unreadSummary_zero: "Непрочитанных нет",
  markAll: "Отметить все как прочитанные",
  empty: "Уведомлений пока нет. Здесь появятся изменения записей и сообщения.",
  read: "Прочитано",
  unread: "Новое",
  pages: "Страницы уведомлений",
  pageOf: "Страница {{page}} из {{pages}}",
  newer: "Новее",
  older: "Старше",
};

export default notificationsRu;
