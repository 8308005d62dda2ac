import type { PaymentView } from "./billingApi";

const ACCEPTS_CARD = new Set(["awaitingPayment", "requiresAction", "unpaid"]);
const HAS_RECEIPT = new Set(["captured", "partiallyRefunded", "refunded"]);
const KNOWN_DECLINES = new Set(["card_declined", "insufficient_funds", "authentication_failed"]);

/** A payment takes a card while nothing is held or charged yet, or while the bank still waits for the patient (docs/billing.md). */
export function acceptsCard(status: string): boolean {
  return ACCEPTS_CARD.has(status);
}

/** A receipt exists once money was charged, also after it was (partly) refunded. */
export function hasReceipt(status: string): boolean {
  return HAS_RECEIPT.has(status);
}

/** The i18n key of a gateway's decline code; codes the app has no words for read as a generic failure. */
export function declineKey(code: string): string {
  return `billing.declines.${KNOWN_DECLINES.has(code) ? code : "unknown"}`;
}

/** A card is held (authorised) and not yet charged. */
export function isHeld(payment: Pick<PaymentView, "status">): boolean {
  return payment.status === "authorised";
}
