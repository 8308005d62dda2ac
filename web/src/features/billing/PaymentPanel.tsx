import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import type { Money } from "../../shared/api/types";
import { formatMoney } from "../../shared/ui/format";
import { billingApi, receiptUrl, type PaymentView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { PaymentMethodForm } from "./PaymentMethodForm";
import { acceptsCard, hasReceipt, settlementKey } from "./paymentRules";
import { usePayment } from "./usePayment";
import { useStripeReturn } from "./useStripeReturn";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * The payer's view of an appointment's payment (the patient or their guardian): status, the amounts held, charged, refunded and
 * due, what the money was taken for (or why nothing was), each refund and why, the card, the receipt once charged, and paying
 * while a card is accepted. `payable`: the visit is still ahead (booked or confirmed), so a visit whose payment does not exist
 * yet can be paid too. `startOpen` (just booked):
 * the card form opens at once instead of behind the Pay button. Coming back from a Stripe redirect (3-D Secure on the bank's page),
 * the payment is synced and the client secret taken out of the address (useStripeReturn).
 */
export function PaymentPanel({ appointmentId, payable, startOpen = false }: { appointmentId: string; payable: boolean; startOpen?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const start = useMutation({
    mutationFn: () => billingApi.startPayment(appointmentId),
    onSuccess: (view) => {
      put(view);
      setOpen(true);
    },
  });
  // Just booked: the booking's event creates the payment a second or two later, so reading it first answered 404
  // billing.payment_not_found (a console error in the browser) before the panel started paying anyway. Starting at once creates the
  // payment if the event has not yet (one row either way, docs/billing.md) and answers it, so it is read only once that start is over.
  const startFirst = startOpen && payable;
  const { query, payment, missing, error, put, awaitingSettlement } = usePayment(appointmentId, {
    settling: !payable,
    enabled: !startFirst || start.isSuccess || start.isError,
  });
  const stripeReturn = useStripeReturn(payment, put);

  // A card is taken for a visit still ahead, and afterwards only for what is due (a fee, an unpaid visit).
  const canPay = payment ? acceptsCard(payment.status) && (payable || payment.status === "unpaid") : missing && payable;
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!startOpen || !(startFirst || canPay) || autoStarted.current) return;
    autoStarted.current = true;
    start.mutate();
  }, [startOpen, startFirst, canPay, start]);

  if (query.isPending) return null;
  if (missing && !payable) return null;

  return (
    <section className="card stack" aria-labelledby="payment-title" data-testid="payment-panel">
      <h2 id="payment-title">{t("billing.panel.title")}</h2>
      <BillingProblem error={error} onRetry={() => void query.refetch()} retryLabel={t("app.retry")} />
      {stripeReturn.state === "syncing" ? (
        <p className="muted" role="status" data-testid="stripe-return-checking">
          {t("billing.stripe.returnChecking")}
        </p>
      ) : null}
      {stripeReturn.state === "notAuthorised" ? (
        <p className="alert alert--error" role="alert" data-testid="stripe-return-failed">
          {t("billing.stripe.returnNotAuthorised")}
        </p>
      ) : null}
      {stripeReturn.state === "failed" ? <BillingProblem error={stripeReturn.error} /> : null}
      {payment ? <PaymentFacts payment={payment} /> : null}
      {awaitingSettlement ? (
        <p className="muted" role="status" data-testid="payment-settling">
          {t("billing.panel.settling")}
        </p>
      ) : null}
      {canPay ? (
        <>
          <p data-testid="hold-explainer">{t("billing.holdExplainer")}</p>
          {open && payment ? (
            <PaymentMethodForm payment={payment} onUpdate={put} />
          ) : (
            <div className="button-row">
              <BusyButton type="button" className="button" data-testid="pay-button" busy={start.isPending} busyLabel={t("billing.paying")} onClick={() => start.mutate()}>
                {t("billing.payNow")}
              </BusyButton>
            </div>
          )}
          <BillingProblem error={start.error} />
        </>
      ) : null}
    </section>
  );
}

/** Status, amounts, settlement, card and receipt of a payment, as the payer reads them. */
export function PaymentFacts({ payment }: { payment: PaymentView }) {
  const { t, i18n } = useTranslation();
  const money = (m: Money) => formatMoney(m, i18n.language);
  // The gateway names the card's network by code ("visa", "mastercard"); people read it as written on the card.
  const brand = payment.cardBrand ? t(`billing.cardBrands.${payment.cardBrand}`, { defaultValue: payment.cardBrand }) : "";
  const some = (m: Money) => Number(m.amountMinor) > 0;
  return (
    <>
      {payment.status === "authorised" ? (
        <p className="alert alert--success" role="status" data-testid="payment-authorised">
          {payment.cardLast4
            ? t("billing.authorisedOn", { amount: money(payment.authorised), brand, last4: payment.cardLast4 })
            : t("billing.authorisedPlain", { amount: money(payment.authorised) })}
        </p>
      ) : null}
      <dl className="details">
        <div>
          <dt>{t("billing.panel.status")}</dt>
          <dd data-testid="payment-status" data-status={payment.status}>
            {t(`billing.status.${payment.status}`, { defaultValue: payment.status })}
          </dd>
        </div>
        <div>
          <dt>{t("billing.panel.quote")}</dt>
          <dd data-testid="payment-amount-quote">{money(payment.quote)}</dd>
        </div>
        {payment.status === "authorised" ? (
          <div>
            <dt>{t("billing.panel.held")}</dt>
            <dd data-testid="payment-amount-held">{money(payment.authorised)}</dd>
          </div>
        ) : null}
        {some(payment.captured) || hasReceipt(payment.status) ? (
          <div>
            <dt>{t("billing.panel.captured")}</dt>
            <dd data-testid="payment-amount-captured">{money(payment.captured)}</dd>
          </div>
        ) : null}
        {some(payment.refunded) ? (
          <div>
            <dt>{t("billing.panel.refunded")}</dt>
            <dd data-testid="payment-amount-refunded">{money(payment.refunded)}</dd>
          </div>
        ) : null}
        {some(payment.amountDue) ? (
          <div>
            <dt>{t("billing.panel.due")}</dt>
            <dd data-testid="payment-amount-due">{money(payment.amountDue)}</dd>
          </div>
        ) : null}
        {payment.cardLast4 && payment.status !== "authorised" ? (
          <div>
            <dt>{t("billing.panel.card")}</dt>
            <dd>
              {brand} •••• {payment.cardLast4}
            </dd>
          </div>
        ) : null}
      </dl>
      {payment.billedMinutes != null && hasReceipt(payment.status) ? (
        <p className="muted">{t("billing.panel.billedMinutes", { count: Number(payment.billedMinutes) })}</p>
      ) : null}
      {payment.settlement ? (
        <p data-testid="payment-settlement">{t(settlementKey(payment), { defaultValue: payment.settlement })}</p>
      ) : null}
      {/* What was charged stays above; each refund says apart how much went back and why (an administrator's or the clinic's automatic one). */}
      {payment.refunds.length ? (
        <div data-testid="payment-refunds">
          {payment.refunds.map((refund, i) => (
            <p key={`${refund.at}-${i}`} data-testid="payment-refund">
              {t(`billing.refunds.${refund.reason}`, {
                amount: money(refund.amount),
                defaultValue: t("billing.refunds.other", { amount: money(refund.amount) }),
              })}
            </p>
          ))}
        </div>
      ) : null}
      {hasReceipt(payment.status) ? (
        <p>
          <a href={receiptUrl(payment.id, i18n.language)} download data-testid="receipt-link">
            {t("billing.panel.receipt")}
          </a>
        </p>
      ) : null}
    </>
  );
}
