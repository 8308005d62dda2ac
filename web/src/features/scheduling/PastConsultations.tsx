import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { consultationsApi, type ConsultationView } from "../../shared/api/consultations";
import { clock, formatDayLong, formatTime } from "../../shared/time/zonedTime";
import { EmptyState } from "../../shared/ui/feedback";
import { ProblemAlert } from "./common";
import { UserSentence } from "../../shared/ui/UserText";
import { ForDependant } from "../../shared/ui/ForDependant";

/** An on-demand consultation that is over: completed, or failed (with its reason). Booked visits are listed as appointments. */
export function isPastOnDemand(c: Pick<ConsultationView, "origin" | "status">): boolean {
  return c.origin === "onDemand" && (c.status === "completed" || c.status === "failed");
}

/** When it happened: the end, else the start, else when the patient entered the queue (UTC ISO). */
function whenOf(c: ConsultationView): string | null {
  return c.endedAt ?? c.startedAt ?? c.enteredWaitingAt ?? null;
}

/**
 * "My appointments": the patient's past on-demand consultations (GET /consultations/mine: the account's own and a guardian's
 * children's, "For Sofia" on a child's), newest first, with the doctor, the date, the duration, a readable reason when it failed
 * and a link to the conversation.
 */
export function PastConsultations() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ["my-consultations"], queryFn: consultationsApi.mine });
  const past = (mine.data ?? []).filter(isPastOnDemand).sort((a, b) => (whenOf(b) ?? "").localeCompare(whenOf(a) ?? ""));
  return (
    <section aria-labelledby="past-consultations-title" className="stack">
      <h2 id="past-consultations-title">{t("publicDoctors.pastConsultationsTitle")}</h2>
      <ProblemAlert error={mine.error} onRetry={() => void mine.refetch()} />
      {mine.data && past.length === 0 ? <EmptyState>{t("publicDoctors.pastConsultationsNone")}</EmptyState> : null}
      <ul className="list-cards" data-testid="past-consultations">
        {past.map((c) => (
          <PastConsultationRow key={c.id} consultation={c} />
        ))}
      </ul>
    </section>
  );
}

function PastConsultationRow({ consultation: c }: { consultation: ConsultationView }) {
  const { t, i18n } = useTranslation();
  const zone = clock.timeZone();
  const when = whenOf(c);
  const kind = t(`scheduling.kinds.${c.kind}`, { defaultValue: c.kind });
  const minutes = c.durationSeconds != null ? Math.max(1, Math.round(c.durationSeconds / 60)) : null;
  return (
    <li className="list-card" data-testid="past-consultation" data-consultation-id={c.id} data-status={c.status}>
      <span className="list-card__title">
        {c.doctorName ? <UserSentence i18nKey="publicDoctors.onDemandWith" user={{ doctor: c.doctorName }} values={{ kind }} /> : t("publicDoctors.onDemandNoDoctor", { kind })}
      </span>
      <ForDependant name={c.patientName} />
      {when ? (
        <span>
          <time dateTime={when}>
            {formatDayLong(when, zone, i18n.language)}, {formatTime(when, zone, i18n.language)}
          </time>
        </span>
      ) : null}
      <span className={`badge badge--status-${c.status === "completed" ? "completed" : "cancelled"}`}>
        {t(c.status === "completed" ? "publicDoctors.consultationCompleted" : "publicDoctors.consultationFailed")}
      </span>
      {c.status === "completed" && minutes !== null ? (
        <span data-testid="past-consultation-duration">{t("publicDoctors.lasted", { minutes: t("scheduling.minutes", { count: minutes }) })}</span>
      ) : null}
      {c.status === "failed" ? (
        <span data-testid="past-consultation-reason">
          {c.failureReason
            ? t(`consultations.waiting.failure.${c.failureReason}`, { defaultValue: t("consultations.waiting.failed") })
            : t("consultations.waiting.failed")}
        </span>
      ) : null}
      {c.status === "completed" ? (
        <Link to={`/patient/visit-summaries/${encodeURIComponent(c.id)}`} data-testid="past-consultation-summary">
          {t("clinical.summaries.link")}
        </Link>
      ) : null}
      {c.status === "completed" ? (
        <Link to={`/patient/consultations/${encodeURIComponent(c.id)}/review`} data-testid="past-consultation-review">
          {t("feedback.form.leave")}
        </Link>
      ) : null}
      {c.conversationId ? (
        <Link to={`/patient/messages/${encodeURIComponent(c.conversationId)}`}>{t("publicDoctors.openConversation")}</Link>
      ) : null}
    </li>
  );
}
