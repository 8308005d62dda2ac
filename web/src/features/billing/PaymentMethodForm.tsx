import { useTranslation } from "react-i18next";
import type { PaymentView } from "./billingApi";
import { SandboxCardForm } from "./SandboxCardForm";

/**
 * The card form of the payment's gateway: the sandbox's own form; Stripe (a publishable key is set) would mount Stripe Elements
 * here, which the app does not have yet, so it says so instead of showing a form that could not work.
 */
export function PaymentMethodForm({ payment, onUpdate }: { payment: PaymentView; onUpdate: (payment: PaymentView) => void }) {
  const { t } = useTranslation();
  if (payment.gateway === "sandbox") return <SandboxCardForm payment={payment} onUpdate={onUpdate} />;
  return (
    <div className="alert alert--warning" role="status" data-testid="gateway-unavailable">
      <p>{t(payment.gateway === "stripe" ? "billing.stripeUnavailable" : "billing.unknownGateway")}</p>
    </div>
  );
}
