import { useEffect, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatCountdown } from "./idleTimer";

interface Props {
  secondsLeft: number;
  busy: boolean;
  onStay: () => void;
  onSignOut: () => void;
}

/** Modal warning before the idle sign-out. The page behind it is made inert by the layout. */
export function IdleWarningDialog({ secondsLeft, busy, onStay, onSignOut }: Props) {
  const { t } = useTranslation();
  const stayRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    stayRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  // Keep Tab inside the dialog.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Tab" || !dialogRef.current) return;
    const buttons = Array.from(dialogRef.current.querySelectorAll<HTMLButtonElement>("button:not([disabled])"));
    if (buttons.length === 0) return;
    const first = buttons[0]!;
    const last = buttons[buttons.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const time = formatCountdown(secondsLeft);
  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-warning-title"
        aria-describedby="idle-warning-text"
        onKeyDown={onKeyDown}
      >
        <h2 id="idle-warning-title">{t("session.warningTitle")}</h2>
        <p id="idle-warning-text">{t("session.warningText", { time })}</p>
        <p className="countdown" data-testid="idle-countdown" aria-hidden="true">
          {time}
        </p>
        <div className="button-row">
          <button ref={stayRef} type="button" className="button" onClick={onStay} disabled={busy}>
            {t("session.staySignedIn")}
          </button>
          <button type="button" className="button button--secondary" onClick={onSignOut} disabled={busy}>
            {t("app.signOut")}
          </button>
        </div>
      </div>
    </div>
  );
}
