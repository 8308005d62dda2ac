import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFieldArray, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { doctorApi, doctorKeys } from "./doctorApi";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../shared/ui/fields";
import { FieldErrorText } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import {
  doctorProfileSchema,
  doctorProfileToValues,
  doctorValuesToUpdate,
  type DoctorProfileValues,
} from "./doctorProfileSchema";
import { BusyButton } from "../../shared/ui/BusyButton";
import { MySigningCertificate } from "../signing/MySigningCertificate";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["bio", "languages", "hourlyRate", "yearsOfExperience", "education"] as const;

const CURRENCIES = ["RUB", "EUR", "USD"];

export function DoctorOwnProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.doctorOwnProfile");
  const queryClient = useQueryClient();
  const specialties = useSpecialties();
  const profile = useQuery({ queryKey: doctorKeys.myProfile, queryFn: doctorApi.myDoctorProfile });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<DoctorProfileValues>({ resolver: zodResolver(doctorProfileSchema) });
  const education = useFieldArray({ control: form.control, name: "education" });
  const { errors } = form.formState;

  const loaded = profile.data;
  useEffect(() => {
    if (loaded) form.reset(doctorProfileToValues(loaded));
  }, [loaded, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(false);
    try {
      const updated = await doctorApi.updateMyDoctorProfile(doctorValuesToUpdate(values));
      if (updated) queryClient.setQueryData(["my-doctor-profile"], updated);
      setSaved(true);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  if (profile.isPending) return <Loading />;
  if (profile.error) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  // The profile's own currency is offered even when it is not one of ours; before the form holds the profile there is none.
  const currency = form.watch("currency");
  const currencies = !currency || CURRENCIES.includes(currency) ? CURRENCIES : [...CURRENCIES, currency];

  return (
    <div className="stack">
      <h1>{t("doctor.profileTitle")}</h1>
      <dl className="details">
        <div>
          <dt>{t("doctor.status")}</dt>
          <dd>
            <span className={`badge badge--${profile.data.status}`} data-testid="doctor-status">
              {t(`doctor.statuses.${profile.data.status}`, { defaultValue: profile.data.status })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("patient.specialties")}</dt>
          <dd>{profile.data.specialties.map(specialties.nameOf).join(", ") || t("app.none")}</dd>
        </div>
      </dl>
      <form onSubmit={onSubmit} noValidate className="form stack" onChange={() => setSaved(false)}>
        <section className="card form">
          <TextAreaField dir="auto" label={t("doctor.bio")} rows={5} error={errors.bio} {...form.register("bio")} />
          <fieldset>
            <legend>{t("doctor.languages")}</legend>
            <div className="checkbox-row">
              {(["en", "ru"] as const).map((code) => (
                <CheckboxField key={code} label={t(`languages.${code}`)} value={code} {...form.register("languages")} />
              ))}
            </div>
            <FieldErrorText id="languages-error" error={errors.languages} />
          </fieldset>
          <div className="form-grid">
            <TextField label={t("doctor.hourlyRate")} inputMode="decimal" error={errors.hourlyRate} {...form.register("hourlyRate")} />
            <SelectField
              label={t("doctor.currency")}
              options={currencies.map((c) => ({ value: c, label: c }))}
              error={errors.currency}
              {...form.register("currency")}
            />
            <TextField
              label={t("doctor.yearsOfExperience")}
              inputMode="numeric"
              error={errors.yearsOfExperience}
              {...form.register("yearsOfExperience")}
            />
          </div>
        </section>
        <fieldset className="card">
          <legend>{t("doctor.education")}</legend>
          {education.fields.map((field, index) => (
            <div key={field.id} className="education-row">
              <TextField dir="auto" label={t("doctor.institution")} error={errors.education?.[index]?.institution} {...form.register(`education.${index}.institution`)} />
              <TextField dir="auto" label={t("doctor.degree")} error={errors.education?.[index]?.degree} {...form.register(`education.${index}.degree`)} />
              <TextField label={t("doctor.year")} inputMode="numeric" error={errors.education?.[index]?.year} {...form.register(`education.${index}.year`)} />
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={t("doctor.removeEducation", { index: index + 1 })}
                onClick={() => education.remove(index)}
              >
                {t("app.remove")}
              </button>
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => education.append({ institution: "", degree: "", year: "" })}>
            {t("doctor.addEducation")}
          </button>
        </fieldset>
        <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
        {saved ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
        <div>
          <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
            {t("doctor.saveProfile")}
          </BusyButton>
        </div>
      </form>
      <MySigningCertificate />
    </div>
  );
}
