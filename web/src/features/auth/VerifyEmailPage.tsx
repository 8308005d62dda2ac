import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { authApi } from "./authApi";
import { currentReturnTo, withReturnTo } from "../../shared/auth/returnTo";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";

type State = { kind: "working" } | { kind: "done" } | { kind: "failed"; error: unknown } | { kind: "missing" };

export function VerifyEmailPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.verifyEmail");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<State>(token ? { kind: "working" } : { kind: "missing" });
  const posted = useRef<string | null>(null);

  useEffect(() => {
    if (!token || posted.current === token) return; // post once, also under StrictMode
    posted.current = token;
    authApi
      .verifyEmail(token)
      .then(() => setState({ kind: "done" }))
      .catch((error: unknown) => setState({ kind: "failed", error }));
  }, [token]);

  return (
    <section className="card">
      <h1>{t("auth.verifyTitle")}</h1>
      {state.kind === "working" ? <Loading /> : null}
      {state.kind === "done" ? <SuccessMessage>{t("auth.verified")}</SuccessMessage> : null}
      {state.kind === "failed" ? <ErrorAlert error={state.error} /> : null}
      {state.kind === "missing" ? (
        <div className="alert alert--error" role="alert">
          {t("auth.missingToken")}
        </div>
      ) : null}
      {state.kind !== "working" ? (
        <p>
          <Link to={withReturnTo("/sign-in", currentReturnTo(`?${params.toString()}`))} className="button">
            {t("auth.goToSignIn")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
