import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Appearance, Stripe } from "@stripe/stripe-js";
import { formatMoney } from "../../shared/ui/format";
import type { PaymentView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { acceptsCard } from "./paymentRules";
import { confirmWithStripe, DEFAULT_SYNC, type SyncPolicy } from "./stripeFlow";
import { stripeFor, stripeLocale } from "./stripeLoader";
import { stripeReturnUrl } from "./stripeReturn";
import { BusyButton } from "../../shared/ui/BusyButton";

type Loading = { state: "loading" } | { state: "ready"; stripe: Stripe } | { state: "failed" };

/**
 * Stripe Elements for a payment of the Stripe gateway: the Payment Element (Stripe's own frame: card details go from there to
 * Stripe, never to our server), then confirm → (3-D Secure in Stripe's dialog) → our server syncs until the card is held.
 * Needs the payment's `publishableKey` and `clientSecret`. When Stripe.js cannot load (offline, blocked), says so in words
 * and offers another try. `onUpdate` gets every new server view of the payment.
 */
export function StripeCardForm({
  payment,
  publishableKey,
  clientSecret,
  onUpdate,
  sync = DEFAULT_SYNC,
}: {
  payment: PaymentView;
  publishableKey: string;
  clientSecret: string;
  onUpdate: (payment: PaymentView) => void;
  sync?: SyncPolicy;
}) {
  const { t, i18n } = useTranslation();
  const locale = stripeLocale(i18n.language);
  const [loading, setLoading] = useState<Loading>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  // Elements compares its options on every render; one appearance object per mount keeps them from looking changed.
  const appearance = useMemo(appAppearance, []);

  useEffect(() => {
    let current = true;
    setLoading({ state: "loading" });
    stripeFor(publishableKey, locale).then(
      (stripe) => current && setLoading(stripe ? { state: "ready", stripe } : { state: "failed" }),
      () => current && setLoading({ state: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [publishableKey, locale, attempt]);

  if (loading.state === "failed") {
    return (
      <div className="alert alert--error" role="alert" data-testid="stripe-load-failed">
        <p>{t("billing.stripe.loadFailed")}</p>
        <button type="button" className="button button--secondary button--small" onClick={() => setAttempt((n) => n + 1)}>
          {t("app.retry")}
        </button>
      </div>
    );
  }
  if (loading.state === "loading") {
    return (
      <p className="muted" role="status" data-testid="stripe-loading">
        {t("billing.stripe.loading")}
      </p>
    );
  }
  return (
    // Elements takes its stripe and options once: a new client secret or language needs a new Elements.
    <Elements key={`${clientSecret} ${locale}`} stripe={loading.stripe} options={{ clientSecret, locale, appearance }}>
      <StripeConfirmForm payment={payment} onUpdate={onUpdate} sync={sync} amount={formatMoney(payment.quote, i18n.language)} />
    </Elements>
  );
}

function StripeConfirmForm({ payment, onUpdate, sync, amount }: { payment: PaymentView; onUpdate: (payment: PaymentView) => void; sync: SyncPolicy; amount: string }) {
  const { t } = useTranslation();
  const stripe = useStripe();
  const elements = useElements();
  const ready = Boolean(stripe && elements);
  // A ref, not state: a second click in the same tick would still see state's old "not running" and confirm twice.
  const busy = useRef(false);
  const [running, setRunning] = useState(false);
  const [stripeError, setStripeError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!stripe || !elements || busy.current) return;
    busy.current = true;
    setRunning(true);
    setStripeError(null);
    setPending(false);
    setFailure(null);
    try {
      const outcome = await confirmWithStripe(stripe, elements, payment, stripeReturnUrl(window.location), sync);
      if ("error" in outcome) {
        setStripeError(outcome.error || t("billing.declines.unknown"));
      } else {
        onUpdate(outcome.payment);
        setPending(acceptsCard(outcome.payment.status));
      }
    } catch (error) {
      setFailure(error);
    } finally {
      busy.current = false;
      setRunning(false);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={(e) => void submit(e)} data-testid="stripe-form" aria-busy={running || undefined}>
      <PaymentElement options={{ layout: "tabs", readOnly: running }} />
      {stripeError ? (
        <div className="alert alert--error" role="alert" data-testid="stripe-error">
          <p>{stripeError}</p>
        </div>
      ) : null}
      {pending ? (
        <p className="alert alert--warning" role="status" data-testid="stripe-pending">
          {t("billing.stripe.pending")}
        </p>
      ) : null}
      <BillingProblem error={failure} />
      <div className="button-row">
        <BusyButton
          type="submit"
          className="button"
          busy={running} disabled={!ready} busyLabel={t("billing.paying")}
          aria-describedby={ready ? undefined : "stripe-loading-why"}
          data-testid="pay-button"
        >
          {t("billing.payButton", { amount })}
        </BusyButton>
      </div>
      <DisabledReason id="stripe-loading-why" reason={ready ? null : t("billing.stripe.loadingWhy")} testId="stripe-loading-why" />
      <p className="muted">{t("billing.stripe.secure")}</p>
    </form>
  );
}

/** Stripe's frame cannot read our CSS variables, so their current values are handed over (Stripe's defaults where one is unset). */
function appAppearance(): Appearance {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string) => css.getPropertyValue(name).trim() || undefined;
  const variables: NonNullable<Appearance["variables"]> = {};
  const primary = read("--color-primary");
  const text = read("--color-text");
  const font = read("--font-sans");
  if (primary) variables.colorPrimary = primary;
  if (text) variables.colorText = text;
  if (font) variables.fontFamily = font;
  return { theme: "stripe", variables };
}
