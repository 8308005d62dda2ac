import { useEffect, useId, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import type { AdminDoctorDetail } from "./adminTypes";
import { CheckboxField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDate, formatDateTime, majorToMinor, minorToMajorString, minorUnitFactor } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { useClinicNames } from "./useClinicNames";
import { Form } from "../../shared/ui/Form";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The admin's page of one doctor: practice (specialties, clinics, rate), licence record and its verification. */
export function AdminDoctorPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.adminDoctors");
  const { id = "" } = useParams();
  const doctor = useQuery({ queryKey: adminKeys.doctor(id), queryFn: () => adminApi.doctor(id) });

  return (
    <div className="stack">
      <p>
        <Link to="/admin/doctors">← {t("administration.doctors.back")}</Link>
      </p>
      {doctor.isPending ? <Loading /> : null}
      <ErrorAlert error={doctor.error} onRetry={() => void doctor.refetch()} />
      {doctor.data ? <DoctorEditor doctor={doctor.data} /> : null}
    </div>
  );
}

function DoctorEditor({ doctor }: { doctor: AdminDoctorDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <h1 dir="auto">{doctor.displayName}</h1>
      <p className="break">
        {doctor.email} · <span className={`badge badge--${doctor.status}`}>{t(`doctor.statuses.${doctor.status}`, { defaultValue: doctor.status })}</span>
      </p>
      <p role="status" data-testid="activation-readiness">
        {doctor.missing.length === 0
          ? t("administration.doctors.readyToActivate")
          : t("administration.doctors.stillMissing", { missing: doctor.missing.map((m) => t(`administration.doctors.missing.${m}`)).join(", ") })}
      </p>
      <LicenceWarning doctor={doctor} />
      <PracticeForm doctor={doctor} />
      <LicenceForm doctor={doctor} />
    </>
  );
}

/**
 * What staff must act on about the licence: an active doctor whose licence has ended (no booking after its last day is
 * accepted), and visits booked after that day, which are kept and must be moved or cancelled by hand.
 */
function LicenceWarning({ doctor }: { doctor: AdminDoctorDetail }) {
  const { t, i18n } = useTranslation();
  const expiresOn = doctor.licence.expiresOn;
  const visits = useQuery({
    queryKey: [...adminKeys.visitsAfterLicence(doctor.id), expiresOn],
    queryFn: () => adminApi.visitsAfterLicence(doctor.id),
    enabled: expiresOn !== null,
  });
  if (!expiresOn) return null;
  const date = formatDate(expiresOn, i18n.language);
  const ended = doctor.status === "active" && doctor.missing.includes("licenceExpired");
  const count = visits.data?.bookedVisitsAfter ?? 0;
  if (!ended && count === 0) return null;
  return (
    <div className="alert alert--warning" role="status" data-testid="licence-warning">
      {ended ? <p>{t("administration.doctors.licenceEnded", { date })}</p> : null}
      {count > 0 ? <p>{t("administration.doctors.visitsAfterLicence", { date, count })}</p> : null}
    </div>
  );
}

function useSaveDoctor(id: string) {
  const queryClient = useQueryClient();
  return (saved: AdminDoctorDetail) => {
    queryClient.setQueryData(adminKeys.doctor(id), saved);
    void queryClient.invalidateQueries({ queryKey: adminKeys.allDoctors });
  };
}

function PracticeForm({ doctor }: { doctor: AdminDoctorDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const specialties = useSpecialties();
  const clinics = useClinicNames();
  const onSaved = useSaveDoctor(doctor.id);
  const factor = minorUnitFactor(doctor.hourlyRate.currency);
  const [chosenSpecialties, setSpecialties] = useState<string[]>(doctor.specialties);
  const [chosenClinics, setClinics] = useState<string[]>(doctor.clinicIds);
  const [rate, setRate] = useState(doctor.hourlyRate.amountMinor > 0 ? minorToMajorString(doctor.hourlyRate.amountMinor, factor) : "");
  const [rateError, setRateError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (amountMinor: number) =>
      adminApi.updateDoctorPractice(doctor.id, {
        specialties: chosenSpecialties,
        clinicIds: chosenClinics,
        hourlyRate: { amountMinor, currency: doctor.hourlyRate.currency },
      }),
    onSuccess: onSaved,
  });
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = majorToMinor(rate, factor) ?? 0;
    if (Number.isNaN(amountMinor)) {
      // "-5" is a number: say what is wrong with it.
      setRateError(t(/^\s*-\s*\d/.test(rate) ? "validation.nonNegative" : "validation.number"));
      return;
    }
    setRateError(undefined);
    save.mutate(amountMinor);
  };

  return (
    <section className="card">
      <form className="stack" aria-labelledby={headingId} onSubmit={onSubmit} noValidate>
        <h2 id={headingId}>{t("administration.doctors.practice")}</h2>
        <fieldset>
          <legend>{t("admin.specialties")}</legend>
          {(specialties.data ?? []).map((s) => (
            <CheckboxField
              key={s.code}
              label={s.name}
              checked={chosenSpecialties.includes(s.code)}
              onChange={(e) => setSpecialties((list) => toggle(list, s.code, e.target.checked))}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("administration.doctors.clinics")}</legend>
          {clinics.list.map((c) => (
            <CheckboxField
              key={c.id}
              label={<UserText>{c.name}</UserText>}
              checked={chosenClinics.includes(c.id)}
              onChange={(e) => setClinics((list) => toggle(list, c.id, e.target.checked))}
            />
          ))}
        </fieldset>
        <TextField
          label={t("administration.doctors.hourlyRate")}
          hint={t("administration.doctors.hourlyRateHint", { currency: doctor.hourlyRate.currency })}
          inputMode="decimal"
          value={rate}
          error={rateError ? { message: rateError } : undefined}
          onChange={(e) => setRate(e.target.value)}
        />
        <ErrorAlert error={save.error} />
        {save.isSuccess ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={save.isPending}>
            {t("app.save")}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}

function LicenceForm({ doctor }: { doctor: AdminDoctorDetail }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const onSaved = useSaveDoctor(doctor.id);
  const [number, setNumber] = useState(doctor.licence.number);
  const [issuer, setIssuer] = useState(doctor.licence.issuer);
  const [expiresOn, setExpiresOn] = useState(doctor.licence.expiresOn ?? "");
  // Saving as verified in the same act: an active doctor may not hold an unverified licence (directory.licence_verification_required).
  const [verifyOnSave, setVerifyOnSave] = useState(false);
  useEffect(() => {
    setNumber(doctor.licence.number);
    setIssuer(doctor.licence.issuer);
    setExpiresOn(doctor.licence.expiresOn ?? "");
    setVerifyOnSave(false);
  }, [doctor.licence.number, doctor.licence.issuer, doctor.licence.expiresOn]);
  const save = useMutation({
    mutationFn: () => adminApi.updateDoctorLicence(doctor.id, { number, issuer, expiresOn, verify: verifyOnSave }),
    onSuccess: onSaved,
  });
  const verify = useMutation({ mutationFn: () => adminApi.verifyDoctorLicence(doctor.id), onSuccess: onSaved });
  const { verifiedAt, verifiedBy } = doctor.licence;

  return (
    <section className="card">
      <Form
        className="stack"
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          verify.reset();
          save.mutate();
        }}
      >
        <h2 id={headingId}>{t("administration.doctors.licence")}</h2>
        <TextField label={t("administration.doctors.licenceNumber")} value={number} maxLength={64} required onChange={(e) => setNumber(e.target.value)} />
        <TextField dir="auto" label={t("administration.doctors.licenceIssuer")} value={issuer} maxLength={200} required onChange={(e) => setIssuer(e.target.value)} />
        <TextField label={t("administration.doctors.licenceExpires")} type="date" value={expiresOn} required onChange={(e) => setExpiresOn(e.target.value)} />
        <CheckboxField label={t("administration.doctors.verifyOnSave")} checked={verifyOnSave} onChange={(e) => setVerifyOnSave(e.target.checked)} />
        {doctor.status === "active" ? <p className="muted">{t("administration.doctors.verifyOnSaveHint")}</p> : null}
        <ErrorAlert error={save.error} />
        <div className="button-row">
          <BusyButton type="submit" className="button" busy={save.isPending}>
            {t("app.save")}
          </BusyButton>
        </div>
      </Form>
      <div className="stack">
        <p data-testid="licence-state" aria-live="polite">
          {verifiedAt
            ? verifiedBy
              ? <UserSentence i18nKey="administration.doctors.verifiedOn" user={{ name: verifiedBy }} values={{ date: formatDateTime(verifiedAt, i18n.language) }} />
              : t("administration.doctors.verifiedOnNoName", { date: formatDateTime(verifiedAt, i18n.language) })
            : t("administration.doctors.notVerified")}
          {doctor.licence.expiresOn ? ` · ${t("administration.doctors.licenceExpires")}: ${formatDate(doctor.licence.expiresOn, i18n.language)}` : null}
        </p>
        <ErrorAlert error={verify.error} />
        {!verifiedAt && doctor.licence.number ? (
          <div className="button-row">
            <BusyButton type="button" className="button button--secondary" busy={verify.isPending} onClick={() => verify.mutate()}>
              {t("administration.doctors.verifyLicence")}
            </BusyButton>
          </div>
        ) : null}
      </div>
    </section>
  );
}
