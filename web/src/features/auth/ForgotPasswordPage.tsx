import { useState } from "react";
import { Link, useLocation } from "react-router";
import { currentReturnTo, rememberReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi } from "./authApi";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { forgotSchema, type ForgotValues } from "./schemas";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["email"] as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.forgotPassword");
  // Where the visitor was going: kept through the reset e-mail to the sign-in after it.
  const returnTo = currentReturnTo(useLocation().search);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const form = useForm<ForgotValues>({ resolver: zodResolver(forgotSchema), defaultValues: { email: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await authApi.forgotPassword(values.email.trim());
      rememberReturnTo(returnTo);
      setSent(true);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });
  return (
    <section className="card">
      <h1>{t("auth.forgotTitle")}</h1>
      {sent ? (
        <SuccessMessage>{t("auth.forgotSent")}</SuccessMessage>
      ) : (
        <>
          <p className="muted">{t("auth.forgotIntro")}</p>
          <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
          <form onSubmit={onSubmit} noValidate className="form">
            <TextField label={t("auth.email")} type="email" autoComplete="email" error={form.formState.errors.email} {...form.register("email")} />
            <BusyButton type="submit" className="button button--block" busy={form.formState.isSubmitting}>
              {t("auth.sendLink")}
            </BusyButton>
          </form>
        </>
      )}
      <p className="form-links">
        <Link to={withReturnTo("/sign-in", returnTo)}>{t("auth.goToSignIn")}</Link>
      </p>
    </section>
  );
}
