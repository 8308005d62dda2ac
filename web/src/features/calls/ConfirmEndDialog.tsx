import { useState } from "react";
import { useProblemText } from "../../shared/ui/problemText";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";

/** Asks before ending (doctor) or leaving (patient); Escape or Cancel keeps the call. Shows why ending failed, and stays open then. */
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
  const problemText = useProblemText("calls");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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

  return (
    <ConfirmDialog title={title} text={text} confirmLabel={confirmLabel} destructive urgent busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      {error ? (
        <p className="field-error" role="alert">
          {problemText.withFields(error)}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
