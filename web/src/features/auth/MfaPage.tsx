import { useState } from "react";
import { Link, useLocation } from "react-router";
import { currentReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi } from "./authApi";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { mfaSchema, type MfaValues } from "./schemas";
import { useAfterSignIn } from "./afterSignIn";
import { DemoMfaHint } from "./DemoMfaHint";
import { BusyButton } from "../../shared/ui/BusyButton";

export function MfaPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.mfa");
  const afterSignIn = useAfterSignIn();
  const { search } = useLocation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<MfaValues>({
    resolver: zodResolver(mfaSchema),
    defaultValues: { mode: "code", code: "", recoveryCode: "" },
  });
  const mode = form.watch("mode");

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const body =
        values.mode === "code"
          ? { code: (values.code ?? "").replace(/\s+/g, "") }
          : { recoveryCode: (values.recoveryCode ?? "").trim() };
      const result = await authApi.signInMfa(body);
      await afterSignIn(result.status);
    } catch (e) {
      setError(e);
    }
  });

  const switchMode = () => {
    form.clearErrors();
    setError(null);
    form.setValue("mode", mode === "code" ? "recovery" : "code");
  };

  return (
    <section className="card">
      <h1>{t("auth.mfaTitle")}</h1>
      <p className="muted">{t("auth.mfaIntro")}</p>
      <ErrorAlert error={error} />
      {mode === "code" ? <DemoMfaHint onFill={(code) => form.setValue("code", code, { shouldDirty: true })} /> : null}
      <form onSubmit={onSubmit} noValidate className="form">
        {mode === "code" ? (
          <TextField
            key="code"
            label={t("auth.mfaCode")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            autoFocus
            error={form.formState.errors.code}
            {...form.register("code")}
          />
        ) : (
          <TextField
            key="recovery"
            label={t("auth.recoveryCode")}
            autoComplete="off"
            autoFocus
            error={form.formState.errors.recoveryCode}
            {...form.register("recoveryCode")}
          />
        )}
        <BusyButton type="submit" className="button button--block" busy={form.formState.isSubmitting}>
          {t("auth.verify")}
        </BusyButton>
      </form>
      <p className="form-links">
        <button type="button" className="link-button" onClick={switchMode}>
          {mode === "code" ? t("auth.useRecoveryCode") : t("auth.useAuthenticatorCode")}
        </button>
        <Link to={withReturnTo("/sign-in", currentReturnTo(search))}>{t("auth.goToSignIn")}</Link>
      </p>
    </section>
  );
}
