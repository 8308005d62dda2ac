import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { keepTabInside } from "./focusTrap";
import { BusyButton } from "./BusyButton";
import { useTranslation } from "react-i18next";


export interface ConfirmDialogProps {
  /** The question, as the dialog's accessible name. */
  /** A string, or a `<UserSentence>` when it holds a user's name. */
  title: ReactNode;
  /** What happens if confirmed, as the dialog's accessible description. */
  text: string;
  confirmLabel: string;
  /** Default: "Cancel". */
  cancelLabel?: string;
  /** An action that cannot be undone (ending a call, revoking access): a red confirm button. */
  destructive?: boolean;
  /** Interrupts something under way (a call, the session): announced at once as an alertdialog instead of a dialog. */
  urgent?: boolean;
  /** While the action runs: both buttons disabled, Escape ignored, and the confirm button shows it is busy. */
  busy?: boolean;
  /** The confirm button's in-progress text ("Revoking…"); default: its label with a spinner and a generic announcement. */
  busyLabel?: string;
  /** While the cancel button's own request runs (the idle warning's "Sign out"): it shows it is busy, the confirm button waits disabled and Escape is ignored. */
  cancelBusy?: boolean;
  /** Which button has focus on opening; default the cancel button (the safe choice). */
  initialFocus?: "confirm" | "cancel";
  /** What Escape does; default: cancel. */
  onEscape?: () => void;
  /** A message under the text (an error from the last try, a countdown). */
  children?: ReactNode;
  testId?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The one modal confirmation of the app: labelled by its title and described by its text, focus moves in on opening (to
 * Cancel unless asked otherwise), Tab and Shift+Tab stay inside, Escape cancels (never while busy), and focus goes back to
 * where it was when the dialog closes. The page behind is covered by the backdrop.
 */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  cancelLabel,
  destructive = false,
  urgent = false,
  busy = false,
  busyLabel,
  cancelBusy = false,
  initialFocus = "cancel",
  onEscape,
  children,
  testId,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    (initialFocus === "confirm" ? confirmRef : cancelRef).current?.focus();
    return () => previous?.focus?.();
    // Focus moves once, on opening; a re-render must not steal it back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      if (!busy && !cancelBusy) (onEscape ?? onCancel)();
      return;
    }
    keepTabInside(event, dialogRef.current);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role={urgent ? "alertdialog" : "dialog"}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-text`}>{text}</p>
        {children}
        <div className="button-row">
          <BusyButton ref={confirmRef} type="button" className={destructive ? "button button--danger" : "button"} onClick={onConfirm} busy={busy} disabled={cancelBusy} busyLabel={busyLabel}>
            {confirmLabel}
          </BusyButton>
          <BusyButton ref={cancelRef} type="button" className="button button--secondary" onClick={onCancel} busy={cancelBusy} disabled={busy}>
            {cancelLabel ?? t("app.cancel")}
          </BusyButton>
        </div>
      </div>
    </div>
  );
}
