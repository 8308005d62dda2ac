import { useCallback, useId, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type DoctorQueue, type QueueItem } from "../../shared/api/consultations";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ConsultationProblem, minutesSince, useNow } from "./common";
import { LiveBadge } from "./LiveBadge";
import { useTimeText } from "./useTimeText";
import { useWaitingRoomLive } from "./useWaitingRoomLive";
import type { QueueChanged } from "./waitingRoomHub";
import { prefetchCallInfo, prewarmCallHub } from "../../shared/realtime/callHubConnection";
import "./consultations.css";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const QUEUE_KEY = ["consultations", "queue"] as const;
const POLL_MS = 30_000;

function withoutItem(queue: DoctorQueue, id: string): DoctorQueue {
  return {
    ...queue,
    booked: queue.booked.filter((i) => i.consultationId !== id),
    pool: queue.pool.filter((i) => i.consultationId !== id),
  };
}

/**
 * /doctor/consultations — duty toggle, the consultation in progress, booked patients waiting and
 * the on-demand pool. Live over /hubs/waiting-room (WatchQueue, `queueChanged` → re-read GET /queue;
 * a `removed` request leaves the list at once).
 */
export function DoctorConsultationsPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.doctorDashboard");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const bookedTitle = useId();
  const poolTitle = useId();
  // Requests another doctor took: hidden even if a re-read that started earlier still lists them.
  const removed = useRef(new Set<string>());
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const { nameOf } = useSpecialties();

  const queue = useQuery({ queryKey: QUEUE_KEY, queryFn: consultationsApi.queue, refetchInterval: POLL_MS });
  const reread = useCallback(() => void rereadQueries(queryClient, { queryKey: QUEUE_KEY }), [queryClient]);

  const live = useWaitingRoomLive({
    watch: ["WatchQueue"],
    events: {
      queueChanged: (event: QueueChanged) => {
        if (event.change === "removed") {
          removed.current.add(event.consultationId);
          queryClient.setQueryData<DoctorQueue>(QUEUE_KEY, (old) => (old ? withoutItem(old, event.consultationId) : old));
        } else {
          removed.current.delete(event.consultationId);
        }
        reread();
      },
    },
    onResync: reread,
  });

  const duty = useMutation({
    mutationFn: (onDuty: boolean) => consultationsApi.setDuty(onDuty),
    onSuccess: (state) => {
      queryClient.setQueryData<DoctorQueue>(QUEUE_KEY, (old) => (old ? { ...old, onDuty: state.onDuty, specialties: state.specialties } : old));
      reread();
    },
  });

  const accept = useMutation({
    mutationFn: (id: string) => consultationsApi.accept(id),
    onMutate: () => {
      setAcceptError(null);
      // The call page's hub connection opens while the accept request and the navigation run.
      prewarmCallHub();
    },
    onSuccess: (view) => {
      queryClient.setQueryData(["consultation", view.id], view);
      if (view.kind !== "chat") prefetchCallInfo(view.id);
      void navigate(`/consultations/${encodeURIComponent(view.id)}/call`);
    },
    onError: (error) => {
      setAcceptError(error);
      reread();
    },
  });

  const data = queue.data;
  const visible = (items: QueueItem[]) => items.filter((i) => !removed.current.has(i.consultationId));
  const busy = !!data?.inProgress;

  return (
    <div className="stack doctor-consultations">
      <div className="section-header section-header--wrap">
        <h1>{t("consultations.doctor.title")}</h1>
        <LiveBadge status={live} />
      </div>
      {queue.isPending ? <Loading /> : null}
      <ConsultationProblem error={queue.error} onRetry={() => void queue.refetch()} />
      {data ? (
        <>
          <div className="card duty-bar">
            <div className="stack">
              <span className="duty-status" data-testid="duty-status" data-on-duty={String(data.onDuty)} role="status">
                <span className="duty-status__dot" aria-hidden="true" />
                {t(data.onDuty ? "consultations.doctor.onDuty" : "consultations.doctor.offDuty")}
              </span>
              <p className="field-hint">
                {t("consultations.doctor.dutyHint")}
                {data.specialties.length > 0 ? ` ${t("consultations.doctor.specialties", { list: data.specialties.map(nameOf).join(", ") })}` : ""}
              </p>
            </div>
            <BusyButton
              type="button"
              className={`button${data.onDuty ? " button--secondary" : ""}`}
              busy={duty.isPending}
              onClick={() => duty.mutate(!data.onDuty)}
            >
              {t(data.onDuty ? "consultations.doctor.goOffDuty" : "consultations.doctor.goOnDuty")}
            </BusyButton>
          </div>
          <ConsultationProblem error={duty.error} />

          {data.inProgress ? (
            <section className="card stack in-progress-card" data-testid="consultation-in-progress" data-consultation-id={data.inProgress.id}>
              <h2>{t("consultations.doctor.inProgress")}</h2>
              <p>
                <UserSentence
                  i18nKey="consultations.doctor.inProgressWith"
                  user={{ patient: data.inProgress.patientName ?? "" }}
                  values={{ kind: t(`consultations.kinds.${data.inProgress.kind}`, { defaultValue: data.inProgress.kind }) }}
                />
              </p>
              {data.inProgress.complaintSummary ? <p className="muted" dir="auto">{data.inProgress.complaintSummary}</p> : null}
              <p>
                <Link className="button" to={`/consultations/${encodeURIComponent(data.inProgress.id)}/call`}>
                  {t("consultations.doctor.returnToCall")}
                </Link>
              </p>
            </section>
          ) : null}

          <div aria-live="polite">
            <ConsultationProblem error={acceptError} />
          </div>
          {busy ? <p className="field-hint">{t("consultations.doctor.busyHint")}</p> : null}

          <div className="queue-grid">
            <section className="stack" aria-labelledby={bookedTitle}>
              <h2 id={bookedTitle}>{t("consultations.doctor.booked")}</h2>
              <QueueList
                testId="booked-queue"
                items={visible(data.booked)}
                empty={t("consultations.doctor.emptyBooked")}
                now={now}
                busy={busy}
                accepting={accept.isPending ? accept.variables : undefined}
                onAccept={(id) => accept.mutate(id)}
              />
            </section>
            <section className="stack" aria-labelledby={poolTitle}>
              <h2 id={poolTitle}>{t("consultations.doctor.pool")}</h2>
              <QueueList
                testId="pool-queue"
                items={visible(data.pool)}
                empty={t(data.onDuty ? "consultations.doctor.emptyPool" : "consultations.doctor.offDutyPool")}
                now={now}
                busy={busy}
                accepting={accept.isPending ? accept.variables : undefined}
                onAccept={(id) => accept.mutate(id)}
              />
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}

function QueueList({
  testId,
  items,
  empty,
  now,
  busy,
  accepting,
  onAccept,
}: {
  testId: string;
  items: QueueItem[];
  empty: string;
  now: Date;
  busy: boolean;
  accepting: string | undefined;
  onAccept: (id: string) => void;
}) {
  const { t } = useTranslation();
  const timeText = useTimeText();
  const { nameOf } = useSpecialties();
  return (
    <div data-testid={testId}>
      {items.length === 0 ? <EmptyState>{empty}</EmptyState> : null}
      <ul className="queue-list">
        {items.map((item) => {
          const minutes = minutesSince(item.waitingSince, now);
          return (
            <li
              key={item.consultationId}
              className="queue-item"
              data-testid="queue-item"
              data-consultation-id={item.consultationId}
              data-priority={item.priority}
            >
              <div className="queue-item__main">
                <p className="queue-item__name">
                  <bdi id={`queue-patient-${item.consultationId}`}>{item.patientName}</bdi>
                  <span className="badges">
                    <span className={`badge badge--priority-${item.priority}`} data-priority={item.priority}>
                      <span className="visually-hidden">{t("consultations.doctor.priority")}: </span>
                      {t(`consultations.priority.${item.priority}`, { defaultValue: item.priority })}
                    </span>
                    {item.escalated ? (
                      <span className="badge badge--escalated" data-testid="escalated-badge">
                        {t("consultations.doctor.escalated")}
                      </span>
                    ) : null}
                  </span>
                </p>
                <p className="queue-item__summary" dir="auto">{item.complaintSummary}</p>
                <p className="queue-item__meta">
                  {t(`consultations.kinds.${item.kind}`, { defaultValue: item.kind })}
                  {item.specialty ? ` · ${nameOf(item.specialty)}` : ""}
                  {" · "}
                  <span data-testid="waiting-time">
                    {minutes === null
                      ? item.scheduledStart
                        ? t("consultations.doctor.scheduledAt", { time: timeText(item.scheduledStart, true) })
                        : ""
                      : minutes < 1
                        ? t("consultations.doctor.waitingJustNow")
                        : t("consultations.doctor.waitingFor", { count: minutes })}
                  </span>
                  {minutes !== null && item.scheduledStart
                    ? ` · ${t("consultations.doctor.scheduledAt", { time: timeText(item.scheduledStart, true) })}`
                    : ""}
                </p>
              </div>
              <div className="queue-item__action">
                <BusyButton
                  type="button"
                  className="button"
                  busy={accepting === item.consultationId} disabled={busy || accepting !== undefined} busyLabel={t("consultations.doctor.accepting")}
                  aria-describedby={`queue-patient-${item.consultationId}`}
                  onClick={() => onAccept(item.consultationId)}
                >
                  {t("consultations.doctor.accept")}
                </BusyButton>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
