import { useTranslation } from "react-i18next";
import { formatCountdown } from "./idleTimer";
import { ConfirmDialog } from "../ui/ConfirmDialog";

interface Props {
  secondsLeft: number;
  busy: boolean;
  /** While "Sign out" is being sent. */
  signingOut?: boolean;
  onStay: () => void;
  onSignOut: () => void;
}

/** Modal warning before the idle sign-out; Escape (like the focused button) keeps the session. The page behind is made inert by the layout. */
export function IdleWarningDialog({ secondsLeft, busy, signingOut = false, onStay, onSignOut }: Props) {
  const { t } = useTranslation();
  const time = formatCountdown(secondsLeft);
  return (
    <ConfirmDialog
      title={t("session.warningTitle")}
      text={t("session.warningText", { time })}
      confirmLabel={t("session.staySignedIn")}
      cancelLabel={t("app.signOut")}
      urgent
      busy={busy}
      cancelBusy={signingOut}
      initialFocus="confirm"
      onEscape={onStay}
      onConfirm={onStay}
      onCancel={onSignOut}
    >
      <p className="countdown" data-testid="idle-countdown" aria-hidden="true">
        {time}
      </p>
    </ConfirmDialog>
  );
}
