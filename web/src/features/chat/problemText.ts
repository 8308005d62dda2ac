import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { errorMessageKey, isApiError, KNOWN_ERROR_CODES } from "../../shared/api/errors";

const ATTACHMENT_BY_STATUS: Record<number, string> = {
  413: "attachment.too_large",
  415: "attachment.unsupported_type",
  422: "attachment.infected",
};

/**
 * A readable text for a failed call: the translation of its ProblemDetails `code` when there is one,
 * else the server's own detail or title, else a message by HTTP status. For uploads, 413/415/422
 * without a code still read as the attachment problems.
 */
export function useProblemText(): (error: unknown, context?: "attachment") => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown, context?: "attachment") => {
      if (!isApiError(error)) return t("errors.unknown");
      const own = `calls.errors.${error.code}`;
      if (i18n.exists(own)) return t(own);
      if (context === "attachment" && ATTACHMENT_BY_STATUS[error.status]) {
        return t(`calls.errors.${ATTACHMENT_BY_STATUS[error.status]}`);
      }
      if ((KNOWN_ERROR_CODES as readonly string[]).includes(error.code) && error.code !== "unknown") {
        return t(errorMessageKey(error));
      }
      return error.detail || error.title || t(errorMessageKey(error));
    },
    [t, i18n],
  );
}
