import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { doctorApi } from "./doctorApi";
import { TextAreaField } from "../../shared/ui/fields";
import { ErrorAlert } from "../../shared/ui/feedback";
import { applyServerFieldErrors } from "../../shared/ui/serverErrors";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The fields that show the server's messages under their inputs (any other field message goes to the alert). */
const SERVER_FIELDS = ["reason"] as const;

export const breakGlassSchema = z.object({
  reason: z.string().trim().min(1, "validation.required").min(10, "validation.reasonLength").max(1000),
});
type Values = z.infer<typeof breakGlassSchema>;

export function BreakGlassForm({ patientId, onGranted }: { patientId: string; onGranted: (expiresAt: string) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values>({ resolver: zodResolver(breakGlassSchema), defaultValues: { reason: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const result = await doctorApi.breakGlass(patientId, values.reason.trim());
      onGranted(result.expiresAt);
    } catch (e) {
      applyServerFieldErrors(e, form.setError, SERVER_FIELDS);
      setError(e);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <ErrorAlert error={error} shownFields={SERVER_FIELDS} />
      <TextAreaField dir="auto" label={t("doctor.breakGlassReason")} rows={3} error={form.formState.errors.reason} {...form.register("reason")} />
      <div>
        <BusyButton type="submit" className="button button--danger" busy={form.formState.isSubmitting}>
          {t("doctor.requestAccess")}
        </BusyButton>
      </div>
    </form>
  );
}
