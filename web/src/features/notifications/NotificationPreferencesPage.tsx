import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckboxField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { notificationKeys, notificationsApi, type NotificationPreferencesView } from "./notificationsApi";

/**
 * Every role: which notifications come by which channel (in the notification centre, by e-mail, by SMS), one switch per
 * topic and channel, saved as soon as it is switched. Security e-mails are always sent; the page says so and keeps their
 * switch on. Switching the centre off for a topic also clears that topic from the centre.
 */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  useDocumentTitle("notifications.preferences.title");
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const preferences = useQuery({ queryKey: notificationKeys.preferences, queryFn: notificationsApi.preferences });

  const toggle = async (topic: string, channel: string, enabled: boolean) => {
    setError(null);
    setSaved(null);
    setSaving(true);
    try {
      const view = await notificationsApi.setPreferences([{ topic, channel, enabled }]);
      queryClient.setQueryData<NotificationPreferencesView>(notificationKeys.preferences, view);
      // The centre's list and count change when a topic leaves or returns to it.
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all, refetchType: "active" });
      setSaved(t(enabled ? "notifications.preferences.savedOn" : "notifications.preferences.savedOff", {
        topic: t(`notifications.preferences.topics.${topic}`),
        channel: t(`notifications.preferences.channels.${channel}`),
      }));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack">
      <h1>{t("notifications.preferences.title")}</h1>
      <p className="muted">{t("notifications.preferences.intro")}</p>
      <p>
        <Link to="/notifications">{t("notifications.preferences.backToCentre")}</Link>
      </p>
      <div role="status" aria-live="polite" className="muted">
        {saved}
      </div>
      <ErrorAlert error={error} />
      {preferences.isPending ? <Loading /> : null}
      <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
      {preferences.data?.topics.map((topic) => (
        <section key={topic.topic} className="card" aria-labelledby={`preferences-${topic.topic}`} data-testid={`preferences-${topic.topic}`}>
          <fieldset className="stack">
            <legend id={`preferences-${topic.topic}`}>
              <h2>{t(`notifications.preferences.topics.${topic.topic}`)}</h2>
            </legend>
            <p className="muted">{t(`notifications.preferences.about.${topic.topic}`)}</p>
            {topic.channels.map((channel) => (
              <CheckboxField
                key={channel.channel}
                label={t(`notifications.preferences.channels.${channel.channel}`)}
                checked={channel.enabled}
                disabled={channel.locked || saving}
                aria-describedby={channel.locked ? `preferences-${topic.topic}-locked` : undefined}
                onChange={(e) => void toggle(topic.topic, channel.channel, e.currentTarget.checked)}
              />
            ))}
            {topic.channels.some((c) => c.locked) ? (
              <p id={`preferences-${topic.topic}-locked`}>{t("notifications.preferences.locked")}</p>
            ) : null}
          </fieldset>
        </section>
      ))}
    </div>
  );
}
