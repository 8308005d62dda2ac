import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  consultationsApi,
  type ComplaintDraft,
  type ComplaintForm as Complaint,
  type EnterResult,
  type TriageResult,
} from "../../shared/api/consultations";
import { isApiError } from "../../shared/api/errors";
import { schedulingApi } from "../../shared/api/scheduling";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ComplaintForm } from "./ComplaintForm";
import { ConsultationProblem, useNow } from "./common";
import { EmergencyAdvice } from "./EmergencyAdvice";
import { useTimeText } from "./useTimeText";
import { visitWindow, type VisitWindow } from "./visitWindow";
import { UserSentence } from "../../shared/ui/UserText";

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

/** Answers are saved this long after the patient stops changing them. */
export const DRAFT_DEBOUNCE_MS = 800;

/**
 * Keeps the complaint form as a draft on the server (PUT /appointments/{id}/draft) a moment after each change, and
 * at once when asked. Saves run one after another, so the last answer is the one kept.
 */
function useDraftSaver(appointmentId: string) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<ComplaintDraft | null>(null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [state, setState] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const flush = () => {
    clearTimeout(timer.current);
    const draft = pending.current;
    pending.current = null;
    if (!draft) return chain.current;
    setState("saving");
    chain.current = chain.current
      .then(() => consultationsApi.saveDraft(appointmentId, draft))
      .then(
        () => setState(pending.current ? "saving" : "saved"),
        () => setState("failed"),
      );
    return chain.current;
  };
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  });
  // Leaving the page keeps what is still waiting for the debounce.
  useEffect(() => () => void flushRef.current(), []);
  return {
    state,
    change: (draft: ComplaintDraft) => {
      pending.current = draft;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flushRef.current(), DRAFT_DEBOUNCE_MS);
    },
    saveNow: (draft: ComplaintDraft) => {
      pending.current = draft;
      return flush();
    },
  };
}

/**
 * /patient/visit/:appointmentId — the complaint form of a booked video or chat visit, then the waiting room. The form
 * is a draft kept on the server from the first answer; before the room opens (by the server's clock) the page says
 * once when it opens, and pressing Enter then saves the form instead of failing.
 */
export function VisitEntryPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.visit");
  const { appointmentId = "" } = useParams();
  const queryClient = useQueryClient();
  const timeText = useTimeText();
  const now = useNow(15_000);
  const appointment = useQuery({
    queryKey: ["appointment", appointmentId],
    queryFn: () => schedulingApi.appointment(appointmentId),
  });
  const draft = useQuery({
    queryKey: ["complaint-draft", appointmentId],
    queryFn: () => consultationsApi.draft(appointmentId),
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data && !query.state.data.roomOpen ? 60_000 : false),
  });
  const saver = useDraftSaver(appointmentId);
  const opensRef = useRef<HTMLDivElement>(null);
  const result = useEnterResult();
  const enter = useMutation({
    mutationFn: (complaint: Complaint) => consultationsApi.enter(appointmentId, complaint),
    onSuccess: result.handle,
    onError: (error) => {
      // The server's clock says not yet: the form is kept, and the one message says when.
      if (isApiError(error) && error.code === "consultation.too_early") void queryClient.invalidateQueries({ queryKey: ["complaint-draft", appointmentId] });
    },
  });
  const a = appointment.data;
  const browserPhase = a ? visitWindow(a, now) : null;
  const phase: VisitWindow | null =
    browserPhase === "early" || browserPhase === "open" ? (draft.data ? (draft.data.roomOpen ? "open" : "early") : browserPhase) : browserPhase;
  const tooEarly = isApiError(enter.error) && enter.error.code === "consultation.too_early";

  const submit = (complaint: Complaint) => {
    if (phase === "early") {
      void saver.saveNow(complaint).then(() => opensRef.current?.focus());
      return;
    }
    void saver.saveNow(complaint);
    enter.mutate(complaint);
  };

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
            <UserSentence
              i18nKey="consultations.visit.withDoctor"
              user={{ doctor: a.doctorName }}
              values={{ kind: t(`scheduling.kinds.${a.kind}`, { defaultValue: a.kind }) }}
            />
          </p>
          <p className="muted">{t("consultations.visit.startsAt", { time: timeText(a.start) })}</p>
          {phase === "early" && draft.data ? (
            <div ref={opensRef} tabIndex={-1} className="alert alert--warning" role="status" data-testid="room-opens">
              <p>{t("consultations.visit.opensAt", { time: timeText(draft.data.roomOpensAt, true) })}</p>
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
      {draft.isPending && a ? <Loading /> : null}
      {a && phase !== "notOnline" && phase !== "ended" && !draft.isPending ? (
        <section className="card stack" hidden={!!result.refused} aria-labelledby="complaint-title">
          <h2 id="complaint-title">{t("consultations.form.title")}</h2>
          <p className="page-intro">{t("consultations.form.intro")}</p>
          <ComplaintForm
            submitLabel={t("consultations.visit.enter")}
            submittingLabel={t("consultations.visit.entering")}
            submitting={enter.isPending}
            onSubmit={submit}
            onChange={saver.change}
            initial={draftToInitial(draft.data?.complaint)}
            footer={
              <>
                <p className="field-hint" role="status" data-testid="draft-status" data-status={saver.state}>
                  {saver.state === "saved" ? t("consultations.visit.draftSaved") : saver.state === "failed" ? t("consultations.visit.draftFailed") : ""}
                </p>
                {tooEarly ? null : <ConsultationProblem error={enter.error} />}
              </>
            }
          />
        </section>
      ) : null}
    </div>
  );
}

function draftToInitial(draft: ComplaintDraft | null | undefined): Partial<Complaint> | undefined {
  if (!draft) return undefined;
  return {
    regions: draft.regions ?? [],
    ...(draft.severity ? { severity: draft.severity } : {}),
    ...(draft.duration ? { duration: draft.duration } : {}),
    symptoms: draft.symptoms ?? [],
    description: draft.description ?? "",
    photoIds: draft.photoIds ?? [],
  };
}
