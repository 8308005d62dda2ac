import { useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { schedulingApi } from "../../shared/api/scheduling";
import { TextAreaField } from "../../shared/ui/fields";
import { Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clock } from "../../shared/time/zonedTime";
import { cityOfZone } from "../../shared/time/zonedTime";
import { ProblemAlert, StatusBadge, useKindLabel, useTimeTexts } from "./common";
import { Form } from "../../shared/ui/Form";
import { BusyButton } from "../../shared/ui/BusyButton";

function isGone(error: unknown): boolean {
  return isApiError(error) && (error.status === 410 || error.code === "scheduling.link_expired");
}

/**
 * /r/:token — the link in a reminder (e-mail or SMS), no sign-in. Opening it only reads (mail
 * scanners prefetch links); the action happens when the person presses the button.
 */
export function ReminderActionPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.reminder");
  const { token = "" } = useParams();
  const kindLabel = useKindLabel();
  const times = useTimeTexts();
  const [reason, setReason] = useState("");
  const info = useQuery({
    queryKey: ["reminder-action", token],
    queryFn: () => schedulingApi.reminderAction(token),
    retry: false,
    staleTime: Infinity,
  });
  const perform = useMutation({ mutationFn: () => schedulingApi.performReminderAction(token, reason.trim() || undefined) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    perform.mutate();
  };

  if (info.isPending) return <Loading />;
  if (isGone(info.error) || isGone(perform.error)) {
    return (
      <div className="card stack" data-testid="reminder-result">
        <h1>{t("scheduling.reminderTitle")}</h1>
        <div className="alert alert--warning" role="alert">
          <p>{t("scheduling.linkExpired")}</p>
        </div>
      </div>
    );
  }
  if (info.error || !info.data) {
    return (
      <div className="card stack">
        <h1>{t("scheduling.reminderTitle")}</h1>
        <ProblemAlert error={info.error} />
      </div>
    );
  }

  const data = info.data;
  const viewer = clock.timeZone();
  const text = times(data.appointmentStart, viewer, data.clinicTimeZone, cityOfZone(data.clinicTimeZone));
  const done = perform.data;
  const isCancel = data.action === "cancel";
  return (
    <div className="card stack reminder-page">
      <h1>{t("scheduling.reminderTitle")}</h1>
      <dl className="details" data-testid="reminder-summary">
        <div>
          <dt>{t("scheduling.doctor")}</dt>
          <dd dir="auto">{data.doctorName}</dd>
        </div>
        <div>
          <dt>{t("scheduling.kind")}</dt>
          <dd>{kindLabel(data.kind)}</dd>
        </div>
        <div>
          <dt>{t("scheduling.yourTime")}</dt>
          <dd>
            {text.day}, {text.time}
          </dd>
        </div>
        {text.clinic ? (
          <div>
            <dt>{t("scheduling.clinicTime")}</dt>
            <dd>{text.clinic}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("scheduling.statusLabel")}</dt>
          <dd>
            <StatusBadge status={done?.status ?? data.status} testId="appointment-status" />
          </dd>
        </div>
      </dl>
      {done ? (
        <div data-testid="reminder-result">
          <SuccessMessage>{done.action === "cancel" ? t("scheduling.reminderCancelled") : t("scheduling.reminderConfirmed")}</SuccessMessage>
        </div>
      ) : (
        <Form className="stack" onSubmit={onSubmit}>
          {isCancel ? (
            <TextAreaField dir="auto" label={t("scheduling.cancelReasonOptional")} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          ) : null}
          <ProblemAlert error={perform.error} />
          <BusyButton type="submit" className={`button button--large${isCancel ? " button--danger" : ""}`} busy={perform.isPending}>
            {isCancel ? t("scheduling.cancelAppointment") : t("scheduling.confirmAppointment")}
          </BusyButton>
        </Form>
      )}
    </div>
  );
}
