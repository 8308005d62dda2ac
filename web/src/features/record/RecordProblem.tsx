import { useTranslation } from "react-i18next";
import { isApiError } from "../../shared/api/errors";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { useProblemText } from "../../shared/ui/problemText";

/**
 * A failed record call as readable text. 404 means "no such patient or no care relationship" — the API never says which —
 * so it reads as "no access" rather than as a broken page.
 */
export function RecordProblem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText("record");
  if (!error) return null;
  if (isApiError(error) && error.status === 404) {
    return (
      <p className="alert alert--warning" role="alert" data-testid="record-no-access">
        {t("record.noAccess")}
      </p>
    );
  }
  return (
    <div className="alert alert--error" role="alert">
      <p>{problemText(error)}</p>
      <FieldErrorList error={error} />
      {onRetry ? (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {t("app.retry")}
        </button>
      ) : null}
    </div>
  );
}
