import type { Stripe, StripeElements } from "@stripe/stripe-js";
import { billingApi, type PaymentView } from "./billingApi";
import { acceptsCard } from "./paymentRules";

/** How confirming with Stripe ended: Stripe's own (localized) message when it refused, else the payment as our server now has it. */
export type StripeOutcome = { error: string } | { payment: PaymentView };

/** How long to keep asking the server before showing what it has: attempts and the wait before each retry, in milliseconds. */
export interface SyncPolicy {
  attempts: number;
  delayMs: number;
}

export const DEFAULT_SYNC: SyncPolicy = { attempts: 5, delayMs: 1500 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks the server to sync the payment with Stripe until it leaves the card-accepting states (authorised once the card is held,
 * as the webhook also sets it), at most `policy.attempts` times; returns the last view either way (the webhook still updates it later).
 */
export async function syncUntilSettled(paymentId: string, policy: SyncPolicy = DEFAULT_SYNC): Promise<PaymentView> {
  let view = await billingApi.sync(paymentId);
  for (let attempt = 1; attempt < policy.attempts && acceptsCard(view.status); attempt++) {
    await wait(policy.delayMs);
    view = await billingApi.sync(paymentId);
  }
  return view;
}

/**
 * Confirms the PaymentIntent with what the patient typed into the Payment Element (card details go from Stripe's frame to
 * Stripe, never to us). 3-D Secure runs inside Stripe's own dialog; only payment methods that need a full-page redirect leave
 * the page, coming back to `returnUrl`. On Stripe's refusal nothing else happens (the same intent takes another card); on
 * success the server's view is what counts.
 */
export async function confirmWithStripe(
  stripe: Stripe,
  elements: StripeElements,
  payment: PaymentView,
  returnUrl: string,
  policy: SyncPolicy = DEFAULT_SYNC,
): Promise<StripeOutcome> {
  const result = await stripe.confirmPayment({ elements, redirect: "if_required", confirmParams: { return_url: returnUrl } });
  if (result.error) return { error: result.error.message ?? "" };
  return { payment: await syncUntilSettled(payment.id, policy) };
}
