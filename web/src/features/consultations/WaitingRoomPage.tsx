import { useEffect, useId, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type ConsultationView } from "../../shared/api/consultations";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ConsultationProblem } from "./common";
import { LeaveReviewSection } from "../feedback/LeaveReviewSection";
import { EmergencyAdvice } from "./EmergencyAdvice";
import { LiveBadge } from "./LiveBadge";
import { useTimeText } from "./useTimeText";
import { useWaitingRoomLive } from "./useWaitingRoomLive";
import type { QueueUpdated } from "./waitingRoomHub";
import { prefetchCallInfo, prewarmCallHub } from "../../shared/realtime/callHubConnection";
import "./consultations.css";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { setQueryDataFromServer } from "../../shared/realtime/setQueryDataFromServer";
import { BusyButton } from "../../shared/ui/BusyButton";
import { ForDependant } from "../../shared/ui/ForDependant";

export const POLL_MS = 30_000;

const FAILURE_REASONS = ["doctorAbsent", "technicalFailure", "patientAbsent", "patientLeft", "emergencyAdvised"];

function callPath(id: string): string {
  return `/consultations/${encodeURIComponent(id)}/call`;
}

/**
 * To the call page, its hub connection and (for video) its GET /call already asked: they overlap the navigation and the
 * page's first render.
 */
function openCall(navigate: (to: string, options: { replace: boolean }) => void | Promise<void>, id: string, kind: string | undefined): void {
  prewarmCallHub();
  if (kind && kind !== "chat") prefetchCallInfo(id);
  void navigate(callPath(id), { replace: true });
}

/**
 * /patient/consultations/:id/waiting — the patient's place in the queue, live over
 * /hubs/waiting-room (WatchConsultation, `queueUpdated`) with GET /{id} every 30 s as a fallback.
 * Opens the call when a doctor accepts.
 */
export function WaitingRoomPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.waiting");
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const key = ["consultation", id];
  const consultation = useQuery({
    queryKey: key,
    queryFn: () => consultationsApi.get(id),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "completed" || status === "failed" ? false : POLL_MS;
    },
  });
  const c = consultation.data;
  const watching = !c || c.status === "waiting" || c.status === "scheduled";

  const live = useWaitingRoomLive({
    watch: watching ? ["WatchConsultation", id] : null,
    events: {
      queueUpdated: (event: QueueUpdated) => {
        if (event.consultationId && event.consultationId !== id) return;
        // A poll on its way may have left before this update: it must not put the old place back.
        void setQueryDataFromServer<ConsultationView>(queryClient, key, (old) =>
          old
            ? {
                ...old,
                status: event.status ?? old.status,
                queue:
                  (event.status ?? old.status) === "waiting"
                    ? {
                        position: event.position ?? old.queue?.position ?? 0,
                        // A waiting update always carries the estimate: null means nobody can give one, not "now".
                        estimatedWaitMinutes: event.estimatedWaitMinutes ?? null,
                        escalated: event.escalated ?? old.queue?.escalated ?? false,
                        nobodyOnDuty: event.nobodyOnDuty ?? false,
                      }
                    : old.queue,
              }
            : old,
        ).then(() => {
          if (event.status === "inProgress") openCall(navigate, id, queryClient.getQueryData<ConsultationView>(key)?.kind);
          // The event has no failure reason, duration or doctor: read them.
          else if (event.status !== "waiting") void rereadQueries(queryClient, { queryKey: key });
        });
      },
    },
    onResync: () => void rereadQueries(queryClient, { queryKey: key }),
  });

  const status = c?.status;
  const kind = c?.kind;
  useEffect(() => {
    if (status === "inProgress") openCall(navigate, id, kind);
  }, [status, id, kind, navigate]);

  return (
    <div className="stack waiting-room">
      <div className="section-header section-header--wrap">
        <h1>{t("consultations.waiting.title")}</h1>
        {c && watching ? <LiveBadge status={live} /> : null}
      </div>
      {consultation.isPending ? <Loading /> : null}
      <ConsultationProblem error={consultation.error} onRetry={() => void consultation.refetch()} />
      {c ? <ConsultationState consultation={c} /> : null}
    </div>
  );
}

function ConsultationState({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation();
  const { nameOf } = useSpecialties();
  const timeText = useTimeText();
  return (
    <div className="stack" data-testid="consultation-state" data-status={c.status}>
      {/* "For Sofia Kuznetsova" on a guardian's child's visit: the server names the patient only on a dependant's. */}
      <ForDependant name={c.patientName} />
      <dl className="details card">
        {c.specialty ? (
          <div>
            <dt>{t("consultations.waiting.specialty")}</dt>
            <dd>{nameOf(c.specialty)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("consultations.waiting.kind")}</dt>
          <dd>{t(`consultations.kinds.${c.kind}`, { defaultValue: c.kind })}</dd>
        </div>
        {c.doctorName ? (
          <div>
            <dt>{t("consultations.waiting.doctor")}</dt>
            <dd dir="auto">{c.doctorName}</dd>
          </div>
        ) : null}
      </dl>
      {c.status === "waiting" ? <Waiting consultation={c} /> : null}
      {c.status === "scheduled" ? (
        <div className="card stack">
          <p>{t("consultations.waiting.scheduled", { time: c.scheduledStart ? timeText(c.scheduledStart) : "" })}</p>
          {c.appointmentId ? (
            <p>
              <Link className="button" to={`/patient/visit/${encodeURIComponent(c.appointmentId)}`}>
                {t("consultations.waiting.enterNow")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {c.status === "inProgress" ? (
        <div className="alert alert--success" role="status">
          <p>{t("consultations.waiting.starting")}</p>
          <Link className="button" to={callPath(c.id)}>
            {t("consultations.waiting.openCall")}
          </Link>
        </div>
      ) : null}
      {c.status === "completed" ? (
        <div className="card stack" role="status">
          <p className="consultation-title">{t("consultations.waiting.completed")}</p>
          {c.durationSeconds ? <p>{t("consultations.waiting.duration", { count: Math.max(1, Math.round(c.durationSeconds / 60)) })}</p> : null}
          <div className="button-row">
            {c.conversationId ? (
              <Link className="button" to={`/patient/messages/${encodeURIComponent(c.conversationId)}`}>
                {t("consultations.waiting.messages")}
              </Link>
            ) : null}
            <Link className="button button--secondary" to="/patient">
              {t("consultations.waiting.home")}
            </Link>
          </div>
        </div>
      ) : null}
      {c.status === "completed" ? <LeaveReviewSection consultationId={c.id} /> : null}
      {c.status === "failed" ? <Failed consultation={c} /> : null}
    </div>
  );
}

function Failed({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation();
  const reason = c.failureReason && FAILURE_REASONS.includes(c.failureReason) ? c.failureReason : null;
  if (reason === "emergencyAdvised" && c.triage) return <EmergencyAdvice triage={c.triage} notQueued />;
  return (
    <div className="card stack" role="status">
      <p className="consultation-title">{t("consultations.waiting.failed")}</p>
      {reason ? <p>{t(`consultations.waiting.failure.${reason}`)}</p> : null}
      <div className="button-row">
        <Link className="button" to="/patient/see-a-doctor-now">
          {t("consultations.waiting.seeDoctorNow")}
        </Link>
        <Link className="button button--secondary" to="/patient">
          {t("consultations.waiting.home")}
        </Link>
      </div>
    </div>
  );
}

function Waiting({ consultation: c }: { consultation: ConsultationView }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const confirmId = useId();
  const [confirming, setConfirming] = useState(false);
  const leaveButton = useRef<HTMLButtonElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const leave = useMutation({
    mutationFn: () => consultationsApi.fail(c.id, "patientLeft"),
    onSuccess: (next) => queryClient.setQueryData(["consultation", c.id], next),
  });
  useEffect(() => {
    if (confirming) stayButton.current?.focus();
  }, [confirming]);
  const q = c.queue;
  const { minutes, estimate, positionText } = waitText(q, t);

  return (
    <div className="stack">
      <div className="card stack">
        <div className="waiting-room__status">
          <div className="waiting-stat">
            <span className="waiting-stat__label">{t("consultations.waiting.positionLabel")}</span>
            <span className="waiting-stat__value" data-testid="queue-position" data-position={q?.position ?? ""}>
              {q ? q.position : "—"}
            </span>
            <span className="waiting-stat__text">{positionText}</span>
          </div>
          <div className="waiting-stat">
            <span className="waiting-stat__label">{t("consultations.waiting.estimateLabel")}</span>
            <span className="waiting-stat__value" data-testid="queue-estimate" data-minutes={minutes ?? ""}>
              {estimate}
            </span>
          </div>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {positionText} {t("consultations.waiting.estimateSentence", { estimate: estimate.charAt(0).toLocaleLowerCase(i18n.language) + estimate.slice(1) })}
        </p>
        <p className="waiting-room__keep-open">
          <span className="waiting-room__pulse" aria-hidden="true" /> {t(c.kind === "chat" ? "consultations.waiting.keepOpenChat" : "consultations.waiting.keepOpen")}
        </p>
      </div>
      {q?.escalated ? (
        <div className="alert alert--warning" role="status" data-testid="queue-escalated">
          <p>{t("consultations.waiting.escalated")}</p>
        </div>
      ) : q?.nobodyOnDuty ? (
        <div className="alert alert--warning" role="status" data-testid="queue-nobody-on-duty">
          <p>{t("consultations.waiting.nobodyOnDuty")}</p>
        </div>
      ) : null}
      {c.kind === "video" ? (
        <div className="card stack">
          <p>
            <Link to="/device-check" target="_blank" rel="noopener" className="button button--secondary">
              {t("consultations.waiting.deviceCheck")}
            </Link>
          </p>
          <p className="field-hint">{t("consultations.waiting.deviceCheckHint")}</p>
        </div>
      ) : null}
      <ConsultationProblem error={leave.error} />
      {confirming ? (
        <div className="confirm-panel" role="alertdialog" aria-modal="false" aria-labelledby={confirmId}>
          <p id={confirmId}>{t("consultations.waiting.leaveConfirm")}</p>
          <div className="button-row">
            <BusyButton type="button" className="button button--danger" busy={leave.isPending} busyLabel={t("consultations.waiting.leaving")} onClick={() => leave.mutate()}>
              {t("consultations.waiting.leaveYes")}
            </BusyButton>
            <button
              type="button"
              ref={stayButton}
              className="button button--secondary"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => leaveButton.current?.focus());
              }}
            >
              {t("consultations.waiting.leaveNo")}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" ref={leaveButton} className="button button--secondary" onClick={() => setConfirming(true)}>
            {t("consultations.waiting.leave")}
          </button>
        </div>
      )}
    </div>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What the waiting room says about the wait, honestly: no estimate when nobody of the specialty is on duty
 * (null minutes), none after escalation ("longer than usual" is the truth then), "any moment" only when a
 * doctor who can take the request is free now.
 */
export function waitText(q: ConsultationView["queue"], t: Translate): { minutes: number | null; estimate: string; positionText: string } {
  const minutes = q?.estimatedWaitMinutes ?? null;
  const estimate = !q
    ? "—"
    : q.escalated
      ? t("consultations.waiting.estimateEscalated")
      : q.nobodyOnDuty || minutes === null
        ? t("consultations.waiting.estimateNone")
        : minutes <= 0
          ? t("consultations.waiting.estimateSoon")
          : t("consultations.waiting.estimate", { count: minutes });
  const positionText = !q
    ? ""
    : q.position > 1
      ? t("consultations.waiting.positionText", { position: q.position })
      : q.nobodyOnDuty || q.escalated
        ? t("consultations.waiting.firstInLine")
        : t("consultations.waiting.next");
  return { minutes, estimate, positionText };
}
