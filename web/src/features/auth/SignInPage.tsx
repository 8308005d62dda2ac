import { useState } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi } from "./authApi";
import { isFullySignedIn, useSession } from "../../shared/auth/session";
import { homePathForRoles } from "../../shared/auth/portals";
import { currentReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { signInSchema, type SignInValues } from "./schemas";
import { useAfterSignIn } from "./afterSignIn";
import { DemoAccounts, rememberDemoAccount } from "./DemoAccounts";
import { ResendVerification } from "./ResendVerification";
import { ApiError } from "../../shared/api/errors";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["email", "password"] as const;

interface SignInState {
  sessionEnded?: boolean;
  signedOut?: boolean;
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.signIn");
  const location = useLocation();
  const state = (location.state ?? {}) as SignInState;
  const { data: session } = useSession();
  const afterSignIn = useAfterSignIn();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<SignInValues>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const { register, handleSubmit, formState, setValue } = form;

  if (session && isFullySignedIn(session) && !formState.isSubmitting) {
    // Signed in (also while the next page's code is still loading after a sign-in): go where the visitor was going.
    const returnTo = currentReturnTo(location.search);
    return <Navigate to={returnTo ?? homePathForRoles(session.user!.roles)} replace />;
  }

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const email = values.email.trim();
    // Development: the authenticator step shows the current code of a demo account signed in with.
    if (session?.environment === "Development" && session.demoCredentials?.some((a) => a.email === email)) rememberDemoAccount(email);
    try {
      const result = await authApi.signIn(email, values.password);
      await afterSignIn(result.status);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  return (
    <div className="stack">
      <section className="card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("auth.signInTitle")}</h1>
        {state.sessionEnded ? (
          <div className="alert alert--warning" role="alert" data-testid="session-ended">
            {t("session.ended")}
          </div>
        ) : null}
        {state.signedOut && !state.sessionEnded ? <SuccessMessage>{t("auth.signedOut")}</SuccessMessage> : null}
        <p className="muted">{t("auth.signInIntro")}</p>
        <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
        {error instanceof ApiError && error.code === "auth.email_not_verified" ? <ResendVerification email={form.getValues("email").trim()} /> : null}
        <form onSubmit={onSubmit} noValidate className="form">
          <TextField
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            error={formState.errors.email}
            {...register("email")}
          />
          <TextField
            label={t("auth.password")}
            type="password"
            autoComplete="current-password"
            error={formState.errors.password}
            {...register("password")}
          />
          <BusyButton type="submit" className="button button--block" busy={formState.isSubmitting} busyLabel={t("auth.signingIn")}>
            {t("auth.signIn")}
          </BusyButton>
        </form>
        <p className="form-links">
          <Link to={withReturnTo("/forgot-password", currentReturnTo(location.search))}>{t("auth.forgotPassword")}</Link>
          <span>
            {t("auth.noAccount")} <Link to={withReturnTo("/register", currentReturnTo(location.search))}>{t("auth.createAccount")}</Link>
          </span>
        </p>
      </section>
      {session?.environment === "Development" && session.demoCredentials?.length ? (
        <DemoAccounts
          accounts={session.demoCredentials}
          onUse={(account) => {
            setValue("email", account.email, { shouldDirty: true });
            setValue("password", account.password, { shouldDirty: true });
            form.clearErrors();
          }}
        />
      ) : null}
    </div>
  );
}
