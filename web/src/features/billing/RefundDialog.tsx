import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { TextAreaField, TextField } from "../../shared/ui/fields";
import { formatMoney, minorToMajorString, minorUnitFactor } from "../../shared/ui/format";
import { billingApi, type PaymentView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { checkRefund, refundableMinor } from "./refundRules";
import { newIdempotencyKey } from "../../shared/api/scheduling";

/** The admin's refund of a charged payment: amount (default: all that is left) and a reason, both audited by the server. */
export function RefundDialog({ payment, onDone, onCancel }: { payment: PaymentView; onDone: (payment: PaymentView) => void; onCancel: () => void }) {
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
    onSuccess: onDone,
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
