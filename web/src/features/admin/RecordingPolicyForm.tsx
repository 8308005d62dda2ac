import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import {
  RECORDING_UNAVAILABLE,
  recordingKeys,
  recordingsApi,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  type RecordingPolicyRequest,
} from "../../shared/api/recordings";
import { CheckboxField, TextField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { BusyButton } from "../../shared/ui/BusyButton";
import { hasOtherFieldErrors } from "../../shared/ui/fieldErrors";

/** The fields that show the server's messages under their inputs. */
const SHOWN_FIELDS: readonly string[] = ["retentionDays", "allowed"];

interface Draft {
  allowed: boolean;
  retentionDays: string;
}

/** The retention in whole days, 1..3650; an i18n key when it is not. */
export function parseRetentionDays(value: string): { days?: number; error?: string } {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return { error: "administration.recordingPolicy.retentionWhole" };
  const days = Number(text);
  if (days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) return { error: "administration.recordingPolicy.retentionRange" };
  return { days };
}

/** The server's field errors for this form (400 ProblemDetails), by field, whatever the case of the name. */
function serverFieldError(error: unknown, field: keyof RecordingPolicyRequest): string | undefined {
  if (!isApiError(error)) return undefined;
  const entry = Object.entries(error.fieldErrors).find(([name]) => name.toLowerCase() === field.toLowerCase());
  return entry ? entry[1].join(" ") : undefined;
}

/**
 * Admin: may the clinic's doctors record calls (with the patient's consent), and how long recordings are kept. Where the
 * deployment cannot record (no SFU recordings directory: `recordingAvailable` false) the switch cannot be turned on and the
 * form says why; a policy that already allows recording can still be switched off.
 */
export function RecordingPolicyForm({ clinicId }: { clinicId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: recordingKeys.policy(clinicId), queryFn: () => recordingsApi.policy(clinicId), enabled: !!clinicId });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [retentionError, setRetentionError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (policy.data) setDraft({ allowed: policy.data.allowed, retentionDays: String(policy.data.retentionDays) });
  }, [policy.data]);
  const save = useMutation({
    mutationFn: (body: RecordingPolicyRequest) => recordingsApi.savePolicy(clinicId, body),
    onSuccess: (saved) => queryClient.setQueryData(recordingKeys.policy(clinicId), saved),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const parsed = parseRetentionDays(draft.retentionDays);
    setRetentionError(parsed.error);
    if (parsed.days === undefined) return;
    save.mutate({ allowed: draft.allowed, retentionDays: parsed.days });
  };
  const change = (patch: Partial<Draft>) => {
    save.reset();
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  const serverRetention = serverFieldError(save.error, "retentionDays");
  const serverAllowed = serverFieldError(save.error, "allowed");
  const fieldErrorsOnly =
    isApiError(save.error) && save.error.hasFieldErrors && (serverRetention || serverAllowed) && !hasOtherFieldErrors(save.error, SHOWN_FIELDS);
  const unavailable = policy.data ? !policy.data.recordingAvailable : false;
  const refusedUnavailable = isApiError(save.error) && save.error.code === RECORDING_UNAVAILABLE;
  const retention = retentionError ? { message: retentionError } : serverRetention ? { message: serverRetention, type: "server" as const } : undefined;

  return (
    <section className="card stack" aria-labelledby="recording-policy-title" data-testid="recording-policy">
      <h2 id="recording-policy-title">{t("administration.recordingPolicy.title")}</h2>
      <p className="field-hint">{t("administration.recordingPolicy.intro")}</p>
      {policy.isPending && clinicId ? <Loading /> : null}
      <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
      {draft && policy.data ? (
        <form className="form" noValidate onSubmit={onSubmit} data-testid="recording-policy-form">
          <CheckboxField
            label={t("administration.recordingPolicy.allowed")}
            checked={draft.allowed}
            onChange={(e) => change({ allowed: e.target.checked })}
            disabled={unavailable && !policy.data.allowed}
            aria-describedby={unavailable ? "recording-unavailable" : undefined}
            data-testid="recording-allowed"
          />
          {unavailable ? (
            <p id="recording-unavailable" className="alert alert--warning" role="note" data-testid="recording-unavailable">
              {t(policy.data.allowed ? "administration.recordingPolicy.unavailableAllowed" : "administration.recordingPolicy.unavailable")}
            </p>
          ) : null}
          {serverAllowed ? (
            <p className="field-error" role="alert">
              {serverAllowed}
            </p>
          ) : null}
          <TextField
            label={t("administration.recordingPolicy.retentionDays")}
            hint={t("administration.recordingPolicy.retentionHint", { min: RETENTION_DAYS_MIN, max: RETENTION_DAYS_MAX })}
            type="number"
            inputMode="numeric"
            min={RETENTION_DAYS_MIN}
            max={RETENTION_DAYS_MAX}
            step={1}
            value={draft.retentionDays}
            error={retention}
            onChange={(e) => {
              setRetentionError(undefined);
              change({ retentionDays: e.target.value });
            }}
            data-testid="recording-retention-days"
          />
          {save.isSuccess ? <SuccessMessage>{t("app.saved")}</SuccessMessage> : null}
          {refusedUnavailable ? (
            <div className="alert alert--error" role="alert" data-code={RECORDING_UNAVAILABLE}>
              <p>{t("administration.recordingPolicy.unavailableRefused")}</p>
            </div>
          ) : null}
          {save.error && !fieldErrorsOnly && !refusedUnavailable ? <ErrorAlert error={save.error} shownFields={SHOWN_FIELDS} /> : null}
          <div className="button-row">
            <BusyButton type="submit" className="button" busy={save.isPending} data-testid="recording-policy-save">
              {t("app.save")}
            </BusyButton>
          </div>
        </form>
      ) : null}
    </section>
  );
}
