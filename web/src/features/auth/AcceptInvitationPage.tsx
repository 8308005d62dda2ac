import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { authApi, authKeys } from "./authApi";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { newPasswordSchema, newPasswordServerFields, newPasswordServerMessage, type NewPasswordValues } from "./schemas";
import { BusyButton } from "../../shared/ui/BusyButton";

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.acceptInvitation");
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const invitation = useQuery({
    queryKey: authKeys.invitation(token),
    queryFn: () => authApi.inspectInvitation(token),
    enabled: token.length > 0,
    retry: false,
    staleTime: Infinity,
  });
  const [error, setError] = useState<unknown>(null);
  const form = useForm<NewPasswordValues>({ resolver: zodResolver(newPasswordSchema), defaultValues: { password: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await authApi.acceptInvitation(token, values.password);
      await navigate("/mfa/enrol");
    } catch (e) {
      const message = newPasswordServerMessage(e);
      if (message) form.setError("password", { type: "server", message });
      setError(e);
    }
  });

  return (
    <section className="card">
      <h1>{t("auth.invitationTitle")}</h1>
      {!token ? (
        <div className="alert alert--error" role="alert">
          {t("auth.missingToken")}
        </div>
      ) : invitation.isPending ? (
        <Loading />
      ) : invitation.error ? (
        <>
          <ErrorAlert error={invitation.error} />
          <Link to="/sign-in">{t("auth.goToSignIn")}</Link>
        </>
      ) : (
        <>
          <p>{t("auth.invitationIntro")}</p>
          <dl className="details" data-testid="invitation-details">
            <div>
              <dt>{t("admin.displayName")}</dt>
              <dd dir="auto">{invitation.data.displayName}</dd>
            </div>
            <div>
              <dt>{t("auth.email")}</dt>
              <dd data-testid="invitation-email">{invitation.data.email}</dd>
            </div>
            <div>
              <dt>{t("auth.role")}</dt>
              <dd data-testid="invitation-role">{t(`roles.${invitation.data.role}`, { defaultValue: invitation.data.role })}</dd>
            </div>
          </dl>
          <ErrorAlert error={error} shownFields={newPasswordServerFields(error)} />
          <form onSubmit={onSubmit} noValidate className="form">
            <TextField
              label={t("auth.password")}
              type="password"
              autoComplete="new-password"
              hint={t("validation.passwordLength")}
              error={form.formState.errors.password}
              {...form.register("password")}
            />
            <BusyButton type="submit" className="button button--block" busy={form.formState.isSubmitting}>
              {t("auth.acceptInvitation")}
            </BusyButton>
          </form>
        </>
      )}
    </section>
  );
}
