import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { currentReturnTo, forgetReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi, authKeys } from "./authApi";
import { reloadSession } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { enrolSchema, type EnrolValues } from "./schemas";
import { ProveCurrentFactor } from "./ProveCurrentFactor";
import { isApiError } from "../../shared/api/errors";
import type { MfaEnrolment } from "../../shared/api/types";
import { BusyButton } from "../../shared/ui/BusyButton";

export function MfaEnrolPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.mfaEnrol");
  const navigate = useNavigate();
  // A first enrolment is a step of signing in: it ends where the visitor was going, like the MFA step does.
  const returnTo = currentReturnTo(useLocation().search);
  const queryClient = useQueryClient();
  const enrolment = useQuery({
    queryKey: authKeys.mfaEnrolment,
    queryFn: authApi.mfaEnrolment,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  const [error, setError] = useState<unknown>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [continuing, setContinuing] = useState(false);
  // An account that already has a second factor replaces it only after proving it (the server answers the new key then).
  const [replacement, setReplacement] = useState<MfaEnrolment | null>(null);
  const mustProveCurrent = isApiError(enrolment.error) && enrolment.error.code === "auth.mfa_current_code_required";
  const data = replacement ?? enrolment.data;
  const form = useForm<EnrolValues>({ resolver: zodResolver(enrolSchema), defaultValues: { code: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const result = await authApi.completeMfaEnrolment(values.code.replace(/\s+/g, ""));
      setRecoveryCodes(result.recoveryCodes);
    } catch (e) {
      setError(e);
    }
  });

  const onContinue = async () => {
    setContinuing(true);
    setError(null);
    try {
      const session = await reloadSession(queryClient);
      forgetReturnTo();
      await navigate(returnTo ?? homePathForRoles(session.user?.roles ?? []), { replace: true });
    } catch (e) {
      setError(e);
      setContinuing(false);
    }
  };

  if (recoveryCodes) {
    return (
      <section className="card">
        <h1>{t("auth.recoveryCodesTitle")}</h1>
        <p>{t("auth.recoveryCodesIntro")}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <ErrorAlert error={error} />
        <BusyButton type="button" className="button" onClick={() => void onContinue()} busy={continuing}>
          {t("auth.continue")}
        </BusyButton>
      </section>
    );
  }

  return (
    <section className="card">
      <h1>{t("auth.mfaEnrolTitle")}</h1>
      <p className="muted">{t("auth.mfaEnrolIntro")}</p>
      {enrolment.isPending ? <Loading /> : null}
      {mustProveCurrent && !replacement ? <ProveCurrentFactor onProved={setReplacement} /> : null}
      {enrolment.error && !mustProveCurrent ? (
        <>
          <ErrorAlert error={enrolment.error} />
          <Link to={withReturnTo("/sign-in", returnTo)}>{t("auth.goToSignIn")}</Link>
        </>
      ) : null}
      {data ? (
        <>
          <div className="mfa-setup">
            <img className="qr-code" src={data.qrCodeSvgDataUri} alt={t("auth.qrCode")} width={200} height={200} />
            <div>
              <p className="field-label">{t("auth.sharedKey")}</p>
              <p className="shared-key" data-testid="mfa-shared-key">
                {data.sharedKey}
              </p>
            </div>
          </div>
          <ErrorAlert error={error} />
          <form onSubmit={onSubmit} noValidate className="form">
            <TextField
              label={t("auth.enrolCode")}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              error={form.formState.errors.code}
              {...form.register("code")}
            />
            <BusyButton type="submit" className="button button--block" busy={form.formState.isSubmitting}>
              {t("auth.enable")}
            </BusyButton>
          </form>
        </>
      ) : null}
    </section>
  );
}
