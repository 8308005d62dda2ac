import { useCallback, useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type Escalation } from "../../shared/api/consultations";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ConsultationProblem, minutesSince, useNow } from "./common";
import { LiveBadge } from "./LiveBadge";
import { useTimeText } from "./useTimeText";
import { useWaitingRoomLive } from "./useWaitingRoomLive";
import type { ConsultationEscalated } from "./waitingRoomHub";
import "./consultations.css";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { Form } from "../../shared/ui/Form";
import { isolate } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

const ESCALATIONS_KEY = ["consultations", "escalations"] as const;
const POLL_MS = 30_000;

/**
 * /front-desk/escalations — on-demand requests nobody accepted in time (GET /escalations), live over
 * /hubs/waiting-room (WatchEscalations, `consultationEscalated`), each with the patient's name and contact and what the
 * desk can do: ring back (recorded), book a visit, hand it to a doctor of the specialty, or dismiss it. Answered ones
 * leave on the next read.
 */
export function FrontDeskEscalationsPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.escalations");
  const queryClient = useQueryClient();
  const timeText = useTimeText();
  const now = useNow(30_000);
  const [fresh, setFresh] = useState<string | null>(null);
  const { nameOf } = useSpecialties();
  const escalations = useQuery({ queryKey: ESCALATIONS_KEY, queryFn: consultationsApi.escalations, refetchInterval: POLL_MS });
  const reread = useCallback(() => void rereadQueries(queryClient, { queryKey: ESCALATIONS_KEY }), [queryClient]);

  const live = useWaitingRoomLive({
    watch: ["WatchEscalations"],
    events: {
      consultationEscalated: (event: ConsultationEscalated) => {
        queryClient.setQueryData<Escalation[]>(ESCALATIONS_KEY, (old) =>
          old && !old.some((e) => e.consultationId === event.consultationId)
            ? [...old, { consultationId: event.consultationId, specialty: event.specialty, waitingSince: event.waitingSince, kind: event.kind }]
            : old,
        );
        setFresh(event.consultationId);
        reread();
      },
    },
    onResync: reread,
  });

  const since = (e: Escalation) => (e.waitingSince ? Date.parse(e.waitingSince) : Number.MAX_SAFE_INTEGER);
  const rows = [...(escalations.data ?? [])].sort((a, b) => since(a) - since(b));

  return (
    <div className="stack">
      <div className="section-header section-header--wrap">
        <h1>{t("consultations.frontDesk.title")}</h1>
        <LiveBadge status={live} />
      </div>
      <p className="lead">{t("consultations.frontDesk.intro")}</p>
      <p className="visually-hidden" aria-live="assertive">
        {fresh ? t("consultations.frontDesk.newAlert") : ""}
      </p>
      {escalations.isPending ? <Loading /> : null}
      <ConsultationProblem error={escalations.error} onRetry={() => void escalations.refetch()} />
      {escalations.data ? (
        <div data-testid="escalations">
          {rows.length === 0 ? (
            <div className="card">
              <EmptyState>{t("consultations.frontDesk.empty")}</EmptyState>
            </div>
          ) : (
            <ul className="escalation-list">
              {rows.map((e) => (
                <EscalationCard
                  key={e.consultationId}
                  escalation={e}
                  fresh={e.consultationId === fresh}
                  specialtyName={nameOf(e.specialty)}
                  waitingSince={e.waitingSince ? timeText(e.waitingSince, true) : "—"}
                  waitingFor={e.waitingSince ? t("consultations.frontDesk.minutes", { count: minutesSince(e.waitingSince, now) ?? 0 }) : "—"}
                  onDone={reread}
                />
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

interface EscalationCardProps {
  escalation: Escalation;
  fresh: boolean;
  specialtyName: string;
  waitingSince: string;
  waitingFor: string;
  onDone: () => void;
}

/** One escalated request: who, how to reach them, and the desk's four actions (each audited by the server). */
function EscalationCard({ escalation: e, fresh, specialtyName, waitingSince, waitingFor, onDone }: EscalationCardProps) {
  const { t } = useTranslation();
  const timeText = useTimeText();
  const titleId = useId();
  const selectId = useId();
  const [doctor, setDoctor] = useState("");
  const [confirmDismiss, setConfirmDismiss] = useState(false);
  const id = e.consultationId;
  const calledBack = useMutation({ mutationFn: () => consultationsApi.markCalledBack(id), onSuccess: onDone });
  const assign = useMutation({ mutationFn: () => consultationsApi.assignEscalation(id, doctor), onSuccess: onDone });
  const dismiss = useMutation({ mutationFn: () => consultationsApi.dismissEscalation(id), onSuccess: onDone });
  const error = calledBack.error ?? assign.error ?? dismiss.error;
  const doctors = e.doctors ?? [];

  return (
    <li className={`card stack escalation${fresh ? " row--selected" : ""}`} data-consultation-id={id} aria-labelledby={titleId}>
      <h2 id={titleId} className="escalation__who" dir="auto">
        {e.patientName || t("consultations.frontDesk.unknownPatient")}
      </h2>
      <dl className="details escalation__details">
        <div>
          <dt>{t("consultations.frontDesk.contact")}</dt>
          <dd>
            {e.patientPhone ? <a href={`tel:${e.patientPhone.replace(/[^+\d]/g, "")}`}>{e.patientPhone}</a> : "—"}
            {e.patientEmail ? (
              <>
                {" · "}
                <a href={`mailto:${e.patientEmail}`}>{e.patientEmail}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("consultations.frontDesk.specialty")}</dt>
          <dd>
            {specialtyName} · {e.kind ? t(`consultations.kinds.${e.kind}`, { defaultValue: e.kind }) : "—"}
          </dd>
        </div>
        <div>
          <dt>{t("consultations.frontDesk.waitingSince")}</dt>
          <dd>
            {waitingSince} ({waitingFor})
          </dd>
        </div>
      </dl>
      {e.calledBackAt ? (
        <p className="badge" data-testid="called-back">
          {t("consultations.frontDesk.calledBackAt", { time: timeText(e.calledBackAt, true) })}
        </p>
      ) : null}
      <div className="button-row">
        <BusyButton type="button" className="button button--secondary" busy={calledBack.isPending} onClick={() => calledBack.mutate()}>
          {t("consultations.frontDesk.markCalledBack")}
        </BusyButton>
        {e.patientId ? (
          <Link className="button button--secondary" to={`/front-desk/book?patientId=${encodeURIComponent(e.patientId)}`}>
            {t("consultations.frontDesk.book")}
          </Link>
        ) : null}
      </div>
      <Form
        className="escalation__assign"
        onSubmit={(event) => {
          event.preventDefault();
          if (doctor) assign.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>{t("consultations.frontDesk.assignTo")}</label>
          <select id={selectId} value={doctor} onChange={(event) => setDoctor(event.target.value)}>
            <option value="">{t("consultations.frontDesk.chooseDoctor")}</option>
            {doctors.map((d) => (
              <option key={d.doctorUserId} value={d.doctorUserId}>
                {isolate(d.name)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <BusyButton type="submit" className="button" busy={assign.isPending} disabled={!doctor} aria-describedby={doctor ? undefined : `${selectId}-why`}>
            {t("consultations.frontDesk.assign")}
          </BusyButton>
          <DisabledReason id={`${selectId}-why`} reason={doctor ? null : t("consultations.frontDesk.assignWhy")} />
        </div>
      </Form>
      {confirmDismiss ? (
        <div className="confirm-panel" role="group" aria-label={t("consultations.frontDesk.dismissConfirm")}>
          <p>{t("consultations.frontDesk.dismissConfirm")}</p>
          <div className="button-row">
            <BusyButton type="button" className="button button--danger" busy={dismiss.isPending} onClick={() => dismiss.mutate()}>
              {t("consultations.frontDesk.dismissYes")}
            </BusyButton>
            <button type="button" className="button button--secondary" onClick={() => setConfirmDismiss(false)}>
              {t("app.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setConfirmDismiss(true)}>
            {t("consultations.frontDesk.dismiss")}
          </button>
        </div>
      )}
      <ConsultationProblem error={error} />
    </li>
  );
}
