import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { SelectField } from "../../shared/ui/fields";
import { EmptyState, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDateTime, formatMoney } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { billingApi, billingKeys, receiptUrl, type PaymentStatus, type PaymentView } from "./billingApi";
import { settlementKey } from "./paymentRules";
import { hasReceipt } from "./paymentRules";
import { BillingProblem } from "./BillingProblem";
import { ReconciliationCard } from "./ReconciliationCard";
import { RefundDialog } from "./RefundDialog";
import { canRefund } from "./refundRules";
import { isolate } from "../../shared/ui/UserText";

const STATUSES: PaymentStatus[] = ["awaitingPayment", "requiresAction", "authorised", "captured", "partiallyRefunded", "refunded", "released", "unpaid"];

/** Admin: every payment (newest made first: the Created column is the order) filtered by clinic and status, refunds of charged ones, and the reconciliation of a period. */
export function AdminPaymentsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("billing.admin.title");
  const queryClient = useQueryClient();
  const [clinicId, setClinicId] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const [refunding, setRefunding] = useState<PaymentView | null>(null);
  const [refunded, setRefunded] = useState<string | null>(null);
  const clinics = useQuery({ queryKey: ["clinics"], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  const filter = { clinicId: clinicId || undefined, status: status || undefined, page };
  const payments = useQuery({ queryKey: billingKeys.adminPayments(filter), queryFn: () => billingApi.adminPayments(filter) });
  const money = (m: PaymentView["quote"]) => formatMoney(m, i18n.language);

  return (
    <div className="stack">
      <h1>{t("billing.admin.title")}</h1>
      <div className="card filters">
        <SelectField
          label={t("billing.admin.clinic")}
          value={clinicId}
          onChange={(e) => {
            setClinicId(e.target.value);
            setPage(1);
          }}
          options={[{ value: "", label: t("billing.admin.allClinics") }, ...(clinics.data ?? []).map((c) => ({ value: c.id, label: isolate(c.name) }))]}
        />
        <SelectField
          label={t("billing.admin.status")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          options={[{ value: "", label: t("billing.admin.allStatuses") }, ...STATUSES.map((s) => ({ value: s, label: t(`billing.status.${s}`) }))]}
        />
      </div>
      {refunded ? <SuccessMessage>{refunded}</SuccessMessage> : null}
      {payments.isPending ? <Loading /> : null}
      <BillingProblem error={payments.error} onRetry={() => void payments.refetch()} retryLabel={t("app.retry")} />
      {payments.data?.items.length === 0 ? <EmptyState>{t("billing.admin.empty")}</EmptyState> : null}
      {payments.data && payments.data.items.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t("billing.admin.title")} tabIndex={0}>
          <table className="table" data-testid="admin-payments">
            <thead>
              <tr>
                <th scope="col">{t("billing.admin.created")}</th>
                <th scope="col">{t("billing.admin.status")}</th>
                <th scope="col">{t("billing.admin.amounts")}</th>
                <th scope="col">{t("billing.admin.settlement")}</th>
                <th scope="col">{t("billing.admin.appointment")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("billing.admin.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.data.items.map((p) => (
                <tr key={p.id} data-payment-id={p.id}>
                  <td data-testid="payment-created">{formatDateTime(p.createdAt, i18n.language)}</td>
                  <td data-testid="payment-status">{t(`billing.status.${p.status}`, { defaultValue: p.status })}</td>
                  <td>
                    {money(p.quote)} / {money(p.captured)} / {money(p.refunded)} / {money(p.amountDue)}
                  </td>
                  <td>{p.settlement ? t(settlementKey(p, "clinic"), { defaultValue: p.settlement }) : ""}</td>
                  <td>
                    <code>{p.appointmentId.slice(0, 8)}</code>
                  </td>
                  <td>
                    {hasReceipt(p.status) ? (
                      <a href={receiptUrl(p.id, i18n.language)} download className="button button--secondary button--small">
                        {t("billing.panel.receipt")}
                      </a>
                    ) : null}{" "}
                    {canRefund(p) ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={`${t("billing.admin.refund")}: ${formatDateTime(p.createdAt, i18n.language)}, ${money(p.captured)}`}
                        onClick={() => {
                          setRefunded(null);
                          setRefunding(p);
                        }}
                      >
                        {t("billing.admin.refund")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {payments.data ? <Pager page={Number(payments.data.page)} pageSize={Number(payments.data.pageSize)} total={Number(payments.data.total)} onPage={setPage} /> : null}
      {refunding ? (
        <RefundDialog
          // The payment as the list shows it now (reloaded after a refusal), else as it was when the dialog opened.
          payment={payments.data?.items.find((p) => p.id === refunding.id) ?? refunding}
          onCancel={() => setRefunding(null)}
          onStale={() => {
            void queryClient.invalidateQueries({ queryKey: ["billing", "admin-payments"] });
            void queryClient.invalidateQueries({ queryKey: ["billing", "reconciliation"] });
          }}
          onDone={(after, refundedMinor) => {
            // What this refund gave back, not the difference since the dialog opened (another refund may have been made meanwhile).
            const amount = { amountMinor: refundedMinor, currency: after.refunded.currency };
            setRefunding(null);
            setRefunded(t("billing.admin.refunded", { amount: money(amount) }));
            void queryClient.invalidateQueries({ queryKey: ["billing", "admin-payments"] });
            void queryClient.invalidateQueries({ queryKey: ["billing", "reconciliation"] });
          }}
        />
      ) : null}
      <ReconciliationCard clinicId={clinicId || undefined} />
    </div>
  );
}
