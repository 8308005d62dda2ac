import { useEffect, useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { APPOINTMENT_KINDS, schedulingApi, type AppointmentKind } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { SuccessMessage } from "../../shared/ui/feedback";
import { isIsoDate } from "../../shared/time/zonedTime";
import { useSpecialties } from "../patient/useSpecialties";
import { ProblemAlert, useKindLabel } from "./common";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

/**
 * "Join the waitlist" for a doctor or a specialty, a kind and a date range. Starts from the search's
 * filters; the patient can adjust them here.
 */
export function WaitlistPanel({
  doctorId,
  doctorName,
  specialty,
  kind,
  from,
  to,
  prominent,
}: {
  doctorId?: string;
  doctorName?: string;
  specialty?: string;
  kind?: AppointmentKind | "";
  from: string;
  to: string;
  prominent?: boolean;
}) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const specialties = useSpecialties();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [values, setValues] = useState({ specialty: specialty ?? "", kind: kind || "video", from, to });
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setValues({ specialty: specialty ?? "", kind: kind || "video", from, to });
  }, [specialty, kind, from, to]);

  // One key per wish until it is joined: sent again after an error or a lost answer, the patient waits once.
  const joinKey = useRequestKey();
  const join = useMutation({
    mutationFn: () => {
      const wish = {
        ...(doctorId ? { doctorId } : { specialty: values.specialty }),
        kind: values.kind as AppointmentKind,
        from: values.from,
        to: values.to,
      };
      return schedulingApi.joinWaitlist(wish, joinKey.keyFor(JSON.stringify(wish)));
    },
    onSuccess: () => {
      joinKey.done();
      return queryClient.invalidateQueries({ queryKey: ["my-waitlist"] });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!doctorId && !values.specialty) return setProblem("scheduling.waitlistNeedsSpecialty");
    if (!isIsoDate(values.from) || !isIsoDate(values.to)) return setProblem("validation.date");
    if (values.to < values.from) return setProblem("scheduling.rangeOrder");
    setProblem(null);
    join.mutate();
  };

  return (
    <section className={`card stack waitlist-panel${prominent ? " waitlist-panel--prominent" : ""}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{t("scheduling.waitlistTitle")}</h2>
      <p className="muted">
        {doctorName ? <UserSentence i18nKey="scheduling.waitlistIntroDoctor" user={{ doctor: doctorName }} /> : t("scheduling.waitlistIntro")}
      </p>
      {join.isSuccess ? (
        <SuccessMessage>
          {t("scheduling.waitlistJoined")} <Link to="/patient/appointments">{t("scheduling.seeMyWaitlist")}</Link>
        </SuccessMessage>
      ) : (
        <form className="filters" onSubmit={onSubmit} noValidate>
          {!doctorId ? (
            <SelectField
              label={t("patient.specialty")}
              value={values.specialty}
              onChange={(e) => setValues({ ...values, specialty: e.target.value })}
              options={[
                { value: "", label: t("scheduling.chooseSpecialty") },
                ...(specialties.data ?? []).map((s) => ({ value: s.code, label: s.name })),
              ]}
            />
          ) : null}
          <SelectField
            label={t("scheduling.kind")}
            value={values.kind}
            onChange={(e) => setValues({ ...values, kind: e.target.value as AppointmentKind })}
            options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          />
          <TextField label={t("scheduling.from")} type="date" value={values.from} onChange={(e) => setValues({ ...values, from: e.target.value })} />
          <TextField label={t("scheduling.to")} type="date" value={values.to} onChange={(e) => setValues({ ...values, to: e.target.value })} />
          <div className="filters__actions">
            <BusyButton type="submit" className={prominent ? "button" : "button button--secondary"} busy={join.isPending}>
              {t("scheduling.joinWaitlist")}
            </BusyButton>
          </div>
        </form>
      )}
      {problem ? (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      <ProblemAlert error={join.error} />
    </section>
  );
}
