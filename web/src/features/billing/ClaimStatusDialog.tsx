import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { TextAreaField } from "../../shared/ui/fields";
import { formatDate, formatMoney } from "../../shared/ui/format";
import { billingApi, type ClaimStatus, type ClaimView } from "./billingApi";
import { BillingProblem } from "./BillingProblem";
import { CLAIM_NOTE_MAX } from "./claimRules";
import { isolate } from "../../shared/ui/UserText";

/** The i18n key of the button that moves a claim from `from` to `to` ("Resubmit" for a rejected claim sent again). */
export function claimActionKey(from: string, to: ClaimStatus): string {
  return from === "rejected" && to === "submitted" ? "billing.claims.action.resubmitted" : `billing.claims.action.${to}`;
}

/**
 * The admin's confirmation of a claim's next status, with an optional note (the insurer's reference, or the reason for a rejection;
 * the server keeps the last one and an empty note leaves it as it was). A failure stays in the dialog, in words; `onFailed` lets the
 * page reload the list when the claim turned out to have moved on.
 */
export function ClaimStatusDialog({
  claim,
  to,
  onDone,
  onFailed,
  onCancel,
}: {
  claim: ClaimView;
  to: ClaimStatus;
  onDone: (claim: ClaimView) => void;
  onFailed: (error: unknown) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState("");
  const [tooLong, setTooLong] = useState(false);
  const change = useMutation({
    mutationFn: () => billingApi.changeClaimStatus(claim.id, to, note.trim() || null),
    onSuccess: onDone,
    onError: onFailed,
  });
  const action = t(claimActionKey(claim.status, to));
  const submit = () => {
    if (note.trim().length > CLAIM_NOTE_MAX) {
      setTooLong(true);
      return;
    }
    setTooLong(false);
    change.mutate();
  };
  return (
    <ConfirmDialog
      title={t("billing.claims.dialog.title", { action })}
      text={t("billing.claims.dialog.text", {
        insurer: isolate(claim.insurer),
        policy: isolate(claim.policyNumber),
        amount: formatMoney({ amountMinor: Number(claim.amountMinor), currency: claim.currency }, i18n.language),
        date: formatDate(claim.serviceDate, i18n.language),
        status: t(`billing.claims.statusName.${to}`),
      })}
      confirmLabel={action}
      destructive={to === "rejected"}
      busy={change.isPending}
      testId="claim-status-dialog"
      onConfirm={submit}
      onCancel={onCancel}
    >
      <TextAreaField
        dir="auto"
        label={t(to === "rejected" ? "billing.claims.dialog.reason" : "billing.claims.dialog.note")}
        value={note}
        maxLength={CLAIM_NOTE_MAX}
        onChange={(e) => setNote(e.target.value)}
        error={tooLong ? { message: "billing.claims.dialog.noteTooLong" } : undefined}
        data-testid="claim-note"
      />
      <BillingProblem error={change.error} />
    </ConfirmDialog>
  );
}
