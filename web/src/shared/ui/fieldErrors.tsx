import { useTranslation } from "react-i18next";
import { isApiError } from "../api/errors";

interface Translator {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
}

/**
 * Codes whose ProblemDetails `errors` hold messages for people (by member path). Others carry data under `errors`
 * (`directory.profile_incomplete`'s `missing`, `clinical.prescription_has_open_findings`' finding codes) that their
 * screens word themselves.
 */
const FIELD_MESSAGE_CODES = new Set(["validation.failed", "request.invalid", "request.invalid_characters"]);

const SEGMENT = /^([A-Za-z_$][\w$]*)?((?:\[\d+\])*)$/;

/**
 * The readable name of an API member path in the reader's language, for a field message shown away from its field:
 * `givenName` → "Given name", `insurance.provider` → "Insurance › Insurer", `diagnoses[1].code` → "Diagnoses #2 › Code",
 * `Items[0].Quantity` → "Quantity #1" (a list without a name of its own gives its number to the member). Null when the
 * member has no name in `fieldLabels` (or the path cannot be read): the message then stands alone, never the API's key.
 */
export function fieldLabel(key: string, { t, exists }: Translator): string | null {
  const path = key.replace(/^\$\.?/, "");
  if (!path) return null;
  const parts: { label: string | null; numbers: number[] }[] = [];
  for (const raw of path.split(".")) {
    const match = SEGMENT.exec(raw);
    if (!match || (!match[1] && !match[2])) return null;
    const name = match[1] ? match[1][0]!.toLowerCase() + match[1].slice(1) : "";
    const numbers = [...(match[2] ?? "").matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
    parts.push({ label: name && exists(`fieldLabels.${name}`) ? t(`fieldLabels.${name}`) : null, numbers });
  }
  const leaf = parts[parts.length - 1]!;
  if (!leaf.label) return null;
  // A list without a name of its own (or a bare index) lends its number to the nearest named member below it.
  const named: { label: string; numbers: number[] }[] = [];
  let carried: number[] = [];
  for (const part of parts) {
    if (!part.label) {
      carried = [...carried, ...part.numbers];
      continue;
    }
    named.push({ label: part.label, numbers: [...carried, ...part.numbers] });
    carried = [];
  }
  const words = named.map(({ label, numbers }) => (numbers.length ? t("fieldPath.item", { label, number: numbers.join(".") }) : label));
  return words.reduce((parent, field) => t("fieldPath.nested", { parent, field }));
}

export interface FieldErrorLine {
  key: string;
  /** The member's name in the reader's language, or null when the message should stand alone. */
  label: string | null;
  text: string;
}

/** The field messages of a failed call that are meant for people, each with its readable label (see {@link fieldLabel}). */
export function fieldErrorLines(error: unknown, translator: Translator, shownFields: readonly string[] = []): FieldErrorLine[] {
  if (!isApiError(error) || !error.hasFieldErrors) return [];
  if (!FIELD_MESSAGE_CODES.has(error.code) && error.status !== 400) return [];
  const shown = new Set(shownFields.map((f) => f.toLowerCase()));
  return Object.entries(error.fieldErrors)
    .filter(([key, messages]) => !shown.has(key.toLowerCase()) && messages.length > 0)
    .map(([key, messages]) => ({ key, label: fieldLabel(key, translator), text: messages.join(" ") }));
}

/**
 * The field messages of a failed call as a list inside an alert: "Given name: Required." (labels in the reader's
 * language, the message alone when the member has no name). `shownFields` are the fields a form already shows under
 * their inputs; they are not repeated. Nothing when there is nothing to list.
 */
export function FieldErrorList({ error, shownFields }: { error: unknown; shownFields?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const lines = fieldErrorLines(error, { t: (key, options) => t(key, options ?? {}), exists: (key) => i18n.exists(key) }, shownFields);
  if (lines.length === 0) return null;
  return (
    <ul className="alert__list">
      {lines.map(({ key, label, text }) => (
        <li key={key}>
          {label ? <span className="alert__field">{label}: </span> : null}
          {text}
        </li>
      ))}
    </ul>
  );
}

/** True when the failed call has field messages for people that none of `shownFields` shows (they belong in an alert). */
export function hasOtherFieldErrors(error: unknown, shownFields: readonly string[]): boolean {
  if (!isApiError(error)) return false;
  const shown = new Set(shownFields.map((f) => f.toLowerCase()));
  return Object.keys(error.fieldErrors).some((key) => !shown.has(key.toLowerCase()));
}
