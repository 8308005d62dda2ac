import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { consultationsApi, type ComplaintForm as Complaint, type EnterResult, type TriageResult } from "../../shared/api/consultations";
import { schedulingApi } from "../../shared/api/scheduling";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ComplaintForm } from "./ComplaintForm";
import { ConsultationProblem, useNow } from "./common";
import { EmergencyAdvice } from "./EmergencyAdvice";
import { useTimeText } from "./useTimeText";
import { visitWindow, windowOpensAt } from "./visitWindow";

/** What both ways in (booked visit, on-demand) do with the answer: the waiting room, or the emergency screen. */
export function useEnterResult() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState<TriageResult | null>(null);
  const handle = (result: EnterResult) => {
    if (result.admitted) {
      queryClient.setQueryData(["consultation", result.consultation.id], result.consultation);
      void navigate(`/patient/consultations/${encodeURIComponent(result.consultation.id)}/waiting`);
    } else {
      setRefused(result.triage);
    }
  };
  return { refused, clear: () => setRefused(null), handle };
}

/** The screen after the server refused a request because triage says emergency. */
export function RefusedScreen({ triage, onEdit }: { triage: TriageResult; onEdit: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="refused-screen">
      <EmergencyAdvice triage={triage} notQueued>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={onEdit}>
            {t("consultations.emergency.editAnswers")}
          </button>
        </div>
      </EmergencyAdvice>
    </div>
  );
}

/** /patient/visit/:appointmentId — the complaint form of a booked video or chat visit, then the waiting room. */
export function VisitEntryPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.visit");
  const { appointmentId = "" } = useParams();
  const timeText = useTimeText();
  const now = useNow(15_000);
  const appointment = useQuery({
    queryKey: ["appointment", appointmentId],
    queryFn: () => schedulingApi.appointment(appointmentId),
  });
  const result = useEnterResult();
  const enter = useMutation({
    mutationFn: (complaint: Complaint) => consultationsApi.enter(appointmentId, complaint),
    onSuccess: result.handle,
  });
  const a = appointment.data;
  const phase = a ? visitWindow(a, now) : null;

  return (
    <div className="stack">
      <p>
        <Link to={`/patient/appointments/${encodeURIComponent(appointmentId)}`}>← {t("consultations.visit.backToAppointment")}</Link>
      </p>
      <h1>{t("consultations.visit.title")}</h1>
      {appointment.isPending ? <Loading /> : null}
      <ConsultationProblem error={appointment.error} onRetry={() => void appointment.refetch()} />
      {a ? (
        <div className="card stack" data-testid="visit-summary">
          <p className="consultation-title">
            {t("consultations.visit.withDoctor", {
              kind: t(`scheduling.kinds.${a.kind}`, { defaultValue: a.kind }),
              doctor: a.doctorName,
            })}
          </p>
          <p className="muted">{t("consultations.visit.startsAt", { time: timeText(a.start) })}</p>
          {phase === "early" ? (
            <div className="alert alert--warning" role="status">
              <p>{t("consultations.visit.opensAt", { time: timeText(windowOpensAt(a), true) })}</p>
            </div>
          ) : null}
          {phase === "ended" ? (
            <div className="alert alert--warning" role="status">
              <p>{t("consultations.visit.closed")}</p>
            </div>
          ) : null}
          {phase === "notOnline" ? (
            <div className="alert alert--warning" role="status">
              <p>{t("consultations.visit.notOnline")}</p>
            </div>
          ) : null}
        </div>
      ) : null}
      {result.refused ? <RefusedScreen triage={result.refused} onEdit={result.clear} /> : null}
      {a && phase !== "notOnline" && phase !== "ended" ? (
        <section className="card stack" hidden={!!result.refused} aria-labelledby="complaint-title">
          <h2 id="complaint-title">{t("consultations.form.title")}</h2>
          <p className="page-intro">{t("consultations.form.intro")}</p>
          <ComplaintForm
            submitLabel={t("consultations.visit.enter")}
            submittingLabel={t("consultations.visit.entering")}
            submitting={enter.isPending}
            onSubmit={(complaint) => enter.mutate(complaint)}
            footer={<ConsultationProblem error={enter.error} />}
          />
        </section>
      ) : null}
    </div>
  );
}
