import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { formatMoney, minorToMajorString, minorUnitFactor } from "../../shared/ui/format";
import { billingApi, type PaymentView } from "./billingApi";
import { ApiError } from "../../shared/api/errors";
import { BillingProblem } from "./BillingProblem";
import { checkRefund, refundableMinor } from "./refundRules";
import { newIdempotencyKey } from "../../shared/api/scheduling";

/** The admin's refund of a charged payment: amount (default: all that is left) and a reason, both audited by the server. */
/**
 * `onStale`: the server refused the refund because the payment is not as shown (another refund meanwhile, a refund too large for
 * what is left now): the page reloads its payments and hands the dialog the payment as it is, so "at most" is true again.
 */
export function RefundDialog({
  payment,
  onDone,
  onCancel,
  onStale,
}: {
  payment: PaymentView;
  /** The payment as saved, and the amount this refund gave back (minor units). */
  onDone: (payment: PaymentView, refundedMinor: number) => void;
  onCancel: () => void;
  onStale?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const left = refundableMinor(payment);
  const currency = payment.captured.currency;
  const [amount, setAmount] = useState(minorToMajorString(left, minorUnitFactor(currency)));
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<"amount" | "reason" | null>(null);
  // One key per refund asked for: sending the same amount again (after a lost answer or an error) reuses it, so the server makes
  // the refund once; another amount is another refund and gets a new key.
  const requestKey = useRef<{ amountMinor: number; key: string } | null>(null);
  const keyFor = (amountMinor: number) => {
    if (requestKey.current?.amountMinor !== amountMinor) requestKey.current = { amountMinor, key: newIdempotencyKey() };
    return requestKey.current.key;
  };
  const refund = useMutation({
    mutationFn: (amountMinor: number) => billingApi.refund(payment.id, amountMinor, reason.trim(), keyFor(amountMinor)),
    onSuccess: (after, amountMinor) => onDone(after, amountMinor),
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) onStale?.();
    },
  });
  const submit = () => {
    const checked = checkRefund(payment, amount, reason);
    if ("error" in checked) {
      setInvalid(checked.error);
      return;
    }
    setInvalid(null);
    refund.mutate(checked.amountMinor);
  };
  return (
    <ConfirmDialog
      title={t("billing.admin.refundTitle")}
      text={t("billing.admin.refundLeft", { amount: formatMoney({ amountMinor: left, currency }, i18n.language) })}
      confirmLabel={t("billing.admin.refund")}
      destructive
      busy={refund.isPending}
      testId="refund-dialog"
      onConfirm={submit}
      onCancel={onCancel}
    >
      <TextField
        label={t("billing.admin.refundAmount", { currency })}
        value={amount}
        inputMode="decimal"
        onChange={(e) => setAmount(e.target.value)}
        error={invalid === "amount" ? { message: "billing.admin.refundAmountInvalid" } : undefined}
        data-testid="refund-amount"
      />
      <TextAreaField
        dir="auto"
        label={t("billing.admin.refundReason")}
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        error={invalid === "reason" ? { message: "billing.admin.refundReasonRequired" } : undefined}
        data-testid="refund-reason"
      />
      <BillingProblem error={refund.error} />
    </ConfirmDialog>
  );
}
