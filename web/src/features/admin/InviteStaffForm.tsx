import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { adminApi, adminKeys } from "./adminApi";
import { emailSchema } from "../auth/schemas";
import { SelectField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, SuccessMessage } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["email", "displayName", "role"] as const;

export const STAFF_ROLES = ["Doctor", "FrontDesk", "Pharmacist", "Admin"] as const;

export const inviteSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1, "validation.required").max(200),
  role: z.enum(STAFF_ROLES),
});
type Values = z.infer<typeof inviteSchema>;

export function InviteStaffForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [invited, setInvited] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", displayName: "", role: "Doctor" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setInvited(null);
    try {
      await adminApi.invite({ ...values, email: values.email.trim(), displayName: values.displayName.trim() });
      setInvited(values.email.trim());
      form.reset({ email: "", displayName: "", role: values.role });
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("admin.inviteTitle")}</h2>
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="invite-title">
        <div className="form-grid form-grid--3">
          <TextField label={t("admin.email")} type="email" error={errors.email} {...form.register("email")} />
          <TextField dir="auto" label={t("admin.displayName")} error={errors.displayName} {...form.register("displayName")} />
          <SelectField
            label={t("admin.role")}
            error={errors.role}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.register("role")}
          />
        </div>
        <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
        {invited ? <SuccessMessage><UserSentence i18nKey="admin.invited" user={{ email: invited }} /></SuccessMessage> : null}
        <div>
          <BusyButton type="submit" className="button" busy={form.formState.isSubmitting}>
            {t("admin.invite")}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
