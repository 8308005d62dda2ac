import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { authApi } from "./authApi";
import { TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { passwordSchema } from "./schemas";
import { MfaSection } from "./MfaSection";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["currentPassword", "newPassword"] as const;

const changePasswordSchema = z.object({ currentPassword: z.string().min(1, "validation.required"), newPassword: passwordSchema });
type ChangePasswordValues = z.infer<typeof changePasswordSchema>;

/** Every role: the signed-in user's own account (change password; other sessions end when it changes). */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle("account.page.title");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setDone(false);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      form.reset();
      setDone(true);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  return (
    <div className="stack">
      <h1>{t("account.page.title")}</h1>
      <section className="card" aria-labelledby="change-password-title">
        <h2 id="change-password-title">{t("account.password.title")}</h2>
        <p className="muted">{t("account.password.intro")}</p>
        {done ? <SuccessMessage>{t("account.password.changed")}</SuccessMessage> : null}
        <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
        <form onSubmit={onSubmit} noValidate className="form">
          <TextField
            label={t("account.password.current")}
            type="password"
            autoComplete="current-password"
            error={form.formState.errors.currentPassword}
            {...form.register("currentPassword")}
          />
          <TextField
            label={t("account.password.new")}
            type="password"
            autoComplete="new-password"
            error={form.formState.errors.newPassword}
            {...form.register("newPassword")}
          />
          <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
            {t("account.password.submit")}
          </BusyButton>
        </form>
      </section>
      <MfaSection />
      <section className="card" aria-labelledby="notification-settings-title">
        <h2 id="notification-settings-title">{t("notifications.settings")}</h2>
        <p>
          <Link to="/account/notifications">{t("notifications.preferences.intro")}</Link>
        </p>
      </section>
    </div>
  );
}
