import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clock, formatDayShort, formatTime } from "../../shared/time/zonedTime";
import { notificationKeys, notificationsApi, UNREAD_CAP, type NotificationItem, type UnreadCount } from "./notificationsApi";
import { setQueryDataFromServer } from "../../shared/realtime/setQueryDataFromServer";
import { isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * Every role: the notification centre. Newest first, a page at a time; opening one marks it read and follows its link;
 * "Mark all as read" clears the count. The bell's count follows (the server pushes the new count to every tab).
 */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("notifications.title");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  // What is being marked read ("all" or a notification's id): its button says it is working, the others wait, so two
  // markings cannot race each other's unread count.
  const [pending, setPending] = useState<string | null>(null);
  const list = useQuery({ queryKey: notificationKeys.page(page), queryFn: () => notificationsApi.list(page) });

  const refresh = async (unread: number) => {
    await setQueryDataFromServer<UnreadCount>(queryClient, notificationKeys.unread, { unread });
    await queryClient.invalidateQueries({ queryKey: [...notificationKeys.all, "page"] });
  };

  const open = async (item: NotificationItem) => {
    setError(null);
    setPending(item.id);
    try {
      if (!item.readAt) {
        await notificationsApi.markRead(item.id);
        // A capped count ("100 or more") stays capped: one read less may still be 100 or more; the server's push says.
        const before = list.data?.unread ?? 1;
        await refresh(before >= UNREAD_CAP ? before : Math.max(0, before - 1));
      }
      await navigate(item.link);
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  };

  const markAll = async () => {
    setError(null);
    setPending("all");
    try {
      await refresh((await notificationsApi.markAllRead()).unread);
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  };

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const zone = clock.timeZone();
  return (
    <div className="stack">
      <div className="notifications-heading">
        <h1>{t("notifications.title")}</h1>
        {data && data.unread > 0 ? (
          <BusyButton type="button" className="button button--secondary" busy={pending === "all"} disabled={pending !== null} onClick={() => void markAll()}>
            {t("notifications.markAll")}
          </BusyButton>
        ) : null}
      </div>
      <p className="muted">{data ? (data.unread >= UNREAD_CAP ? t("notifications.unreadSummaryMany") : t("notifications.unreadSummary", { count: data.unread })) : t("notifications.intro")}</p>
      <p>
        <Link to="/account/notifications">{t("notifications.settings")}</Link>
      </p>
      <ErrorAlert error={error} />
      <section className="card" aria-labelledby="notifications-list-title">
        <h2 id="notifications-list-title" className="visually-hidden">
          {t("notifications.listTitle")}
        </h2>
        {list.isPending ? <Loading /> : null}
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        {data && data.items.length === 0 ? <EmptyState>{t("notifications.empty")}</EmptyState> : null}
        {data && data.items.length > 0 ? (
          <ul className="notification-list" data-testid="notification-list">
            {data.items.map((item) => (
              <li key={item.id} className={item.readAt ? "notification-list__item" : "notification-list__item notification-list__item--unread"}>
                <BusyButton type="button" className="notification-list__open" busy={pending === item.id} disabled={pending !== null} onClick={() => void open(item)}>
                  <bdi className="notification-list__title">{isolate(item.title)}</bdi>
                  <span className="notification-list__meta">
                    <time dateTime={item.createdAt}>
                      {formatDayShort(item.createdAt, zone, i18n.language)}, {formatTime(item.createdAt, zone, i18n.language)}
                    </time>
                    {" · "}
                    {item.readAt ? t("notifications.read") : <strong>{t("notifications.unread")}</strong>}
                  </span>
                </BusyButton>
              </li>
            ))}
          </ul>
        ) : null}
        {data && pages > 1 ? (
          <nav className="pager" aria-label={t("notifications.pages")}>
            <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t("notifications.newer")}
            </button>
            <span>{t("notifications.pageOf", { page, pages })}</span>
            <button type="button" className="button button--secondary button--small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t("notifications.older")}
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
