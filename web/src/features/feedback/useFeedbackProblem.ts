import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../shared/api/errors";
import { useProblemText } from "../../shared/ui/problemText";

/** Puts a failed feedback call into words: the feature's own text for a `feedback.*` code, else the app-wide text. */
export function useFeedbackProblem(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && i18n.exists(`feedback.errors.${error.code}`)) return t(`feedback.errors.${error.code}`);
      return problemText(error);
    },
    [t, i18n, problemText],
  );
}
