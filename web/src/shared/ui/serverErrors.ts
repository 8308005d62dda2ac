import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { isApiError } from "../api/errors";

/**
 * Puts the server's field errors under the matching form fields (type "server", text as sent).
 * Returns true when every field error found a field, so no extra summary is needed.
 * The form's values are never reset, so what the user typed stays.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  if (!isApiError(error) || !error.hasFieldErrors) return false;
  let allMatched = true;
  let first = true;
  for (const [name, messages] of Object.entries(error.fieldErrors)) {
    const field = fields.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!field) {
      allMatched = false;
      continue;
    }
    setError(field, { type: "server", message: messages.join(" ") }, { shouldFocus: first });
    first = false;
  }
  return allMatched;
}
