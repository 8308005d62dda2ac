import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type ClinicPolicy } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ProblemAlert, useClinics } from "../scheduling/common";
import { RecordingPolicyForm } from "./RecordingPolicyForm";
import { Form } from "../../shared/ui/Form";
import { isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

interface Draft {
  cancellationCutoffHours: string;
  reminderOffsetsHours: string;
  waitlistHoldMinutes: string;
}

const toDraft = (p: ClinicPolicy): Draft => ({
  cancellationCutoffHours: String(p.cancellationCutoffHours),
  reminderOffsetsHours: p.reminderOffsetsHours.join(", "),
  waitlistHoldMinutes: String(p.waitlistHoldMinutes),
});

/** Parses the draft; returns field error keys when something is off. */
export function parsePolicy(draft: Draft): { policy?: ClinicPolicy; errors: Partial<Record<keyof Draft, string>> } {
  const errors: Partial<Record<keyof Draft, string>> = {};
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
  const cutoff = whole(draft.cancellationCutoffHours);
  const hold = whole(draft.waitlistHoldMinutes);
  const offsets = draft.reminderOffsetsHours
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(whole);
  if (Number.isNaN(cutoff)) errors.cancellationCutoffHours = "validation.nonNegative";
  if (Number.isNaN(hold) || hold < 1) errors.waitlistHoldMinutes = "scheduling.errors.positive";
  if (offsets.some((n) => Number.isNaN(n) || n < 1)) errors.reminderOffsetsHours = "scheduling.errors.offsets";
  if (Object.keys(errors).length) return { errors };
  const unique = [...new Set(offsets)].sort((a, b) => b - a);
  return { policy: { cancellationCutoffHours: cutoff, reminderOffsetsHours: unique, waitlistHoldMinutes: hold }, errors };
}

/** Admin: a clinic's scheduling policy (cancellation cutoff, reminder offsets, waitlist hold). */
export function ClinicPolicyPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.clinicPolicy");
  const queryClient = useQueryClient();
  const clinics = useClinics();
  const [params, setParams] = useSearchParams();
  const clinicId = params.get("clinic") || clinics.data?.[0]?.id || "";
  const policy = useQuery({
    queryKey: ["clinic-policy", clinicId],
    queryFn: () => schedulingApi.policy(clinicId),
    enabled: !!clinicId,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  useEffect(() => {
    if (policy.data) setDraft(toDraft(policy.data));
  }, [policy.data]);
  const save = useMutation({
    mutationFn: (p: ClinicPolicy) => schedulingApi.savePolicy(clinicId, p),
    onSuccess: (saved) => queryClient.setQueryData(["clinic-policy", clinicId], saved),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const parsed = parsePolicy(draft);
    setErrors(parsed.errors);
    if (parsed.policy) save.mutate(parsed.policy);
  };
  const field = (name: keyof Draft) => ({
    value: draft?.[name] ?? "",
    error: errors[name] ? { message: errors[name] } : undefined,
    onChange: (e: { target: { value: string } }) => {
      save.reset();
      setDraft((d) => (d ? { ...d, [name]: e.target.value } : d));
    },
  });

  return (
    <div className="stack">
      <h1>{t("scheduling.policyTitle")}</h1>
      <Form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("scheduling.clinic")}
          value={clinicId}
          onChange={(e) => setParams(new URLSearchParams({ clinic: e.target.value }))}
          options={(clinics.data ?? []).map((c) => ({ value: c.id, label: `${isolate(c.name)} (${isolate(c.city)})` }))}
        />
      </Form>
      <ProblemAlert error={clinics.error} />
      {policy.isPending && clinicId ? <Loading /> : null}
      <ProblemAlert error={policy.error} onRetry={() => void policy.refetch()} />
      {draft && policy.data ? (
        <form className="card form" onSubmit={onSubmit} noValidate data-testid="clinic-policy">
          <div className="form-grid">
            <TextField label={t("scheduling.cutoffHours")} inputMode="numeric" hint={t("scheduling.cutoffHint")} {...field("cancellationCutoffHours")} />
            <TextField label={t("scheduling.reminderOffsets")} hint={t("scheduling.reminderOffsetsHint")} {...field("reminderOffsetsHours")} />
            <TextField label={t("scheduling.holdMinutes")} inputMode="numeric" hint={t("scheduling.holdHint")} {...field("waitlistHoldMinutes")} />
          </div>
          {save.isSuccess ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
          <ProblemAlert error={save.error} />
          <div className="button-row">
            <BusyButton type="submit" className="button" busy={save.isPending}>
              {t("app.save")}
            </BusyButton>
          </div>
        </form>
      ) : null}
      {clinicId ? <RecordingPolicyForm key={clinicId} clinicId={clinicId} /> : null}
    </div>
  );
}
