/**
 * Why a button is disabled, as readable text beside it: a disabled button with no reason leaves people guessing (and a
 * screen reader user may never find out). Give the button `disabled={!!reason}` and `aria-describedby={reason ? id : undefined}`
 * with the same `id`; nothing is rendered while there is no reason.
 */
export function DisabledReason({ id, reason, testId = "disabled-reason" }: { id: string; reason: string | null | undefined; testId?: string }) {
  if (!reason) return null;
  return (
    <p className="field-hint disabled-reason" id={id} data-testid={testId}>
      {reason}
    </p>
  );
}
