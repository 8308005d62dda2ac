import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { errorMessageKey, isApiError, KNOWN_ERROR_CODES } from "../api/errors";
import { fieldErrorLines } from "./fieldErrors";

/** A feature whose i18n namespace has an `errors` section keyed by ProblemDetails code (e.g. `calls.errors["attachment.too_large"]`). */
export type ProblemNamespace =
  | "analytics"
  | "billing"
  | "calls"
  | "clinical"
  | "consultations"
  | "feedback"
  | "frontOffice"
  | "pharmacy"
  | "privacy"
  | "scheduling"
  | "record";

/** What the call was doing, when a status without a code still says something (uploads: 413, 415, 422). */
export type ProblemContext = "attachment";

export interface ProblemText {
  /** The readable, translated message. */
  message: string;
  /** The server's own detail, when it adds something to the message. */
  detail?: string;
  /** True when the message was written for this code (or context), not a generic one by status. */
  specific: boolean;
}

const ATTACHMENT_BY_STATUS: Record<number, string> = {
  413: "attachment.too_large",
  415: "attachment.unsupported_type",
  422: "attachment.infected",
};

interface Translator {
  t: (key: string) => string;
  exists: (key: string) => boolean;
  /** The reader's language; the server writes its `detail` in English, so another reader gets it only when nothing better exists. */
  language?: string;
}

/**
 * Turns a failed call into text: the feature's own translation of the ProblemDetails `code` first,
 * then (uploads) the attachment text by status, then the app-wide text for a known code (errors.* or errorCodes.*), else the
 * app-wide text for the HTTP status. The server's `detail` rides along when it says more: for an English reader, or for
 * another when no text was written for the code.
 */
export function describeProblem(error: unknown, { t, exists, language }: Translator, namespace?: ProblemNamespace, context?: ProblemContext): ProblemText {
  if (!isApiError(error)) return { message: t("errors.unknown"), specific: false };
  const english = !language || language.startsWith("en");
  const withDetail = (message: string, specific: boolean): ProblemText => {
    // The server's English sentence beside a message in the reader's own language would only repeat it in another language.
    const detail = english || !specific ? error.detail || undefined : undefined;
    return { message, specific, detail: detail && detail !== message ? detail : undefined };
  };
  if (namespace && error.code && exists(`${namespace}.errors.${error.code}`)) return withDetail(t(`${namespace}.errors.${error.code}`), true);
  const byStatus = ATTACHMENT_BY_STATUS[error.status];
  if (namespace && context === "attachment" && byStatus && exists(`${namespace}.errors.${byStatus}`)) {
    return withDetail(t(`${namespace}.errors.${byStatus}`), true);
  }
  const known = (KNOWN_ERROR_CODES as readonly string[]).includes(error.code) && error.code !== "unknown";
  // A code no feature words (and not one of the app-wide ones above): an English reader gets the server's sentence, which may
  // name a limit or a value; any other reader the app-wide text in their language rather than that English sentence.
  if (!known && error.code && (!english || !error.detail) && exists(`errorCodes.${error.code}`)) return withDetail(t(`errorCodes.${error.code}`), true);
  return withDetail(t(errorMessageKey(error)), known);
}

/** One line for a failed call: the specific text, else the server's detail or title, else the generic text. */
export function problemLine(error: unknown, translator: Translator, namespace?: ProblemNamespace, context?: ProblemContext): string {
  const text = describeProblem(error, translator, namespace, context);
  if (text.specific || !isApiError(error)) return text.message;
  return error.detail || error.title || text.message;
}

export interface ProblemTextFn {
  /** One readable line (see {@link problemLine}). */
  (error: unknown, context?: ProblemContext): string;
  /** Message and server detail apart (see {@link describeProblem}). */
  describe: (error: unknown, context?: ProblemContext) => ProblemText;
  /**
   * The line and, after it, the field messages meant for people by their readable names ("Check the form. Quantity #1: Must
   * be at least 1."), for a place that can show only text (a status line, a message under an input). An alert lists them
   * instead (see ProblemMessage).
   */
  withFields: (error: unknown, context?: ProblemContext) => string;
}

/**
 * The app's one way to turn a ProblemDetails error into readable, localised text. Pass the feature
 * whose own `errors` texts should be preferred; the returned function is stable while the language is.
 */
export function useProblemText(namespace?: ProblemNamespace): ProblemTextFn {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const translator: Translator = { t: (key) => t(key), exists: (key) => i18n.exists(key), language: i18n.language };
    const fn = ((error: unknown, context?: ProblemContext) => problemLine(error, translator, namespace, context)) as ProblemTextFn;
    fn.describe = (error, context) => describeProblem(error, translator, namespace, context);
    fn.withFields = (error, context) => {
      const lines = fieldErrorLines(error, { t: (key, options) => t(key, options ?? {}), exists: (key) => i18n.exists(key) });
      const fields = lines.map(({ label, text }) => (label ? `${label}: ${text}` : text));
      return [fn(error, context), ...fields].join(" ");
    };
    return fn;
  }, [t, i18n, namespace]);
}
