import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi } from "./authApi";
import { currentReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { newPasswordSchema, newPasswordServerFields, newPasswordServerMessage, type NewPasswordValues } from "./schemas";
import { BusyButton } from "../../shared/ui/BusyButton";

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.resetPassword");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const form = useForm<NewPasswordValues>({
    resolver: zodResolver(newPasswordSchema),
    defaultValues: { password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await authApi.resetPassword(token, values.password);
      setDone(true);
    } catch (e) {
      const message = newPasswordServerMessage(e);
      if (message) form.setError("password", { type: "server", message });
      setError(e);
    }
  });

  return (
    <section className="card">
      <h1>{t("auth.resetTitle")}</h1>
      {!token ? (
        <div className="alert alert--error" role="alert">
          {t("auth.missingToken")}
        </div>
      ) : done ? (
        <SuccessMessage>{t("auth.resetDone")}</SuccessMessage>
      ) : (
        <>
          <ErrorAlert error={error} shownFields={newPasswordServerFields(error)} />
          <form onSubmit={onSubmit} noValidate className="form">
            <TextField
              label={t("auth.newPassword")}
              type="password"
              autoComplete="new-password"
              hint={t("validation.passwordLength")}
              error={form.formState.errors.password} {...form.register("password")} />
            <BusyButton type="submit" className="button button--block" busy={form.formState.isSubmitting}>
              {t("auth.resetPassword")}
            </BusyButton>
          </form>
        </>
      )}
      <p className="form-links">
        <Link to={withReturnTo("/sign-in", currentReturnTo(`?${params.toString()}`))}>{t("auth.goToSignIn")}</Link>
      </p>
    </section>
  );
}
