import { useTranslation } from "react-i18next";
import { usePayment } from "./usePayment";

/**
 * The payment's status only, for the front desk (who may not see the card or amounts beyond the status): a small badge, or
 * nothing when the appointment has no payment or it cannot be read.
 */
export function PaymentStatusBadge({ appointmentId }: { appointmentId: string }) {
  const { t } = useTranslation();
  const { payment } = usePayment(appointmentId);
  if (!payment) return null;
  const status = t(`billing.status.${payment.status}`, { defaultValue: payment.status });
  return (
    <span className={`badge badge--payment badge--payment-${payment.status}`} data-testid="payment-status" data-status={payment.status}>
      {t("billing.statusBadge", { status })}
    </span>
  );
}
