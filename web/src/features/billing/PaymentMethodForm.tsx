import { useTranslation } from "react-i18next";
import type { PaymentView } from "./billingApi";
import { SandboxCardForm } from "./SandboxCardForm";
import { StripeCardForm } from "./StripeCardForm";

/**
 * The card form of the payment's gateway: the sandbox's own form, or Stripe Elements when the server handed over Stripe's
 * publishable key and the payment's client secret. Without them (Stripe not set up for the browser) or for a gateway the app
 * does not know it says so instead of showing a form that could not work.
 */
export function PaymentMethodForm({ payment, onUpdate }: { payment: PaymentView; onUpdate: (payment: PaymentView) => void }) {
  const { t } = useTranslation();
  if (payment.gateway === "sandbox") return <SandboxCardForm payment={payment} onUpdate={onUpdate} />;
  if (payment.gateway === "stripe" && payment.publishableKey && payment.clientSecret) {
    return <StripeCardForm payment={payment} publishableKey={payment.publishableKey} clientSecret={payment.clientSecret} onUpdate={onUpdate} />;
  }
  return (
    <div className="alert alert--warning" role="status" data-testid="gateway-unavailable">
      <p>{t(payment.gateway === "stripe" ? "billing.stripeUnavailable" : "billing.unknownGateway")}</p>
    </div>
  );
}
