import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@tanstack/react-query";
import { doctorApi, doctorKeys } from "../doctor/doctorApi";
import { newIdempotencyKey, schedulingApi, type Appointment, type Slot } from "../../shared/api/scheduling";
import { clock } from "../../shared/time/zonedTime";
import type { Money } from "../../shared/api/types";
import { SelectField } from "../../shared/ui/fields";
import { visitMinutes } from "../../shared/ui/visitLength";
import { QuoteFact } from "../billing/QuotePrice";
import { anAdultIsBookedWithAPaediatrician } from "./bookingWarnings";
import { patientApi, patientKeys } from "../patient/patientApi";
import { cityFor, clinicNameFor, hasCode, ProblemAlert, useClinics, useKindLabel, useTimeTexts } from "./common";
import { UserSentence, UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export interface PickedSlot {
  doctorId: string;
  doctorName: string;
  slot: Slot;
  /** The doctor's hourly rate (the price shown is the server's quote, not computed from this). */
  hourlyRate?: Money;
  /** The doctor's specialty codes, to warn before booking an adult with a paediatrician. */
  specialties?: string[];
}

/**
 * The confirmation step: what is about to be booked and one "Book" button. One Idempotency-Key
 * per step, so pressing "Book" again after a failure cannot book twice.
 */
export function BookingConfirmation({
  picked,
  patientId,
  onBack,
  onTaken,
  onBooked,
}: {
  picked: PickedSlot;
  patientId?: string;
  onBack: () => void;
  onTaken: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const times = useTimeTexts();
  const kindLabel = useKindLabel();
  const { clinicById } = useClinics();
  const { slot } = picked;
  const clinic = clinicById(slot.clinicId);
  const viewerZone = slot.patientTimeZone || clock.timeZone();
  const text = times(slot.start, viewerZone, slot.clinicTimeZone, cityFor(clinic, slot.clinicTimeZone));
  const minutes = visitMinutes(slot.start, slot.end);
  const patient = useQuery({
    queryKey: doctorKeys.demographics(patientId ?? ""),
    queryFn: () => doctorApi.demographics(patientId!),
    enabled: !!patientId,
  });

  // A patient books for themself or a child on their account (the dependent's date of birth then counts); the front desk
  // for the chosen patient.
  const own = useQuery({ queryKey: patientKeys.myProfile, queryFn: patientApi.myPatientProfile, enabled: !patientId });
  const dependents = useQuery({ queryKey: patientKeys.myDependents, queryFn: patientApi.myDependents, enabled: !patientId });
  const [forDependent, setForDependent] = useState("");
  const child = (dependents.data ?? []).find((d) => d.id === forDependent);
  const dateOfBirth = patientId ? patient.data?.dateOfBirth : child ? child.dateOfBirth : own.data?.dateOfBirth;
  const bookFor = patientId ?? (child ? child.id : undefined);
  const adultWithPaediatrician = anAdultIsBookedWithAPaediatrician(picked.specialties ?? [], dateOfBirth, slot.start.slice(0, 10));

  useEffect(() => headingRef.current?.focus(), []);

  const book = useMutation({
    mutationFn: () =>
      schedulingApi.book(
        { doctorId: picked.doctorId, clinicId: slot.clinicId, kind: slot.kind, start: slot.start, ...(bookFor ? { patientId: bookFor } : {}) },
        idempotencyKey,
      ),
    onSuccess: onBooked,
    onError: (error) => {
      if (hasCode(error, "scheduling.slot_taken")) onTaken();
    },
  });

  return (
    <section className="card stack booking-confirmation" aria-labelledby="confirm-title" data-testid="booking-confirmation">
      {/* The step replaces the whole page (DoctorSlotsPage, SlotSearchPage), so its title is the page's h1. */}
      <h1 id="confirm-title" ref={headingRef} tabIndex={-1}>
        {t("scheduling.confirmTitle")}
      </h1>
      <dl className="details">
        <div>
          <dt>{t("scheduling.doctor")}</dt>
          <dd dir="auto">{picked.doctorName}</dd>
        </div>
        {patientId ? (
          <div>
            <dt>{t("scheduling.patient")}</dt>
            <dd data-testid="confirm-patient" dir="auto">{patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : t("app.loading")}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("scheduling.kind")}</dt>
          <dd>{kindLabel(slot.kind)}</dd>
        </div>
        <div>
          <dt>{t("scheduling.length")}</dt>
          <dd data-testid="confirm-length">{t("scheduling.minutes", { count: minutes })}</dd>
        </div>
        <QuoteFact doctorId={picked.doctorId} clinicId={slot.clinicId} minutes={minutes} label={t("scheduling.visitPrice")} testId="confirm-price" />
        <div>
          <dt>{t("scheduling.yourTime")}</dt>
          <dd data-testid="confirm-your-time">
            {text.day}, {text.time}
          </dd>
        </div>
        {text.clinic ? (
          <div>
            <dt>{t("scheduling.clinicTime")}</dt>
            <dd data-testid="confirm-clinic-time">{text.clinic}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("scheduling.clinic")}</dt>
          <dd>
            <UserText>{clinicNameFor(clinic, slot.clinicName)}</UserText>
            {clinic ? <> (<UserText>{clinic.city}</UserText>)</> : null}
          </dd>
        </div>
      </dl>
      {!patientId && dependents.data && dependents.data.length > 0 ? (
        <SelectField
          label={t("publicDoctors.visitFor")}
          value={forDependent}
          onChange={(e) => setForDependent(e.target.value)}
          options={[
            { value: "", label: t("publicDoctors.forMe") },
            ...dependents.data.map((d) => ({ value: d.id, label: isolate(`${d.givenName} ${d.familyName}`) })),
          ]}
          disabled={book.isPending}
        />
      ) : null}
            {adultWithPaediatrician ? (
        <div className="alert alert--warning" data-testid="adult-paediatrician">
          <p>
            <UserSentence i18nKey={patientId ? "scheduling.adultWithPaediatricianStaff" : "scheduling.adultWithPaediatrician"} user={{ doctor: picked.doctorName }} />
          </p>
        </div>
      ) : null}
      <ProblemAlert error={hasCode(book.error, "scheduling.slot_taken") ? null : book.error} />
      <div className="button-row">
        <BusyButton type="button" className="button" onClick={() => book.mutate()} busy={book.isPending} busyLabel={t("scheduling.booking")}>
          {t("scheduling.book")}
        </BusyButton>
        <button type="button" className="button button--secondary" onClick={onBack} disabled={book.isPending}>
          {t("scheduling.backToTimes")}
        </button>
      </div>
    </section>
  );
}
