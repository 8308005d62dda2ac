import type { Stripe, StripeElementLocale } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

// The pure entry adds Stripe.js's <script> only when loadStripe is first called, so the sandbox (and every page without a
// Stripe payment) never talks to js.stripe.com, which its Content-Security-Policy would refuse anyway.
const loaded = new Map<string, Promise<Stripe | null>>();

/**
 * Stripe.js for a publishable key and locale, loaded once and shared (Stripe asks for one instance per key and options).
 * The locale makes Stripe's own error messages (declines, validation) come in the patient's language. A failed load (no network
 * to js.stripe.com, a blocked script) is forgotten, so a later try loads again; it rejects, or resolves null where Stripe.js
 * cannot run.
 */
export function stripeFor(publishableKey: string, locale: StripeElementLocale): Promise<Stripe | null> {
  const key = `${publishableKey} ${locale}`;
  let stripe = loaded.get(key);
  if (!stripe) {
    stripe = loadStripe(publishableKey, { locale });
    loaded.set(key, stripe);
    stripe.then(
      (s) => (s ? undefined : loaded.delete(key)),
      () => loaded.delete(key),
    );
  }
  return stripe;
}

/** The app's language as a Stripe locale: the languages the app has (en, ru) are Stripe locales too; anything else is "auto". */
export function stripeLocale(language: string): StripeElementLocale {
  const base = language.split("-")[0];
  return base === "ru" || base === "en" ? base : "auto";
}
