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

const RELEASED_REASONS = new Set([
  "visit",
  "lateCancellationFee",
  "noShowFee",
  "cancelledInTime",
  "cancelledByClinic",
  "doctorAbsent",
  "technicalFailure",
  "patientLeft",
  "emergencyAdvised",
]);

/**
 * The i18n key of the sentence that says what a payment's settlement reason means. A `released` payment took no money (the hold was
 * let go, or no card was ever held), so its reason reads under `billing.released` ("Nothing was charged: the clinic cancelled the
 * visit") and never as a charge or a refund: the live walk found a released payment saying "Refunded because the doctor could not
 * attend". Any other status names what the money was taken for (or is owed for) under `billing.settlement`; the caller shows a
 * reason this version has no words for as it is.
 */
export function settlementKey(payment: Pick<PaymentView, "status" | "settlement">): string {
  const reason = payment.settlement ?? "";
  if (payment.status === "released") return `billing.released.${RELEASED_REASONS.has(reason) ? reason : "other"}`;
  return `billing.settlement.${reason}`;
}
