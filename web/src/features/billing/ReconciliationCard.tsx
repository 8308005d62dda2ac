import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { TextField } from "../../shared/ui/fields";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatMoney } from "../../shared/ui/format";
import { billingApi, billingKeys } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { Form } from "../../shared/ui/Form";

/** yyyy-MM-dd of a UTC instant. */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The period a picker's two dates mean: whole UTC days, `to` included (the API's `to` is exclusive, so the next midnight is sent).
 * Exported for the test.
 */
export function periodOf(fromDay: string, toDay: string): { from: string; to: string } {
  const end = new Date(`${toDay}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: `${fromDay}T00:00:00Z`, to: end.toISOString().replace(".000Z", "Z") };
}

/** The admin's reconciliation of a period (default: the last seven days, UTC), per currency, of one clinic or all. */
export function ReconciliationCard({ clinicId, now = () => new Date() }: { clinicId?: string; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const [initial] = useState(() => {
    const today = now();
    const weekAgo = new Date(today);
    weekAgo.setUTCDate(weekAgo.getUTCDate() - 6);
    return { from: utcDay(weekAgo), to: utcDay(today) };
  });
  const [draft, setDraft] = useState(initial);
  const [period, setPeriod] = useState(() => periodOf(initial.from, initial.to));
  const lines = useQuery({
    queryKey: billingKeys.reconciliation(clinicId, period.from, period.to),
    queryFn: () => billingApi.reconciliation(clinicId || undefined, period.from, period.to),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to) setPeriod(periodOf(draft.from, draft.to));
  };
  const money = (amountMinor: number, currency: string) => formatMoney({ amountMinor: Number(amountMinor), currency }, i18n.language);

  return (
    <section className="card stack" aria-labelledby="reconciliation-title" data-testid="reconciliation">
      <h2 id="reconciliation-title">{t("billing.admin.reconciliation.title")}</h2>
      <Form className="filters" onSubmit={submit}>
        <TextField type="date" label={t("billing.admin.reconciliation.from")} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField type="date" label={t("billing.admin.reconciliation.to")} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <button type="submit" className="button button--secondary">
          {t("billing.admin.reconciliation.show")}
        </button>
      </Form>
      {lines.isPending ? <Loading /> : null}
      <BillingProblem error={lines.error} />
      {lines.data?.length === 0 ? <EmptyState>{t("billing.admin.reconciliation.empty")}</EmptyState> : null}
      {lines.data && lines.data.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="reconciliation-title" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("billing.admin.reconciliation.currency")}</th>
                <th scope="col">{t("billing.admin.reconciliation.captured")}</th>
                <th scope="col">{t("billing.admin.reconciliation.refunded")}</th>
                <th scope="col">{t("billing.admin.reconciliation.released")}</th>
                <th scope="col">{t("billing.admin.reconciliation.held")}</th>
                <th scope="col">{t("billing.admin.reconciliation.due")}</th>
                <th scope="col">{t("billing.admin.reconciliation.payments")}</th>
              </tr>
            </thead>
            <tbody>
              {lines.data.map((l) => (
                <tr key={l.currency} data-currency={l.currency}>
                  <th scope="row">{l.currency}</th>
                  <td>{money(l.capturedMinor, l.currency)}</td>
                  <td>{money(l.refundedMinor, l.currency)}</td>
                  <td>{money(l.releasedMinor, l.currency)}</td>
                  <td>{money(l.heldMinor, l.currency)}</td>
                  <td>{money(l.dueMinor, l.currency)}</td>
                  <td>{l.payments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
