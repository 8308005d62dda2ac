import { useTranslation } from "react-i18next";
import { formatMoney } from "../../shared/ui/format";
import { usePayment } from "./usePayment";

/**
 * Beside the patient's "Cancel appointment": what a late cancellation costs this visit (the clinic's fee under the rules stored
 * with its payment, docs/billing.md), taken from the amount held on the card or then owed. Nothing while there is no payment, the
 * clinic charges no fee, or the payment is already settled. The walk of the fee found the patient warned only that a late
 * cancellation "is recorded", then charged half the price without having been told.
 */
export function LateCancellationFeeNotice({ appointmentId }: { appointmentId: string }) {
  const { t, i18n } = useTranslation();
  const { payment } = usePayment(appointmentId);
  if (!payment || Number(payment.lateCancellationFee.amountMinor) <= 0) return null;
  const key = payment.status === "authorised" ? "held" : payment.status === "awaitingPayment" || payment.status === "requiresAction" ? "unpaid" : null;
  if (!key) return null;
  return (
    <p data-testid="late-cancellation-fee">{t(`billing.lateFee.${key}`, { amount: formatMoney(payment.lateCancellationFee, i18n.language) })}</p>
  );
}
