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

/** Reasons an unpaid payment can owe money for, worded as owed ("Due for the visit"), never as already charged. */
const OWED_REASONS = new Set(["visit", "patientLeft"]);

/** Sentences that speak to the patient ("you cancelled in time") and have a third-person wording for the clinic's staff. */
const WORDED_FOR_CLINIC = new Set([
  "settlement.patientLeft",
  "settlement.emergencyAdvised",
  "released.cancelledInTime",
  "released.emergencyAdvised",
  "owed.patientLeft",
]);

/** Who reads a settlement: the payer (the patient's payment panel) or the clinic's staff (the administrator's payments). */
export type SettlementReader = "payer" | "clinic";

/**
 * The i18n key of the sentence that says what a payment's settlement reason means. A `released` payment took no money (the hold was
 * let go, or no card was ever held), so its reason reads under `billing.released` ("Nothing was charged: the clinic cancelled the
 * visit") and never as a charge or a refund: the live walk found a released payment saying "Refunded because the doctor could not
 * attend". An `unpaid` payment owes its visit, so it reads under `billing.owed` ("Due for the visit"; it read "Charged for the
 * visit" though nothing was taken); its fees read as the fees they are. Any other status names what the money was taken for under
 * `billing.settlement`; the caller shows a reason this version has no words for as it is. For the clinic's staff, a sentence
 * addressed to the patient reads in the third person (`billing.forClinic`: "the patient cancelled in time").
 */
export function settlementKey(payment: Pick<PaymentView, "status" | "settlement">, reader: SettlementReader = "payer"): string {
  const reason = payment.settlement ?? "";
  const sentence =
    payment.status === "released"
      ? `released.${RELEASED_REASONS.has(reason) ? reason : "other"}`
      : payment.status === "unpaid" && OWED_REASONS.has(reason)
        ? `owed.${reason}`
        : `settlement.${reason}`;
  return reader === "clinic" && WORDED_FOR_CLINIC.has(sentence) ? `billing.forClinic.${sentence}` : `billing.${sentence}`;
}
