import { useId, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { APPOINTMENT_KINDS, newIdempotencyKey, schedulingApi, type Appointment, type AppointmentKind, type Slot } from "../../shared/api/scheduling";
import { addDays, clock, formatDayShort, formatTime, today } from "../../shared/time/zonedTime";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { SelectField } from "../../shared/ui/fields";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { doctorApi, doctorKeys } from "./doctorApi";
import "./doctor.css";
import { UserSentence } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

/** Suggested intervals, in days from today: 1 and 2 weeks, 1 and 3 months. */
export const FOLLOW_UP_INTERVALS = [7, 14, 28, 91] as const;
const SLOTS_SHOWN = 12;

/**
 * "Book a follow-up": the doctor picks one of their own free slots (visit kind, a suggested interval) for a patient in
 * their care, on the ended-call screen and the doctor's patient page. POST /scheduling/follow-ups with an
 * Idempotency-Key (a double click books once); the patient gets the usual booking notice.
 */
export function FollowUpForm({ patientId, defaultKind = "video" }: { patientId: string; defaultKind?: AppointmentKind }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [kind, setKind] = useState<AppointmentKind>(defaultKind);
  const [interval, setInterval] = useState<number>(14);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const key = useRef(newIdempotencyKey());
  const zone = clock.timeZone();
  const from = useMemo(() => addDays(today(zone), interval), [zone, interval]);

  const me = useQuery({ queryKey: doctorKeys.me, queryFn: schedulingApi.myDoctor, staleTime: Infinity });
  const doctorId = me.data?.doctorId ?? "";
  const slots = useQuery({
    queryKey: doctorKeys.slots(doctorId, kind, from),
    queryFn: () => schedulingApi.doctorSlots(doctorId, { kind, from, to: addDays(from, 13), timeZone: zone }),
    enabled: doctorId !== "",
  });
  const book = useMutation({
    mutationFn: (slot: Slot) => doctorApi.bookFollowUp({ patientId, clinicId: slot.clinicId, kind, start: slot.start }, key.current),
    onSuccess: () => {
      key.current = newIdempotencyKey();
      void queryClient.invalidateQueries({ queryKey: ["doctor"] });
    },
    onError: () => {
      // A refused time stays refused: the next try is a new request (and the list is read again).
      key.current = newIdempotencyKey();
      setChosen(null);
      void slots.refetch();
    },
  });

  const booked: Appointment | undefined = book.data;
  const when = (s: { start: string; clinicTimeZone: string }) =>
    `${formatDayShort(s.start, s.clinicTimeZone, i18n.language)}, ${formatTime(s.start, s.clinicTimeZone, i18n.language)}`;
  const choose = (next: Partial<{ kind: AppointmentKind; interval: number }>) => {
    setChosen(null);
    book.reset();
    if (next.kind) setKind(next.kind);
    if (next.interval) setInterval(next.interval);
  };

  return (
    <section className="card stack follow-up" aria-labelledby={titleId} data-testid="follow-up">
      <h2 id={titleId}>{t("doctorDesk.followUp.title")}</h2>
      {booked ? (
        <p className="alert alert--success" role="status" data-testid="follow-up-booked" data-appointment-id={booked.id}>
          <UserSentence i18nKey="doctorDesk.followUp.booked" user={{ clinic: booked.clinicName }} values={{ when: when(booked) }} />{" "}
          <Link to={`/doctor/appointments/${encodeURIComponent(booked.id)}`}>{t("doctorDesk.followUp.open")}</Link>
        </p>
      ) : (
        <>
          <p className="field-hint">{t("doctorDesk.followUp.hint")}</p>
          <div className="form-grid">
            <SelectField
              label={t("doctorDesk.followUp.kind")}
              value={kind}
              onChange={(e) => choose({ kind: e.target.value as AppointmentKind })}
              options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: t(`doctorDesk.kinds.${k}`) }))}
              data-testid="follow-up-kind"
            />
            <SelectField
              label={t("doctorDesk.followUp.interval")}
              value={String(interval)}
              onChange={(e) => choose({ interval: Number(e.target.value) })}
              options={FOLLOW_UP_INTERVALS.map((d) => ({ value: String(d), label: t(`doctorDesk.followUp.in${d}`) }))}
              data-testid="follow-up-interval"
            />
          </div>
          {me.isPending || (doctorId && slots.isPending) ? <Loading /> : null}
          <ProblemMessage error={me.error || slots.error ? me.error ?? slots.error : null} namespace="scheduling" />
          {slots.data && slots.data.slots.length === 0 ? <EmptyState>{t("doctorDesk.followUp.noSlots")}</EmptyState> : null}
          {slots.data && slots.data.slots.length > 0 ? (
            <fieldset className="follow-up__slots">
              <legend>{t("doctorDesk.followUp.time")}</legend>
              <div className="slot-grid" data-testid="follow-up-slots">
                {slots.data.slots.slice(0, SLOTS_SHOWN).map((slot) => (
                  <label key={`${slot.clinicId}-${slot.start}`} className="slot-choice">
                    <input
                      type="radio"
                      name={`${titleId}-slot`}
                      value={slot.start}
                      checked={chosen?.start === slot.start && chosen.clinicId === slot.clinicId}
                      onChange={() => setChosen(slot)}
                    />
                    <span>{when(slot)}</span>
                    <bdi className="muted">{slot.clinicName}</bdi>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <ProblemMessage error={book.error} namespace="scheduling" testId="follow-up-error" />
          <div className="button-row">
            <BusyButton
              type="button"
              className="button"
              busy={book.isPending} disabled={!chosen}
              aria-describedby={chosen ? undefined : `${titleId}-why`}
              onClick={() => chosen && book.mutate(chosen)}
              data-testid="follow-up-book"
            >
              {t("doctorDesk.followUp.book")}
            </BusyButton>
            <DisabledReason id={`${titleId}-why`} reason={chosen ? null : t("doctorDesk.followUp.bookWhy")} />
          </div>
        </>
      )}
    </section>
  );
}
