import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../shared/api/errors";
import { useProblemText } from "../../shared/ui/problemText";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { callsApi, type ScreenSharingView } from "./callsApi";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * The doctor's switch in a group call (issue 16): let the patient share their screen, or take it back. PUT
 * /screen-sharing; the answer (and the hub's screenSharingChanged to everyone) sets the state. Revoking also makes
 * the host drop the patient's screen from Janus.
 */
export function PatientScreenSharingToggle({
  consultationId,
  allowed,
  onChanged,
}: {
  consultationId: string;
  /** The permission as the page knows it now (GET /call, the hub). */
  allowed: boolean;
  onChanged: (allowed: boolean) => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText("calls");
  const change = useMutation({
    mutationFn: (patientAllowed: boolean) => callsApi.setScreenSharing(consultationId, patientAllowed),
    onSuccess: (answer: ScreenSharingView) => onChanged(answer.patientAllowed),
  });
  const error = change.error;
  // The translated text for the code and the server's own detail (ProblemDetails) when it says more.
  const problem = error ? problemText.describe(error) : null;
  return (
    <div className="call-controls patient-screen-sharing">
      <BusyButton
        type="button"
        className="button button--secondary"
        data-testid="allow-patient-screen"
        aria-pressed={allowed}
        busy={change.isPending}
        onClick={() => change.mutate(!allowed)}
      >
        {allowed ? t("calls.sfu.patientMayShareScreen") : t("calls.sfu.allowPatientScreen")}
      </BusyButton>
      {error && problem ? (
        <div className="alert alert--error" role="alert" data-testid="allow-patient-screen-error" data-code={isApiError(error) ? error.code : undefined}>
          <p>
            {problem.message}
            {problem.detail ? ` ${problem.detail}` : null}
          </p>
          <FieldErrorList error={error} />
        </div>
      ) : null}
    </div>
  );
}
