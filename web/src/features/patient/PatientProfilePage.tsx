import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { patientApi, patientKeys } from "./patientApi";
import { SelectField, TextAreaField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { ListEditor } from "../../shared/ui/ListEditor";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { DependentsPanel } from "./DependentsPanel";
import {
  patientProfileSchema,
  PROFILE_FIELDS,
  profileToValues,
  valuesToUpdate,
  type PatientProfileValues,
} from "./profileSchema";
import { BusyButton } from "../../shared/ui/BusyButton";

export function PatientProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.patientProfile");
  const queryClient = useQueryClient();
  const profile = useQuery({ queryKey: patientKeys.myProfile, queryFn: patientApi.myPatientProfile });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<PatientProfileValues>({ resolver: zodResolver(patientProfileSchema) });
  const { errors } = form.formState;

  const loaded = profile.data;
  useEffect(() => {
    if (loaded) form.reset(profileToValues(loaded));
  }, [loaded, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(false);
    try {
      const updated = await patientApi.updateMyPatientProfile(valuesToUpdate(values));
      queryClient.setQueryData(["my-patient-profile"], updated);
      setSaved(true);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, PROFILE_FIELDS);
      setError(e);
    }
  });

  if (profile.isPending) return <Loading />;
  if (profile.error) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;

  return (
    <div className="stack">
      <h1>{t("patient.profileTitle")}</h1>
      <p className="muted">{profile.data.email}</p>
      <form onSubmit={onSubmit} noValidate className="form stack" onChange={() => setSaved(false)}>
        <fieldset className="card">
          <legend>{t("patient.personal")}</legend>
          <div className="form-grid">
            <TextField dir="auto" label={t("auth.givenName")} autoComplete="given-name" error={errors.givenName} {...form.register("givenName")} />
            <TextField dir="auto" label={t("auth.familyName")} autoComplete="family-name" error={errors.familyName} {...form.register("familyName")} />
            <TextField label={t("auth.dateOfBirth")} type="date" error={errors.dateOfBirth} {...form.register("dateOfBirth")} />
            <SelectField
              label={t("patient.sex")}
              error={errors.sex}
              options={(["female", "male", "other", "unknown"] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
              {...form.register("sex")}
            />
            <SelectField
              label={t("auth.preferredLanguage")}
              error={errors.preferredLanguage}
              options={[
                { value: "en", label: t("languageNames.en") },
                { value: "ru", label: t("languageNames.ru") },
              ]}
              {...form.register("preferredLanguage")}
            />
          </div>
        </fieldset>
        <fieldset className="card">
          <legend>{t("patient.contact")}</legend>
          <div className="form-grid">
            <TextField label={t("patient.phone")} type="tel" autoComplete="tel" error={errors.phone} {...form.register("phone")} />
          </div>
          <TextAreaField dir="auto" label={t("patient.address")} rows={2} autoComplete="street-address" error={errors.address} {...form.register("address")} />
        </fieldset>
        <fieldset className="card">
          <legend>{t("patient.medical")}</legend>
          <Controller
            control={form.control}
            name="allergies"
            render={({ field }) => (
              <ListEditor legend={t("patient.allergies")} addLabel={t("patient.addAllergy")} items={field.value ?? []} onChange={field.onChange} testId="allergies" />
            )}
          />
          <Controller
            control={form.control}
            name="chronicConditions"
            render={({ field }) => (
              <ListEditor
                legend={t("patient.chronicConditions")}
                addLabel={t("patient.addCondition")}
                items={field.value ?? []}
                onChange={field.onChange}
                testId="chronic-conditions"
              />
            )}
          />
        </fieldset>
        <fieldset className="card">
          <legend>{t("patient.insurance")}</legend>
          <div className="form-grid">
            <TextField dir="auto" label={t("patient.insuranceProvider")} error={errors.insurance?.provider} {...form.register("insurance.provider")} />
            <TextField label={t("patient.policyNumber")} error={errors.insurance?.policyNumber} {...form.register("insurance.policyNumber")} />
          </div>
        </fieldset>
        <ErrorAlert error={error} shownFields={PROFILE_FIELDS} />
        {saved ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
        <div>
          <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
            {t("patient.saveProfile")}
          </BusyButton>
        </div>
      </form>
      <DependentsPanel />
    </div>
  );
}
