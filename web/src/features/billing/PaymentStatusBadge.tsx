import { useTranslation } from "react-i18next";
import { usePayment } from "./usePayment";

/**
 * A payment's status only, for the front desk (who may not see the card or amounts beyond the status): a small badge, or
 * nothing when there is no status (no payment, or it cannot be read). Pages listing many appointments read their statuses
 * at once (usePaymentStatuses) and pass each row's here.
 */
export function PaymentStatusBadge({ status }: { status: string | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const label = t(`billing.status.${status}`, { defaultValue: status });
  return (
    <span className={`badge badge--payment badge--payment-${status}`} data-testid="payment-status" data-status={status}>
      {t("billing.statusBadge", { status: label })}
    </span>
  );
}

/** One appointment's payment status, read on its own (the appointment's page). */
export function AppointmentPaymentStatusBadge({ appointmentId }: { appointmentId: string }) {
  const { payment } = usePayment(appointmentId);
  return <PaymentStatusBadge status={payment?.status} />;
}
