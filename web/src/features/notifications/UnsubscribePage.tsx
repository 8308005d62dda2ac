import { type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { Form } from "../../shared/ui/Form";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { notificationsApi } from "./notificationsApi";

/**
 * /unsubscribe/:token — the link at the end of an optional e-mail, no sign-in (the token is the credential). Opening it only
 * reads (mail scanners prefetch links); the e-mails stop when the person presses the button. Mail clients' one-click
 * unsubscribe posts to the API directly (RFC 8058) and never shows this page.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.unsubscribe");
  const { token = "" } = useParams();
  const link = useQuery({
    queryKey: ["unsubscribe-link", token],
    queryFn: () => notificationsApi.describeUnsubscribe(token),
    retry: false,
    staleTime: Infinity,
  });
  const unsubscribe = useMutation({ mutationFn: () => notificationsApi.unsubscribe(token) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    unsubscribe.mutate();
  };

  if (link.isPending) return <Loading />;
  if (link.error || !link.data) {
    return (
      <div className="card stack">
        <h1>{t("notifications.unsubscribe.title")}</h1>
        <ErrorAlert error={link.error} />
        <p>
          <Link to="/account/notifications">{t("notifications.settings")}</Link>
        </p>
      </div>
    );
  }

  const topic = t(`notifications.preferences.topics.${link.data.topic}`, { defaultValue: link.data.topic });
  const stopped = unsubscribe.data ?? (link.data.enabled ? null : link.data);
  return (
    <div className="card stack" data-testid="unsubscribe-page">
      <h1>{t("notifications.unsubscribe.title")}</h1>
      {stopped ? (
        <SuccessMessage>{t("notifications.unsubscribe.done", { topic })}</SuccessMessage>
      ) : (
        <Form className="stack" onSubmit={onSubmit}>
          <p>{t("notifications.unsubscribe.question", { topic })}</p>
          <ErrorAlert error={unsubscribe.error} />
          <BusyButton type="submit" className="button button--large" busy={unsubscribe.isPending}>
            {t("notifications.unsubscribe.action")}
          </BusyButton>
        </Form>
      )}
      <p>
        {t("notifications.unsubscribe.settingsHint")} <Link to="/account/notifications">{t("notifications.settings")}</Link>
      </p>
    </div>
  );
}
