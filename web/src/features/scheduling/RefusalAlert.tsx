import { useTranslation } from "react-i18next";
import type { AppointmentStatus } from "../../shared/api/scheduling";
import { hasCode, ProblemAlert } from "./common";

/**
 * Why an action on a visit failed, in the reader's language. "Not possible in this state" becomes the state itself
 * ("This visit has already been cancelled."), read from the visit as refetched after the refusal; other stable codes
 * have their own text in `scheduling.errors`.
 */
export function RefusalAlert({ error, status }: { error: unknown; status: AppointmentStatus }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (hasCode(error, "scheduling.invalid_transition")) {
    return (
      <div className="alert alert--error" role="alert" data-testid="refusal">
        <p>{t(`scheduling.refusedBecause.${status}`)}</p>
      </div>
    );
  }
  return <ProblemAlert error={error} />;
}
