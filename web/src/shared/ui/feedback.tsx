import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrorList } from "./fieldErrors";
import { useProblemText } from "./problemText";

/**
 * A translated, readable message for a failed call; role="alert" so screen readers announce it. The server's field messages
 * are listed by their readable names, except those in `shownFields`, which the form already shows under their inputs.
 */
export function ErrorAlert({ error, onRetry, shownFields }: { error: unknown; onRetry?: () => void; shownFields?: readonly string[] }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{problemText.describe(error).message}</p>
      <FieldErrorList error={error} shownFields={shownFields} />
      {onRetry ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--success" role="status">
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t("app.loading")}
    </p>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
