import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../shared/api/errors";
import { useProblemText } from "../../shared/ui/problemText";

/**
 * Puts a failed privacy call into words: the privacy page's own text for the ProblemDetails code (e.g.
 * `privacy.erasure_already_requested`, or `rate_limited` for the export's 429), else the app-wide text.
 */
export function usePrivacyProblem(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && i18n.exists(`privacy.errors.${error.code}`)) return t(`privacy.errors.${error.code}`);
      return problemText(error);
    },
    [t, i18n, problemText],
  );
}
