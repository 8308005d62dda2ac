import { billingApi, type PaymentView, type SandboxCard } from "./billingApi";

/** How paying with a card ended: the payment as the server now has it, and the gateway's decline code when the card was refused. */
export interface PayOutcome {
  payment: PaymentView;
  declineCode: string | null;
}

/**
 * Pays with a sandbox card: confirm the card with the payment's client secret; if the bank asks for authentication (the
 * sandbox's stand-in for 3-D Secure) wait for the patient's answer and pass it on; then ask the server to sync the payment
 * with the gateway, because only the server's view (not the browser's) says whether the card is held. A decline comes from
 * the gateway's answer, else from the synced payment.
 */
export async function payWithSandboxCard(
  payment: PaymentView,
  card: SandboxCard,
  askAuthentication: () => Promise<boolean>,
): Promise<PayOutcome> {
  const clientSecret = payment.clientSecret;
  if (!clientSecret) throw new Error("The payment takes no card now.");
  let answer = await billingApi.sandboxConfirm(clientSecret, card);
  if (answer.status === "requires_action") {
    const approved = await askAuthentication();
    answer = await billingApi.sandboxAuthenticate(clientSecret, approved);
  }
  const synced = await billingApi.sync(payment.id);
  const declined = answer.status === "requires_payment_method";
  return { payment: synced, declineCode: declined ? (answer.declineCode ?? synced.declineCode ?? "unknown") : null };
}
