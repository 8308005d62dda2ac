import { isApiError } from "../../shared/api/errors";
import type { MissingForActivation } from "./adminTypes";

export const PROFILE_INCOMPLETE = "directory.profile_incomplete";

/** What the server said is missing for activation (422 directory.profile_incomplete, errors.missing), or null for any other failure. */
export function missingForActivation(error: unknown): MissingForActivation[] | null {
  if (!isApiError(error) || error.code !== PROFILE_INCOMPLETE) return null;
  return (error.fieldErrors["missing"] ?? []) as MissingForActivation[];
}
