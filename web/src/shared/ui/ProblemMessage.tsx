import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/errors";
import { FieldErrorList } from "./fieldErrors";
import { useProblemText, type ProblemContext, type ProblemNamespace } from "./problemText";

/**
 * A failed call as an alert (role="alert"): one readable line — the feature's own text for its ProblemDetails `code` first
 * (`namespace`), else the app-wide one, else the server's detail — then the server's field messages by their readable names
 * (a `validation.failed` lists "Quantity #1: Must be at least 1.", never only "Check the form"), except `shownFields`, which
 * the form shows under their inputs. `lead` goes before the line ("Sending failed."); `onRetry` adds a retry button (labelled
 * `retryLabel`, else "Try again"). The code rides on `data-code` for tests. Nothing without an error.
 */
export function ProblemMessage({
  error,
  namespace,
  context,
  lead,
  onRetry,
  retryLabel,
  shownFields,
  testId,
  children,
}: {
  error: unknown;
  namespace?: ProblemNamespace;
  context?: ProblemContext;
  lead?: string;
  onRetry?: () => void;
  retryLabel?: string;
  shownFields?: readonly string[];
  testId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText(namespace);
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid={testId} data-code={isApiError(error) ? error.code : undefined}>
      <p>{lead ? `${lead} ${problemText(error, context)}` : problemText(error, context)}</p>
      <FieldErrorList error={error} shownFields={shownFields} />
      {children}
      {onRetry ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {retryLabel ?? t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}
