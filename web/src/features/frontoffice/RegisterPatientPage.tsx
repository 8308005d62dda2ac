import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { SelectField, TextField } from "../../shared/ui/fields";
import { ErrorAlert } from "../../shared/ui/feedback";
import { isApiError } from "../../shared/api/errors";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { frontOfficeApi } from "./frontOfficeApi";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["givenName", "familyName", "dateOfBirth", "sex", "email", "phone", "preferredLanguage"] as const;

const SEXES = ["female", "male", "other", "unknown"] as const;
const LANGUAGES = ["ru", "en"] as const;

/** Mirrors the server's rules (RegisterWalkInPatientRequestValidator, FrontOfficeRules); the server decides. */
export const walkInSchema = z.object({
  givenName: z.string().trim().min(1, "validation.required").max(100),
  familyName: z.string().trim().min(1, "validation.required").max(100),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
    .refine((value) => value <= new Date().toISOString().slice(0, 10), "validation.dateInPast"),
  sex: z.enum(SEXES),
  email: z.string().trim().min(1, "validation.required").email("validation.email"),
  phone: z
    .string()
    .trim()
    .max(32)
    .refine((value) => value === "" || /^\+?[0-9 ()-]{5,32}$/.test(value), "frontOffice.register.phoneInvalid"),
  preferredLanguage: z.enum(LANGUAGES),
});
type Values = z.infer<typeof walkInSchema>;

/** The front desk registers a patient who is at the desk or on the phone; the patient then chooses a password by e-mail. */
export function RegisterPatientPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("frontOffice.register.title");
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({
    resolver: zodResolver(walkInSchema),
    defaultValues: { givenName: "", familyName: "", dateOfBirth: "", sex: "unknown", email: "", phone: "", preferredLanguage: i18n.language === "en" ? "en" : "ru" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const created = await frontOfficeApi.registerWalkIn({ ...values, phone: values.phone || undefined });
      void navigate(`/front-desk/patients/${encodeURIComponent(created.patientId)}`, { state: { registered: true } });
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  const emailTaken = isApiError(error) && error.code === "front_office.email_registered";
  return (
    <div className="stack">
      <h1>{t("frontOffice.register.title")}</h1>
      <p className="muted">{t("frontOffice.register.intro")}</p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-label={t("frontOffice.register.title")}>
        <div className="form-grid">
          <TextField dir="auto" label={t("frontOffice.register.givenName")} autoComplete="off" error={errors.givenName} {...form.register("givenName")} />
          <TextField dir="auto" label={t("frontOffice.register.familyName")} autoComplete="off" error={errors.familyName} {...form.register("familyName")} />
          <TextField label={t("frontOffice.register.dateOfBirth")} type="date" error={errors.dateOfBirth} {...form.register("dateOfBirth")} />
          <SelectField
            label={t("frontOffice.register.sex")}
            error={errors.sex}
            options={SEXES.map((s) => ({ value: s, label: t(`frontOffice.register.sexes.${s}`) }))}
            {...form.register("sex")}
          />
          <TextField label={t("frontOffice.register.email")} type="email" autoComplete="off" error={errors.email} {...form.register("email")} />
          <TextField label={t("frontOffice.register.phone")} type="tel" autoComplete="off" error={errors.phone} {...form.register("phone")} />
          <SelectField
            label={t("frontOffice.register.language")}
            error={errors.preferredLanguage}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`frontOffice.register.languages.${l}`) }))}
            {...form.register("preferredLanguage")}
          />
        </div>
        {emailTaken ? (
          <div className="alert alert--error" role="alert">
            <p>{t("frontOffice.errors.front_office.email_registered")}</p>
            <Link to="/front-desk">{t("frontOffice.register.openExisting")}</Link>
          </div>
        ) : (
          <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
        )}
        <div>
          <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
            {t("frontOffice.register.submit")}
          </BusyButton>
        </div>
      </form>
    </div>
  );
}
