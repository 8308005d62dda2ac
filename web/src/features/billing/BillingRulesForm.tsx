import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { TextField } from "../../shared/ui/fields";
import { Loading, SuccessMessage } from "../../shared/ui/feedback";
import { billingApi, billingKeys, type ClinicBillingRulesView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { fromDraft, toDraft, type RulesDraft } from "./rulesForm";
import { BusyButton } from "../../shared/ui/BusyButton";
import { hasOtherFieldErrors } from "../../shared/ui/fieldErrors";

const FIELDS: { name: keyof RulesDraft; inputMode: "numeric" | "decimal" }[] = [
  { name: "incrementMinutes", inputMode: "numeric" },
  { name: "minimumChargeMinor", inputMode: "decimal" },
  { name: "factorNone", inputMode: "decimal" },
  { name: "factorSecond", inputMode: "decimal" },
  { name: "factorFirst", inputMode: "decimal" },
  { name: "factorHighest", inputMode: "decimal" },
  { name: "lateCancellationFeePercent", inputMode: "numeric" },
];
const SHOWN_FIELDS: readonly string[] = FIELDS.map((f) => f.name);

const LABELS: Record<keyof RulesDraft, string> = {
  incrementMinutes: "billing.admin.rules.incrementMinutes",
  minimumChargeMinor: "billing.admin.rules.minimumCharge",
  factorNone: "billing.admin.rules.factorNone",
  factorSecond: "billing.admin.rules.factorSecond",
  factorFirst: "billing.admin.rules.factorFirst",
  factorHighest: "billing.admin.rules.factorHighest",
  lateCancellationFeePercent: "billing.admin.rules.lateCancellationFeePercent",
};

/** The admin's "Billing rules" card of a clinic (GET/PUT /admin/clinics/{id}/billing-rules); booked visits keep their price. */
export function BillingRulesCard({ clinicId }: { clinicId: string }) {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: billingKeys.rules(clinicId), queryFn: () => billingApi.rules(clinicId) });
  return (
    <section className="card stack" aria-labelledby="billing-rules-title" data-testid="billing-rules">
      <h2 id="billing-rules-title">{t("billing.admin.rules.title")}</h2>
      <p className="muted">{t("billing.admin.rules.hint")}</p>
      {rules.isPending ? <Loading /> : null}
      <BillingProblem error={rules.error} onRetry={() => void rules.refetch()} retryLabel={t("app.retry")} />
      {rules.data ? <RulesForm clinicId={clinicId} initial={rules.data} /> : null}
    </section>
  );
}

function RulesForm({ clinicId, initial }: { clinicId: string; initial: ClinicBillingRulesView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RulesDraft>(() => toDraft(initial));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (body: ClinicBillingRulesView) => billingApi.saveRules(clinicId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.rules(clinicId), saved);
      // Quotes are cached per doctor and clinic: the new rules price the next booking.
      void queryClient.invalidateQueries({ queryKey: ["billing", "quote"] });
    },
  });
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rules = fromDraft(draft);
    setInvalid(!rules);
    if (rules) save.mutate(rules);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t("billing.admin.rules.title")}>
      {FIELDS.map(({ name, inputMode }) => (
        <TextField
          key={name}
          label={t(LABELS[name])}
          value={draft[name]}
          inputMode={inputMode}
          required
          onChange={(e) => {
            save.reset();
            setDraft({ ...draft, [name]: e.target.value });
          }}
          error={fieldErrors[name] ? { message: fieldErrors[name].join(" "), type: "server" } : undefined}
          data-testid={`rules-${name}`}
        />
      ))}
      {invalid ? (
        <div className="alert alert--error" role="alert">
          <p>{t("billing.admin.rules.invalid")}</p>
        </div>
      ) : null}
      {save.error && (Object.keys(fieldErrors).length === 0 || hasOtherFieldErrors(save.error, SHOWN_FIELDS)) ? (
        <BillingProblem error={save.error} shownFields={SHOWN_FIELDS} />
      ) : null}
      {save.isSuccess ? <SuccessMessage>{t("billing.admin.rules.saved")}</SuccessMessage> : null}
      <div className="button-row">
        <BusyButton type="submit" className="button" busy={save.isPending}>
          {t("app.save")}
        </BusyButton>
      </div>
    </form>
  );
}
