import { useState } from "react";
import { Link, useLocation } from "react-router";
import { currentReturnTo, rememberReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi } from "./authApi";
import { SelectField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { ResendVerification } from "./ResendVerification";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { registerSchema, type RegisterValues } from "./schemas";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const FIELDS = ["email", "password", "givenName", "familyName", "dateOfBirth", "preferredLanguage"] as const;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.register");
  // Where the visitor was going before "Create account": kept through the confirmation e-mail to the first sign-in.
  const returnTo = currentReturnTo(useLocation().search);
  const signInPath = withReturnTo("/sign-in", returnTo);
  const [error, setError] = useState<unknown>(null);
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: {
      email: "",
      password: "",
      givenName: "",
      familyName: "",
      dateOfBirth: "",
      preferredLanguage: i18n.language === "ru" ? "ru" : "en",
    },
  });
  const { register, handleSubmit, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      await authApi.register({ ...values, email: values.email.trim() });
      rememberReturnTo(returnTo);
      setRegisteredEmail(values.email.trim());
    } catch (e) {
      applyServerFieldErrors(e, form.setError, FIELDS);
      setError(e);
    }
  });

  if (registeredEmail) {
    return (
      <section className="card">
        <h1>{t("auth.registerTitle")}</h1>
        <SuccessMessage><UserSentence i18nKey="auth.registered" user={{ email: registeredEmail }} /></SuccessMessage>
        <ResendVerification email={registeredEmail} />
        <Link to={signInPath}>{t("auth.goToSignIn")}</Link>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="register-title">
      <h1 id="register-title">{t("auth.registerTitle")}</h1>
      <ErrorAlert error={error} shownFields={FIELDS} />
      <form onSubmit={onSubmit} noValidate className="form">
        <div className="form-grid">
          <TextField dir="auto" label={t("auth.givenName")} autoComplete="given-name" error={formState.errors.givenName} {...register("givenName")} />
          <TextField dir="auto" label={t("auth.familyName")} autoComplete="family-name" error={formState.errors.familyName} {...register("familyName")} />
        </div>
        <TextField label={t("auth.email")} type="email" autoComplete="email" error={formState.errors.email} {...register("email")} />
        <TextField
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("validation.passwordLength")}
          error={formState.errors.password}
          {...register("password")}
        />
        <div className="form-grid">
          <TextField label={t("auth.dateOfBirth")} type="date" autoComplete="bday" error={formState.errors.dateOfBirth} {...register("dateOfBirth")} />
          <SelectField
            label={t("auth.preferredLanguage")}
            options={[
              { value: "en", label: t("languageNames.en") },
              { value: "ru", label: t("languageNames.ru") },
            ]}
            error={formState.errors.preferredLanguage}
            {...register("preferredLanguage")}
          />
        </div>
        <BusyButton type="submit" className="button button--block" busy={formState.isSubmitting}>
          {t("auth.register")}
        </BusyButton>
      </form>
      <p className="form-links">
        <span>
          {t("auth.haveAccount")} <Link to={signInPath}>{t("auth.signIn")}</Link>
        </span>
      </p>
    </section>
  );
}
