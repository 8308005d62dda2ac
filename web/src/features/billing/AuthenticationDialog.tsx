import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";

/**
 * The sandbox's stand-in for the bank's 3-D Secure page: the patient approves or fails the payment. Escape counts as "Fail",
 * as closing a bank's window would.
 */
export function AuthenticationDialog({ onAnswer }: { onAnswer: (approved: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t("billing.auth.title")}
      text={t("billing.auth.text")}
      confirmLabel={t("billing.auth.approve")}
      cancelLabel={t("billing.auth.fail")}
      initialFocus="confirm"
      testId="authentication-dialog"
      onConfirm={() => onAnswer(true)}
      onCancel={() => onAnswer(false)}
    />
  );
}
