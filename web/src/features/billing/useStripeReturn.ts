import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import type { PaymentView } from "./billingApi";
import { acceptsCard } from "./paymentRules";
import { DEFAULT_SYNC, syncUntilSettled, type SyncPolicy } from "./stripeFlow";
import { isStripeReturn, withoutStripeReturn } from "./stripeReturn";

/** After Stripe's redirect: still syncing, the card is held (or the payment moved on), the bank did not confirm, or the sync failed. */
export type StripeReturn = { state: "none" | "syncing" | "settled" | "notAuthorised" } | { state: "failed"; error: unknown };

/**
 * The patient's return from a Stripe redirect (a bank page, 3-D Secure outside Stripe's dialog): Stripe appends
 * `payment_intent_client_secret` (and the intent's id and status) to the page address. The parameters are removed at once
 * (a replace, so neither the address bar nor the history keeps the secret); then, once the payment is known and is Stripe's,
 * the server syncs it, because only the server's view says whether the card is held. Stripe's `redirect_status` is not trusted.
 */
export function useStripeReturn(payment: PaymentView | undefined, onUpdate: (payment: PaymentView) => void, sync: SyncPolicy = DEFAULT_SYNC): StripeReturn {
  const location = useLocation();
  const navigate = useNavigate();
  const [returned, setReturned] = useState(false);
  const [result, setResult] = useState<StripeReturn>({ state: "none" });
  const synced = useRef(false);

  useEffect(() => {
    if (!isStripeReturn(location.search)) return;
    setReturned(true);
    void navigate({ pathname: location.pathname, search: withoutStripeReturn(location.search), hash: location.hash }, { replace: true, state: location.state });
  }, [location, navigate]);

  const paymentId = payment?.gateway === "stripe" ? payment.id : null;
  useEffect(() => {
    if (!returned || !paymentId || synced.current) return;
    synced.current = true;
    setResult({ state: "syncing" });
    syncUntilSettled(paymentId, sync).then(
      (view) => {
        onUpdate(view);
        setResult({ state: acceptsCard(view.status) ? "notAuthorised" : "settled" });
      },
      (error: unknown) => setResult({ state: "failed", error }),
    );
  }, [returned, paymentId, onUpdate, sync]);

  return result;
}
