import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi } from "../../shared/api/consultations";
import { schedulingApi, type Appointment } from "../../shared/api/scheduling";
import { clock, formatTime } from "../../shared/time/zonedTime";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { agendaAction, todaysVisits, type AgendaAction } from "./agenda";
import { doctorApi, doctorKeys } from "./doctorApi";
import { prefetchCallInfo, prewarmCallHub } from "../../shared/realtime/callHubConnection";
import "./doctor.css";
import { zoneName } from "../../shared/time/zoneNames";
import { isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** How often the agenda is read again (ms). Background reads: they do not count as the doctor's activity. */
const REFRESH_MS = 30_000;

/**
 * Today's agenda on the doctor's home page: today's visits in order with the time in the doctor's zone, the patient, the
 * visit kind and status, and "join"/"open" only when it can succeed; the on-call queue count and the open review requests.
 * Refreshed in the background (the API client marks these reads as background, so the idle timeout is not reset).
 */
export function TodayAgenda() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [joinError, setJoinError] = useState<unknown>(null);
  const me = useQuery({ queryKey: doctorKeys.me, queryFn: schedulingApi.myDoctor, staleTime: Infinity });
  const doctorId = me.data?.doctorId ?? "";
  // The current week in the doctor's zone; the server says which of its days is today (the browser's clock may be off).
  const calendar = useQuery({
    queryKey: [...doctorKeys.agenda, "calendar", doctorId],
    queryFn: () => doctorApi.thisWeek(doctorId),
    enabled: doctorId !== "",
    refetchInterval: REFRESH_MS,
  });
  const queue = useQuery({ queryKey: [...doctorKeys.agenda, "queue"], queryFn: consultationsApi.queue, refetchInterval: REFRESH_MS });
  const reviews = useQuery({ queryKey: [...doctorKeys.agenda, "reviews"], queryFn: doctorApi.reviewRequests, refetchInterval: REFRESH_MS });
  const join = useMutation({
    mutationFn: (consultationId: string) => consultationsApi.accept(consultationId),
    onMutate: () => {
      setJoinError(null);
      // The call page's hub connection opens while the accept request and the navigation run.
      prewarmCallHub();
    },
    onSuccess: (view) => {
      queryClient.setQueryData(["consultation", view.id], view);
      if (view.kind !== "chat") prefetchCallInfo(view.id);
      void navigate(`/consultations/${encodeURIComponent(view.id)}/call`);
    },
    onError: (error) => {
      setJoinError(error);
      void queryClient.invalidateQueries({ queryKey: doctorKeys.agenda });
    },
  });

  const zone = calendar.data?.timeZone ?? clock.timeZone();
  const visits = calendar.data ? todaysVisits(calendar.data) : [];
  const active = visits.filter((v) => v.status !== "cancelled" && v.status !== "noShow");
  const openReviews = reviews.data?.filter((r) => r.status === "open").length;

  return (
    <section className="card stack" aria-labelledby={titleId} data-testid="today-agenda">
      <h2 id={titleId}>{t("doctorDesk.agenda.title")}</h2>
      <p className="muted">{t("doctorDesk.agenda.intro", { zone: zoneName(zone, i18n.language) })}</p>
      <dl className="agenda-figures">
        <div className="stat-tile">
          <dt>{t("doctorDesk.agenda.visits")}</dt>
          <dd>
            <span className="stat-tile__value" data-testid="agenda-visit-count">
              {calendar.data ? active.length : "—"}
            </span>
          </dd>
        </div>
        <div className="stat-tile">
          <dt>{t("doctorDesk.agenda.onCall")}</dt>
          <dd>
            <span className="stat-tile__value" data-testid="agenda-on-call-count">
              {queue.data ? queue.data.pool.length : "—"}
            </span>
            <Link to="/doctor/consultations">{t("doctorDesk.agenda.openQueue")}</Link>
          </dd>
        </div>
        <div className="stat-tile">
          <dt>{t("doctorDesk.agenda.reviews")}</dt>
          <dd>
            <span className="stat-tile__value" data-testid="agenda-review-count">
              {openReviews ?? "—"}
            </span>
            <Link to="/doctor/review-requests">{t("doctorDesk.agenda.openReviews")}</Link>
          </dd>
        </div>
      </dl>
      {me.isPending || calendar.isPending ? <Loading /> : null}
      <ErrorAlert error={me.error ?? calendar.error} onRetry={() => void calendar.refetch()} />
      <ProblemMessage error={joinError} namespace="consultations" />
      {calendar.data && visits.length === 0 ? <EmptyState>{t("doctorDesk.agenda.empty")}</EmptyState> : null}
      {visits.length > 0 ? (
        <ol className="agenda-list" aria-label={t("doctorDesk.agenda.listLabel")} data-testid="agenda-visits">
          {visits.map((visit) => (
            <AgendaRow
              key={visit.id}
              visit={visit}
              zone={zone}
              locale={i18n.language}
              action={agendaAction(visit, queue.data)}
              joining={join.isPending ? join.variables : undefined}
              onJoin={(id) => join.mutate(id)}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function AgendaRow({
  visit,
  zone,
  locale,
  action,
  joining,
  onJoin,
}: {
  visit: Appointment;
  zone: string;
  locale: string;
  action: AgendaAction;
  /** The consultation being joined, so only its button shows it is busy. */
  joining: string | undefined;
  onJoin: (consultationId: string) => void;
}) {
  const { t } = useTranslation();
  const time = formatTime(visit.start, zone, locale);
  const who = visit.patientName ?? "";
  return (
    <li className="list-card agenda-item" data-testid="agenda-visit" data-appointment-id={visit.id} data-status={visit.status}>
      <time className="agenda-item__time" dateTime={visit.start}>
        {time}
      </time>
      <span className="agenda-item__who">
        <span className="list-card__title" dir="auto">{who}</span>
        <span className="muted">
          {t(`doctorDesk.kinds.${visit.kind}`)} · <span data-testid="agenda-visit-status">{t(`doctorDesk.agenda.status.${visit.status}`)}</span>
        </span>
      </span>
      <span className="agenda-item__action">
        {action.kind === "open" ? (
          <Link className="button button--secondary button--small" to={`/doctor/appointments/${encodeURIComponent(visit.id)}`} aria-label={`${t("doctorDesk.agenda.open")}: ${time} ${isolate(who)}`}>
            {t("doctorDesk.agenda.open")}
          </Link>
        ) : null}
        {action.kind === "return" ? (
          <Link className="button button--small" to={`/consultations/${encodeURIComponent(action.consultationId)}/call`} data-testid="agenda-join">
            {t("consultations.doctor.returnToCall")}
          </Link>
        ) : null}
        {action.kind === "join" ? (
          <BusyButton
            type="button"
            className="button button--small"
            busy={joining === action.consultationId} disabled={joining !== undefined}
            onClick={() => onJoin(action.consultationId)}
            data-testid="agenda-join"
            aria-label={`${t("doctorDesk.agenda.join")}: ${time} ${isolate(who)}`}
          >
            {t("doctorDesk.agenda.join")}
          </BusyButton>
        ) : null}
      </span>
    </li>
  );
}
