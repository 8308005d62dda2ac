import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type Appointment, type AppointmentAction, type Slot } from "../../shared/api/scheduling";
import { isApiError } from "../../shared/api/errors";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { addDays, clock, isIsoDate, today } from "../../shared/time/zonedTime";
import { cityFor, clinicNameFor, hasCode, ProblemAlert, StatusBadge, useClinics, useKindLabel, useTimeTexts } from "./common";
import { RefusalAlert } from "./RefusalAlert";
import { SlotButtons } from "./SlotButtons";
import { paymentMayHaveChanged } from "../billing/usePayment";
import { LateCancellationFeeNotice } from "../billing/LateCancellationFeeNotice";
import { Form } from "../../shared/ui/Form";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export type Viewer = "patient" | "frontDesk" | "doctor";

interface ActionResult {
  key: string;
  status: Appointment["status"];
  start: string;
}

/** The last result per appointment, so the message survives the card moving (upcoming → past) and remounting. */
const lastResults = new Map<string, ActionResult>();

export function isUpcoming(a: Appointment, now: Date = clock.now()): boolean {
  return Date.parse(a.end) > now.getTime() && (a.status === "booked" || a.status === "confirmed" || a.status === "checkedIn");
}

/**
 * An appointment with its times (viewer's and clinic's) and the actions the viewer may take: exactly the server's
 * `allowedActions`, so nothing that can only fail is offered. A refused action says why, with the visit as it is now.
 */
export function AppointmentCard({
  appointment,
  viewer,
  detailsHref,
  headingLevel = 2,
  statusTestId,
}: {
  appointment: Appointment;
  viewer: Viewer;
  detailsHref?: string;
  headingLevel?: 2 | 3;
  statusTestId?: string;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const times = useTimeTexts();
  const kindLabel = useKindLabel();
  const { clinicById } = useClinics();
  const headingId = useId();
  const [panel, setPanel] = useState<"none" | "cancel" | "reschedule">("none");
  // A result message belongs to the state it describes: once the visit changes again it goes.
  const [result, setResultState] = useState<ActionResult | null>(() => lastResults.get(appointment.id) ?? null);
  const setResult = (next: ActionResult | null) => {
    if (next) lastResults.set(appointment.id, next);
    else lastResults.delete(appointment.id);
    setResultState(next);
  };
  const [refusal, setRefusal] = useState<unknown>(null);
  const a = appointment;
  const clinic = clinicById(a.clinicId);
  const text = times(a.start, clock.timeZone(), a.clinicTimeZone, cityFor(clinic, a.clinicTimeZone));

  const updated = (next: Appointment) => {
    queryClient.setQueryData(["appointment", next.id], next);
    queryClient.setQueryData<Appointment[]>(["my-appointments"], (old) => old?.map((x) => (x.id === next.id ? next : x)));
    void queryClient.invalidateQueries({ queryKey: ["my-appointments"] });
    void queryClient.invalidateQueries({ queryKey: ["clinic-day"] });
    void queryClient.invalidateQueries({ queryKey: ["doctor-calendar"] });
    // A cancellation or a missed visit settles the payment (release, fee): the payment panel reads it again.
    paymentMayHaveChanged(queryClient, next.id);
  };
  const said = (key: string, next: Appointment) => setResult({ key, status: next.status, start: next.start });
  const refused = (error: unknown) => {
    setResult(null);
    setRefusal(error);
    // The visit changed under us (or time moved on): show it as it is now, with the actions it now allows.
    void queryClient.invalidateQueries({ queryKey: ["appointment", a.id] });
    void queryClient.invalidateQueries({ queryKey: ["my-appointments"] });
    void queryClient.invalidateQueries({ queryKey: ["clinic-day"] });
    void queryClient.invalidateQueries({ queryKey: ["doctor-calendar"] });
  };

  const transition = useMutation({
    mutationFn: (action: "confirm" | "check-in" | "complete" | "no-show") => schedulingApi.transition(a.id, action),
    onMutate: () => setRefusal(null),
    onSuccess: (next, action) => {
      updated(next);
      said(action === "confirm" ? "scheduling.confirmedResult" : "scheduling.statusUpdated", next);
    },
    onError: refused,
  });

  const Heading = headingLevel === 2 ? "h2" : "h3";
  const allowed = new Set<AppointmentAction>(a.allowedActions ?? []);
  const can = (action: AppointmentAction) => allowed.has(action);
  const showResult = result && result.status === a.status && result.start === a.start;
  return (
    <article className="card stack appointment-card" aria-labelledby={headingId} data-appointment-id={a.id} data-status={a.status}>
      <div className="section-header">
        <Heading id={headingId} className="appointment-card__title">
          <UserText>{viewer === "patient" ? a.doctorName : a.patientName ?? a.doctorName}</UserText> · {kindLabel(a.kind)}
        </Heading>
        <StatusBadge status={a.status} testId={statusTestId} />
      </div>
      {viewer === "patient" && a.patientName ? (
        <p data-testid="appointment-for"><UserSentence i18nKey="publicDoctors.forPatient" user={{ name: a.patientName }} /></p>
      ) : null}
      <dl className="details">
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
          <dt>{t("scheduling.clinic")}</dt>
          <dd>
            <UserText>{clinicNameFor(clinic, a.clinicName)}</UserText>
            {clinic ? <> (<UserText>{clinic.city}</UserText>)</> : null}
          </dd>
        </div>
        {viewer !== "patient" ? (
          <div>
            <dt>{t("scheduling.doctor")}</dt>
            <dd dir="auto">{a.doctorName}</dd>
          </div>
        ) : null}
        {a.status === "cancelled" && a.cancellationCode ? (
          <div>
            <dt>{t("scheduling.cancellationReason")}</dt>
            <dd>{t(`scheduling.cancellationCodes.${a.cancellationCode}`, { defaultValue: t("scheduling.cancellationCodes.other") })}</dd>
          </div>
        ) : a.status === "cancelled" && a.cancellationReason ? (
          <div>
            <dt>{t("scheduling.cancellationReason")}</dt>
            <dd dir="auto">{a.cancellationReason}</dd>
          </div>
        ) : null}
      </dl>
      {a.lateCancellation || a.late ? (
        <p>
          {a.lateCancellation ? <span className="badge badge--danger">{t("scheduling.lateCancellation")}</span> : null}
          {a.late ? <span className="badge badge--warning">{t("scheduling.late")}</span> : null}
        </p>
      ) : null}
      {showResult ? <SuccessMessage>{t(result.key)}</SuccessMessage> : null}
      <RefusalAlert error={refusal} status={a.status} />
      {viewer === "patient" && a.status === "booked" && !can("confirm") && Date.parse(a.start) > clock.now().getTime() ? (
        <p className="muted">{t("scheduling.confirmWhenAsked")}</p>
      ) : null}

      <div className="button-row">
        {detailsHref ? (
          <Link className="button button--secondary button--small" to={detailsHref}>
            {t("scheduling.details")}
          </Link>
        ) : null}
        {can("confirm") ? (
          <BusyButton type="button" className="button button--small" busy={transition.isPending && transition.variables === "confirm"} disabled={transition.isPending} onClick={() => transition.mutate("confirm")}>
            {t("scheduling.confirmAppointment")}
          </BusyButton>
        ) : null}
        {can("checkIn") ? (
          <BusyButton type="button" className="button button--small" busy={transition.isPending && transition.variables === "check-in"} disabled={transition.isPending} onClick={() => transition.mutate("check-in")}>
            {t("scheduling.checkIn")}
          </BusyButton>
        ) : null}
        {can("noShow") ? (
          <BusyButton
            type="button"
            className="button button--secondary button--small"
            busy={transition.isPending && transition.variables === "no-show"} disabled={transition.isPending}
            onClick={() => transition.mutate("no-show")}
          >
            {t("scheduling.noShow")}
          </BusyButton>
        ) : null}
        {can("complete") ? (
          <BusyButton type="button" className="button button--small" busy={transition.isPending && transition.variables === "complete"} disabled={transition.isPending} onClick={() => transition.mutate("complete")}>
            {t("scheduling.complete")}
          </BusyButton>
        ) : null}
        {viewer === "patient" && can("reschedule") && panel !== "reschedule" ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setPanel("reschedule")}>
            {t("scheduling.reschedule")}
          </button>
        ) : null}
        {can("cancel") && panel !== "cancel" ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setPanel("cancel")}>
            {t("scheduling.cancelAppointment")}
          </button>
        ) : null}
        {a.status !== "cancelled" ? (
          <a className="button button--secondary button--small" href={schedulingApi.calendarIcsUrl(a.id, i18n.language)} download>
            {t("scheduling.downloadIcs")}
          </a>
        ) : null}
      </div>

      {panel === "cancel" && can("cancel") ? (
        <CancelForm
          appointment={a}
          payer={viewer === "patient"}
          onDone={(next) => {
            updated(next);
            setPanel("none");
            said(next.lateCancellation ? "scheduling.cancelledLate" : "scheduling.cancelledResult", next);
          }}
          onFailed={(error) => {
            setPanel("none");
            refused(error);
          }}
          onClose={() => setPanel("none")}
        />
      ) : null}
      {panel === "reschedule" && can("reschedule") ? (
        <ReschedulePanel
          appointment={a}
          onDone={(next) => {
            updated(next);
            setPanel("none");
            said("scheduling.rescheduledResult", next);
          }}
          onFailed={(error) => {
            setPanel("none");
            refused(error);
          }}
          onClose={() => setPanel("none")}
        />
      ) : null}
    </article>
  );
}

/** The server's error for the cancellation reason, when that is its only field error (it then goes under the field). */
function reasonError(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const entries = Object.entries(error.fieldErrors);
  if (entries.length !== 1 || entries[0][0].toLowerCase() !== "reason") return null;
  return entries[0][1].join(" ");
}

/** Field errors stay in the form; a refusal (the visit can no longer be cancelled) goes to the card, which shows the visit as it now is. */
function CancelForm({
  appointment,
  payer,
  onDone,
  onFailed,
  onClose,
}: {
  appointment: Appointment;
  /** The patient (or guardian) cancels: they are told what a late cancellation costs; the clinic's own cancellations cost nothing. */
  payer: boolean;
  onDone: (a: Appointment) => void;
  onFailed: (error: unknown) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const cancel = useMutation({
    mutationFn: () => schedulingApi.cancel(appointment.id, reason.trim()),
    onSuccess: onDone,
    onError: (error) => {
      if (isRefusal(error)) onFailed(error);
      else if (reasonError(error)) reasonRef.current?.focus();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (cancel.isPending) return;
    // The server requires a reason: say so under the field instead of sending and showing its raw field list.
    if (!reason.trim()) {
      setMissingReason(true);
      reasonRef.current?.focus();
      return;
    }
    cancel.mutate();
  };
  const serverReason = reasonError(cancel.error);
  const fieldError = missingReason
    ? { message: "scheduling.cancelReasonRequired" }
    : serverReason
      ? { type: "server" as const, message: serverReason }
      : undefined;
  return (
    <form className="stack sub-panel" onSubmit={onSubmit} noValidate aria-label={t("scheduling.cancelAppointment")}>
      <div className="alert alert--warning">
        <p>{t("scheduling.cancelWarning")}</p>
        {payer ? <LateCancellationFeeNotice appointmentId={appointment.id} /> : null}
      </div>
      <TextAreaField
        ref={reasonRef}
        dir="auto"
        label={t("scheduling.cancelReason")}
        rows={2}
        maxLength={500}
        required
        value={reason}
        error={fieldError}
        onChange={(e) => {
          setReason(e.target.value);
          if (e.target.value.trim()) setMissingReason(false);
        }}
      />
      <ProblemAlert error={isRefusal(cancel.error) || serverReason ? null : cancel.error} />
      <div className="button-row">
        <BusyButton type="submit" className="button button--danger" busy={cancel.isPending}>
          {t("scheduling.cancelAppointment")}
        </BusyButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("scheduling.keepAppointment")}
        </button>
      </div>
    </form>
  );
}

function ReschedulePanel({
  appointment,
  onDone,
  onFailed,
  onClose,
}: {
  appointment: Appointment;
  onDone: (a: Appointment) => void;
  onFailed: (error: unknown) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const confirmRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const times = useTimeTexts();
  const { clinicById } = useClinics();
  const timeZone = clock.timeZone();
  const [range, setRange] = useState(() => ({ from: today(timeZone), to: addDays(today(timeZone), 14) }));
  const [draft, setDraft] = useState(range);
  const [picked, setPicked] = useState<Slot | null>(null);
  const [taken, setTaken] = useState(false);
  const slots = useQuery({
    queryKey: ["doctor-slots", appointment.doctorId, appointment.kind, range.from, range.to, timeZone],
    queryFn: () => schedulingApi.doctorSlots(appointment.doctorId, { kind: appointment.kind, ...range, timeZone }),
  });
  const move = useMutation({
    mutationFn: (slot: Slot) => schedulingApi.reschedule(appointment.id, slot.start),
    onSuccess: onDone,
    onError: (error) => {
      if (hasCode(error, "scheduling.slot_taken")) {
        setPicked(null);
        setTaken(true);
        void queryClient.invalidateQueries({ queryKey: ["doctor-slots"] });
      } else if (isRefusal(error)) onFailed(error);
    },
  });
  // The list of times can be long (two weeks on a phone is thousands of pixels): bring the confirm button to the choice.
  useEffect(() => {
    if (picked) confirmRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [picked]);
  const pickedText = picked
    ? times(picked.start, picked.patientTimeZone || timeZone, picked.clinicTimeZone, cityFor(clinicById(picked.clinicId), picked.clinicTimeZone))
    : null;
  const available = (slots.data?.slots ?? []).filter((s) => s.start !== appointment.start);

  return (
    <section className="stack sub-panel" aria-label={t("scheduling.reschedule")}>
      <h3>{t("scheduling.pickNewTime")}</h3>
      <Form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (isIsoDate(draft.from) && isIsoDate(draft.to) && draft.from <= draft.to) setRange(draft);
        }}
      >
        <TextField label={t("scheduling.from")} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t("scheduling.to")} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <div className="filters__actions">
          <button type="submit" className="button button--secondary">
            {t("scheduling.findTimes")}
          </button>
        </div>
      </Form>
      {taken ? (
        <div className="alert alert--warning" role="alert">
          <p>{t("scheduling.slotTaken")}</p>
        </div>
      ) : null}
      {slots.isPending ? <Loading /> : null}
      <ProblemAlert error={slots.error} />
      {slots.data && available.length === 0 ? <EmptyState>{t("scheduling.noSlotsDoctor")}</EmptyState> : null}
      {available.length > 0 ? (
        <SlotButtons
          doctorId={appointment.doctorId}
          doctorName={appointment.doctorName}
          slots={available}
          selectedStart={picked?.start ?? ""}
          onPick={(slot) => {
            setTaken(false);
            setPicked(slot);
          }}
        />
      ) : null}
      {picked && pickedText ? (
        <div className="stack reschedule-confirm" ref={confirmRef} data-testid="reschedule-confirm">
          <p>
            {t("scheduling.moveTo", { time: `${pickedText.day}, ${pickedText.both}` })}
          </p>
          <ProblemAlert error={hasCode(move.error, "scheduling.slot_taken") || isRefusal(move.error) ? null : move.error} />
          <div className="button-row">
            <BusyButton type="button" className="button" busy={move.isPending} onClick={() => move.mutate(picked)}>
              {t("scheduling.confirmNewTime")}
            </BusyButton>
          </div>
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("app.close")}
        </button>
      </div>
    </section>
  );
}

/** A refusal because of the visit's state (not a mistake in the form): the card shows it with the visit refreshed. */
function isRefusal(error: unknown): boolean {
  return (
    hasCode(error, "scheduling.invalid_transition") ||
    hasCode(error, "scheduling.already_started") ||
    hasCode(error, "scheduling.not_started") ||
    hasCode(error, "scheduling.not_allowed")
  );
}
