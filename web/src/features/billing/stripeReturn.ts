/** The query parameters Stripe adds to return_url after a redirect (3-D Secure, bank pages); the client secret is one of them. */
export const STRIPE_RETURN_PARAMS = ["payment_intent", "payment_intent_client_secret", "redirect_status", "setup_intent", "setup_intent_client_secret"];

/** Whether a page's query string is Stripe's return from a redirect. */
export function isStripeReturn(search: string): boolean {
  return new URLSearchParams(search).has("payment_intent_client_secret");
}

/** The query string without Stripe's return parameters ("" or "?…"), so no client secret stays in the address or history. */
export function withoutStripeReturn(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of STRIPE_RETURN_PARAMS) params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

/** The address Stripe sends the patient back to after a redirect: this page, without any earlier return parameters. */
export function stripeReturnUrl(location: Pick<Location, "origin" | "pathname" | "search" | "hash">): string {
  return `${location.origin}${location.pathname}${withoutStripeReturn(location.search)}${location.hash}`;
}
