import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { useProblemText } from "../../shared/ui/problemText";

/** A failed billing call in words (the billing texts for its code first, e.g. billing.gateway_unavailable); nothing without an error. */
export function BillingProblem({
  error,
  onRetry,
  retryLabel,
  shownFields,
}: {
  error: unknown;
  onRetry?: () => void;
  retryLabel?: string;
  /** Fields the form already shows under their inputs: their messages are not listed again. */
  shownFields?: readonly string[];
}) {
  const problemText = useProblemText("billing");
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{problemText(error)}</p>
      <FieldErrorList error={error} shownFields={shownFields} />
      {onRetry && retryLabel ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
