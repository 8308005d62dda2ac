import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useProblemText } from "../../shared/ui/problemText";

/** Asks before ending (doctor) or leaving (patient); Escape or Cancel keeps the call. Focus stays inside while open. */
export function ConfirmEndDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText("calls");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape" && !busy) {
      onClose();
      return;
    }
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

  return (
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal" role="alertdialog" aria-modal="true" aria-labelledby="end-call-title" aria-describedby="end-call-text" onKeyDown={onKeyDown}>
        <h2 id="end-call-title">{title}</h2>
        <p id="end-call-text">{text}</p>
        {error ? (
          <p className="field-error" role="alert">
            {problemText(error)}
          </p>
        ) : null}
        <div className="button-row">
          <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
            {confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
            {t("app.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}
