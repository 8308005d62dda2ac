import { majorToMinor, minorUnitFactor } from "../../shared/ui/format";
import type { PaymentView } from "./billingApi";

/** What can still be refunded: charged minus already refunded, in minor units (never negative). */
export function refundableMinor(payment: Pick<PaymentView, "captured" | "refunded">): number {
  return Math.max(0, Number(payment.captured.amountMinor) - Number(payment.refunded.amountMinor));
}

/** Only charged money can be refunded, and only while some is left. */
export function canRefund(payment: PaymentView): boolean {
  return (payment.status === "captured" || payment.status === "partiallyRefunded") && refundableMinor(payment) > 0;
}

/**
 * The admin's refund as typed: an amount in major units ("500", "500,50") above zero and at most what is left, and a reason of
 * 1–500 characters (the server checks both again). Returns the amount in minor units, or which field is wrong.
 */
export function checkRefund(
  payment: Pick<PaymentView, "captured" | "refunded">,
  amount: string,
  reason: string,
): { amountMinor: number } | { error: "amount" | "reason" } {
  const minor = majorToMinor(amount, minorUnitFactor(payment.captured.currency));
  if (minor === undefined || Number.isNaN(minor) || minor <= 0 || minor > refundableMinor(payment)) return { error: "amount" };
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) return { error: "reason" };
  return { amountMinor: minor };
}
