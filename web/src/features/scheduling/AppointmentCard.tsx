import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type Appointment, type Slot } from "../../shared/api/scheduling";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { addDays, clock, isIsoDate, today } from "../../shared/time/zonedTime";
import { cityFor, hasCode, ProblemAlert, StatusBadge, useClinics, useKindLabel, useTimeTexts } from "./common";
import { SlotButtons } from "./SlotButtons";

export type Viewer = "patient" | "frontDesk" | "doctor";

const ACTIVE = new Set(["booked", "confirmed"]);

export function isUpcoming(a: Appointment, now: Date = clock.now()): boolean {
  return Date.parse(a.end) > now.getTime() && (a.status === "booked" || a.status === "confirmed" || a.status === "checkedIn");
}

/** An appointment with its times (viewer's and clinic's) and the actions the viewer may take. */
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
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const times = useTimeTexts();
  const kindLabel = useKindLabel();
  const { clinicById } = useClinics();
  const headingId = useId();
  const [panel, setPanel] = useState<"none" | "cancel" | "reschedule">("none");
  const [result, setResult] = useState<string | null>(null);
  const a = appointment;
  const clinic = clinicById(a.clinicId);
  const text = times(a.start, clock.timeZone(), a.clinicTimeZone, cityFor(clinic, a.clinicTimeZone));

  const updated = (next: Appointment) => {
    queryClient.setQueryData(["appointment", next.id], next);
    queryClient.setQueryData<Appointment[]>(["my-appointments"], (old) => old?.map((x) => (x.id === next.id ? next : x)));
    void queryClient.invalidateQueries({ queryKey: ["my-appointments"] });
    void queryClient.invalidateQueries({ queryKey: ["clinic-day"] });
    void queryClient.invalidateQueries({ queryKey: ["doctor-calendar"] });
  };

  const transition = useMutation({
    mutationFn: (action: "confirm" | "check-in" | "complete" | "no-show") => schedulingApi.transition(a.id, action),
    onSuccess: (next, action) => {
      updated(next);
      setResult(action === "confirm" ? "scheduling.confirmedResult" : "scheduling.statusUpdated");
    },
  });

  const Heading = headingLevel === 2 ? "h2" : "h3";
  const active = ACTIVE.has(a.status) && Date.parse(a.end) > clock.now().getTime();
  return (
    <article className="card stack appointment-card" aria-labelledby={headingId} data-appointment-id={a.id} data-status={a.status}>
      <div className="section-header">
        <Heading id={headingId} className="appointment-card__title">
          {viewer === "patient" ? a.doctorName : a.patientName ?? a.doctorName} · {kindLabel(a.kind)}
        </Heading>
        <StatusBadge status={a.status} testId={statusTestId} />
      </div>
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
          <dd>{clinic ? `${a.clinicName} (${clinic.city})` : a.clinicName}</dd>
        </div>
        {viewer !== "patient" ? (
          <div>
            <dt>{t("scheduling.doctor")}</dt>
            <dd>{a.doctorName}</dd>
          </div>
        ) : null}
        {a.status === "cancelled" && a.cancellationReason ? (
          <div>
            <dt>{t("scheduling.cancellationReason")}</dt>
            <dd>{a.cancellationReason}</dd>
          </div>
        ) : null}
      </dl>
      {a.lateCancellation || a.late ? (
        <p>
          {a.lateCancellation ? <span className="badge badge--danger">{t("scheduling.lateCancellation")}</span> : null}
          {a.late ? <span className="badge badge--warning">{t("scheduling.late")}</span> : null}
        </p>
      ) : null}
      {result ? <SuccessMessage>{t(result)}</SuccessMessage> : null}
      <ProblemAlert error={transition.error} />

      <div className="button-row">
        {detailsHref ? (
          <Link className="button button--secondary button--small" to={detailsHref}>
            {t("scheduling.details")}
          </Link>
        ) : null}
        {viewer === "patient" && a.status === "booked" && active ? (
          <button type="button" className="button button--small" disabled={transition.isPending} onClick={() => transition.mutate("confirm")}>
            {t("scheduling.confirmAppointment")}
          </button>
        ) : null}
        {viewer !== "patient" && active ? (
          <>
            <button type="button" className="button button--small" disabled={transition.isPending} onClick={() => transition.mutate("check-in")}>
              {t("scheduling.checkIn")}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={transition.isPending}
              onClick={() => transition.mutate("no-show")}
            >
              {t("scheduling.noShow")}
            </button>
          </>
        ) : null}
        {viewer === "doctor" && a.status === "checkedIn" ? (
          <button type="button" className="button button--small" disabled={transition.isPending} onClick={() => transition.mutate("complete")}>
            {t("scheduling.complete")}
          </button>
        ) : null}
        {viewer !== "doctor" && active && panel !== "reschedule" && viewer === "patient" ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setPanel("reschedule")}>
            {t("scheduling.reschedule")}
          </button>
        ) : null}
        {viewer !== "doctor" && active && panel !== "cancel" ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setPanel("cancel")}>
            {t("scheduling.cancelAppointment")}
          </button>
        ) : null}
        {a.status !== "cancelled" ? (
          <a className="button button--secondary button--small" href={schedulingApi.calendarIcsUrl(a.id)} download>
            {t("scheduling.downloadIcs")}
          </a>
        ) : null}
      </div>

      {panel === "cancel" && active ? (
        <CancelForm
          appointment={a}
          onDone={(next) => {
            updated(next);
            setPanel("none");
            setResult(next.lateCancellation ? "scheduling.cancelledLate" : "scheduling.cancelledResult");
          }}
          onClose={() => setPanel("none")}
        />
      ) : null}
      {panel === "reschedule" && active ? (
        <ReschedulePanel
          appointment={a}
          onDone={(next) => {
            updated(next);
            setPanel("none");
            setResult("scheduling.rescheduledResult");
          }}
          onClose={() => setPanel("none")}
        />
      ) : null}
    </article>
  );
}

function CancelForm({ appointment, onDone, onClose }: { appointment: Appointment; onDone: (a: Appointment) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const cancel = useMutation({ mutationFn: () => schedulingApi.cancel(appointment.id, reason.trim()), onSuccess: onDone });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    cancel.mutate();
  };
  return (
    <form className="stack sub-panel" onSubmit={onSubmit} aria-label={t("scheduling.cancelAppointment")}>
      <div className="alert alert--warning">
        <p>{t("scheduling.cancelWarning")}</p>
      </div>
      <TextAreaField label={t("scheduling.cancelReason")} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <ProblemAlert error={cancel.error} />
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={cancel.isPending}>
          {t("scheduling.cancelAppointment")}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("scheduling.keepAppointment")}
        </button>
      </div>
    </form>
  );
}

function ReschedulePanel({ appointment, onDone, onClose }: { appointment: Appointment; onDone: (a: Appointment) => void; onClose: () => void }) {
  const { t } = useTranslation();
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
      }
    },
  });
  const pickedText = picked
    ? times(picked.start, picked.patientTimeZone || timeZone, picked.clinicTimeZone, cityFor(clinicById(picked.clinicId), picked.clinicTimeZone))
    : null;
  const available = (slots.data?.slots ?? []).filter((s) => s.start !== appointment.start);

  return (
    <section className="stack sub-panel" aria-label={t("scheduling.reschedule")}>
      <h3>{t("scheduling.pickNewTime")}</h3>
      <form
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
      </form>
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
        <div className="stack">
          <p>
            {t("scheduling.moveTo", { time: `${pickedText.day}, ${pickedText.both}` })}
          </p>
          <ProblemAlert error={hasCode(move.error, "scheduling.slot_taken") ? null : move.error} />
          <div className="button-row">
            <button type="button" className="button" disabled={move.isPending} onClick={() => move.mutate(picked)}>
              {t("scheduling.confirmNewTime")}
            </button>
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
